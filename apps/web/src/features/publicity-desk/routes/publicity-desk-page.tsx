import { App, Button, Checkbox, Form, Input, Modal, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState, type Key } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem, type ProblemDocument } from '../../../lib/api/problem';
import { useMe } from '../../../lib/auth/use-me';
import { applyProblemToForm } from '../../../lib/form-errors';
import { useLanguage } from '../../../lib/i18n';
import { Label } from '../../../lib/labels';
import { formatFen } from '../../../lib/money';
import { formatInstant } from '../../../lib/time';
import {
  useDecideObjection,
  useObjections,
  usePrograms,
  usePublicityCases,
  type PublicityItem,
} from '../api/objections';
import { ObjectionList } from '../components/objection-list';

interface DecideForm {
  comment: string;
  falseClaim?: boolean;
}

/** One case's objections and, for a director while one is pending, the decision buttons. */
function CaseObjections({ item, onDecide }: { item: PublicityItem; onDecide: (type: Decision) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const objections = useObjections(item.id);
  if (objections.isPending) return <Spin />;
  if (objections.isError)
    return <ProblemAlert problem={toProblem(objections.error, t('app.networkError'))} />;
  const pending = item.state === 'objection';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ObjectionList objections={objections.data} />
      {pending &&
        (me.data?.role === 'director' ? (
          <Space>
            <Button danger onClick={() => onDecide('uphold_objection')}>
              {t('publicityDesk.publicity.uphold')}
            </Button>
            <Button type="primary" onClick={() => onDecide('dismiss_objection')}>
              {t('publicityDesk.publicity.dismiss')}
            </Button>
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('publicityDesk.publicity.directorOnly')}</Typography.Text>
        ))}
    </Space>
  );
}

type Decision = 'uphold_objection' | 'dismiss_objection';

/**
 * 公示与异议: the zone's cases in publicity (公示) and with a pending objection; each expands to its
 * objections — the text, who objected (staff only), the applicant's answers — and a director upholds or
 * dismisses through the case's workflow actions.
 */
export function PublicityDeskPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const cases = usePublicityCases(page);
  const programs = usePrograms();
  const decide = useDecideObjection();
  const [deciding, setDeciding] = useState<{ item: PublicityItem; type: Decision } | null>(null);
  const [problem, setProblem] = useState<ProblemDocument | null>(null);
  const [form] = Form.useForm<DecideForm>();
  const objectionIds = (cases.data?.items ?? []).filter((c) => c.state === 'objection').map((c) => c.id);
  const [expanded, setExpanded] = useState<readonly Key[] | null>(null);

  const programTitle = (code: string) => {
    const p = programs.data?.find((x) => x.code === code);
    return p ? (language === 'en' ? p.title.en : p.title.zh) : '';
  };

  const submit = async (values: DecideForm) => {
    if (!deciding) return;
    setProblem(null);
    try {
      await decide.mutateAsync({
        id: deciding.item.id,
        type: deciding.type,
        comment: values.comment,
        falseClaim: values.falseClaim,
      });
      void message.success(t('publicityDesk.publicity.decided'));
      setDeciding(null);
      form.resetFields();
    } catch (error) {
      if (!applyProblemToForm(form, error)) {
        setDeciding(null);
        setProblem(toProblem(error, t('app.networkError')));
      }
    }
  };

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('publicityDesk.publicity.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('publicityDesk.publicity.intro')}</Typography.Paragraph>
      <ProblemAlert problem={problem} />
      {cases.isError && <ProblemAlert problem={toProblem(cases.error, t('app.networkError'))} />}
      <Table<PublicityItem>
        rowKey="id"
        loading={cases.isPending}
        dataSource={cases.data?.items ?? []}
        scroll={{ x: 1000 }}
        locale={{
          emptyText: <span style={{ color: 'rgba(0,0,0,0.75)' }}>{t('publicityDesk.publicity.empty')}</span>,
        }}
        pagination={{
          current: page,
          pageSize: 50,
          total: cases.data?.total ?? 0,
          hideOnSinglePage: true,
          onChange: setPage,
        }}
        expandable={{
          expandedRowKeys: expanded ?? objectionIds,
          onExpandedRowsChange: (keys) => setExpanded(keys),
          expandedRowRender: (item) => (
            <CaseObjections item={item} onDecide={(type) => setDeciding({ item, type })} />
          ),
        }}
        columns={[
          {
            title: t('publicityDesk.publicity.reference'),
            key: 'reference',
            render: (_, c) => <Link to={`/review/applications/${c.id}`}>{c.reference}</Link>,
          },
          {
            title: t('publicityDesk.publicity.enterprise'),
            key: 'enterprise',
            render: (_, c) => (
              <Space direction="vertical" size={0}>
                <span>{c.enterpriseName}</span>
                <Typography.Text type="secondary">{programTitle(c.programCode)}</Typography.Text>
              </Space>
            ),
          },
          {
            title: t('publicityDesk.publicity.amount'),
            key: 'amount',
            align: 'right',
            render: (_, c) => (c.approvedAmountFen == null ? '—' : formatFen(c.approvedAmountFen)),
          },
          {
            title: t('publicityDesk.publicity.state'),
            key: 'state',
            render: (_, c) => (
              <Tag
                style={
                  c.state === 'objection'
                    ? { color: '#820014', background: '#fff1f0', borderColor: '#ffa39e' }
                    : { color: '#0a3d91', background: '#e6f4ff', borderColor: '#91caff' }
                }
                data-testid={`publicity-state-${c.reference}`}
              >
                <Label group="applicationState" code={c.state} />
              </Tag>
            ),
          },
          {
            title: t('publicityDesk.publicity.endsAt'),
            key: 'endsAt',
            render: (_, c) => (c.publicityEndsAt ? formatInstant(c.publicityEndsAt, language) : '—'),
          },
        ]}
      />
      <Modal
        open={deciding !== null}
        title={
          deciding
            ? `${t('publicityDesk.publicity.decideTitle')}：${t(
                deciding.type === 'uphold_objection'
                  ? 'publicityDesk.publicity.uphold'
                  : 'publicityDesk.publicity.dismiss',
              )}`
            : ''
        }
        okText={
          deciding?.type === 'uphold_objection'
            ? t('publicityDesk.publicity.uphold')
            : t('publicityDesk.publicity.dismiss')
        }
        okButtonProps={{ danger: deciding?.type === 'uphold_objection', loading: decide.isPending }}
        cancelText={t('publicityDesk.facts.cancel')}
        onCancel={() => setDeciding(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item
            name="comment"
            label={t('publicityDesk.publicity.decideComment')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('publicityDesk.publicity.decideCommentRequired'),
              },
            ]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          {deciding?.type === 'uphold_objection' && (
            <Form.Item name="falseClaim" valuePropName="checked">
              <Checkbox>{t('publicityDesk.publicity.falseClaim')}</Checkbox>
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
