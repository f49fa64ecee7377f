import { App, Button, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem, type ProblemDocument } from '../../../lib/api/problem';
import { applyProblemToForm } from '../../../lib/form-errors';
import { useLanguage } from '../../../lib/i18n';
import { Label } from '../../../lib/labels';
import { formatFen } from '../../../lib/money';
import { formatInstant } from '../../../lib/time';
import {
  useMyObjections,
  useObject,
  usePrograms,
  usePublicityCases,
  type MyObjection,
  type PublicityItem,
} from '../api/objections';

const OUTCOME_STYLE = {
  pending: { color: '#874d00', background: '#fffbe6', borderColor: '#ffe58f' },
  upheld: { color: '#820014', background: '#fff1f0', borderColor: '#ffa39e' },
  dismissed: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
} as const;

/**
 * 公示异议 for anyone who may object: the zone's cases in publicity with 提出异议, and 我提出的异议 —
 * the cases I objected to, with what the 公示 showed and the objection's outcome, nothing else.
 */
export function MyObjectionsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const mine = useMyObjections();
  const [page, setPage] = useState(1);
  const publicity = usePublicityCases(page);
  const programs = usePrograms();
  const object = useObject();
  const [objecting, setObjecting] = useState<PublicityItem | null>(null);
  const [problem, setProblem] = useState<ProblemDocument | null>(null);
  const [form] = Form.useForm<{ comment: string }>();
  const programTitle = (code: string) => {
    const p = programs.data?.find((x) => x.code === code);
    return p ? (language === 'en' ? p.title.en : p.title.zh) : '';
  };

  const submit = async ({ comment }: { comment: string }) => {
    if (!objecting) return;
    setProblem(null);
    try {
      await object.mutateAsync({ id: objecting.id, comment });
      void message.success(t('publicityDesk.mine.objected'));
      setObjecting(null);
      form.resetFields();
    } catch (error) {
      if (!applyProblemToForm(form, error)) {
        setObjecting(null);
        setProblem(toProblem(error, t('app.networkError')));
      }
    }
  };

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('publicityDesk.mine.publicityTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('publicityDesk.mine.publicityIntro')}</Typography.Paragraph>
      <ProblemAlert problem={problem} />
      {publicity.isError && <ProblemAlert problem={toProblem(publicity.error, t('app.networkError'))} />}
      <Table<PublicityItem>
        rowKey="id"
        loading={publicity.isPending}
        dataSource={publicity.data?.items ?? []}
        locale={{
          emptyText: <span style={{ color: 'rgba(0,0,0,0.75)' }}>{t('publicityDesk.publicity.empty')}</span>,
        }}
        scroll={{ x: 900 }}
        style={{ marginBottom: 32 }}
        pagination={{
          current: page,
          pageSize: 50,
          total: publicity.data?.total ?? 0,
          hideOnSinglePage: true,
          onChange: setPage,
        }}
        columns={[
          { title: t('publicityDesk.publicity.reference'), key: 'reference', dataIndex: 'reference' },
          { title: t('publicityDesk.publicity.enterprise'), key: 'enterprise', dataIndex: 'enterpriseName' },
          {
            title: t('publicityDesk.mine.program'),
            key: 'program',
            render: (_, c) => programTitle(c.programCode),
          },
          {
            title: t('publicityDesk.publicity.amount'),
            key: 'amount',
            align: 'right',
            render: (_, c) => (c.approvedAmountFen == null ? '—' : formatFen(c.approvedAmountFen)),
          },
          {
            title: t('publicityDesk.publicity.endsAt'),
            key: 'endsAt',
            render: (_, c) => (c.publicityEndsAt ? formatInstant(c.publicityEndsAt, language) : '—'),
          },
          {
            title: t('publicityDesk.publicity.state'),
            key: 'action',
            render: (_, c) =>
              c.state === 'publicity' ? (
                <Button
                  size="small"
                  onClick={() => setObjecting(c)}
                  aria-label={`${t('publicityDesk.mine.object')} ${c.reference}`}
                >
                  {t('publicityDesk.mine.object')}
                </Button>
              ) : (
                <Label group="applicationState" code={c.state} />
              ),
          },
        ]}
      />

      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('publicityDesk.mine.mineTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('publicityDesk.mine.intro')}</Typography.Paragraph>
      {mine.isError && <ProblemAlert problem={toProblem(mine.error, t('app.networkError'))} />}
      <Table<MyObjection>
        rowKey={(o) => `${o.reference}-${o.objectedAt}`}
        loading={mine.isPending}
        dataSource={mine.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{
          emptyText: <span style={{ color: 'rgba(0,0,0,0.75)' }}>{t('publicityDesk.mine.empty')}</span>,
        }}
        scroll={{ x: 900 }}
        columns={[
          { title: t('publicityDesk.publicity.reference'), key: 'reference', dataIndex: 'reference' },
          {
            title: t('publicityDesk.mine.program'),
            key: 'program',
            render: (_, o) => (language === 'en' ? o.programTitle.en : o.programTitle.zh),
          },
          { title: t('publicityDesk.publicity.enterprise'), key: 'enterprise', dataIndex: 'enterpriseName' },
          {
            title: t('publicityDesk.publicity.amount'),
            key: 'amount',
            align: 'right',
            render: (_, o) => (o.amountFen == null ? '—' : formatFen(o.amountFen)),
          },
          { title: t('publicityDesk.mine.myComment'), key: 'comment', dataIndex: 'comment' },
          {
            title: t('publicityDesk.mine.objectedAt'),
            key: 'at',
            render: (_, o) => formatInstant(o.objectedAt, language),
          },
          {
            title: t('publicityDesk.publicity.outcome'),
            key: 'outcome',
            render: (_, o) => (
              <>
                <Tag style={OUTCOME_STYLE[o.outcome]} data-testid={`my-objection-${o.reference}`}>
                  {t(`publicityDesk.publicity.outcomes.${o.outcome}`)}
                </Tag>
                <Typography.Text type="secondary">
                  {o.decidedAt ? formatInstant(o.decidedAt, language) : ''}{' '}
                  {t(o.inPublicity ? 'publicityDesk.mine.inPublicity' : 'publicityDesk.mine.publicityOver')}
                </Typography.Text>
              </>
            ),
          },
        ]}
      />
      <Modal
        open={objecting !== null}
        title={objecting ? t('publicityDesk.mine.objectTitle', { reference: objecting.reference }) : ''}
        okText={t('publicityDesk.mine.object')}
        okButtonProps={{ loading: object.isPending }}
        cancelText={t('publicityDesk.facts.cancel')}
        onCancel={() => setObjecting(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item
            name="comment"
            label={t('publicityDesk.mine.objectComment')}
            extra={t('publicityDesk.mine.objectCommentHelp')}
            rules={[
              { required: true, whitespace: true, message: t('publicityDesk.mine.objectCommentRequired') },
            ]}
          >
            <Input.TextArea rows={4} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
