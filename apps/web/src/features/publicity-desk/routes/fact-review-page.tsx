import { PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem, type ProblemDocument } from '../../../lib/api/problem';
import { applyProblemToForm } from '../../../lib/form-errors';
import { useLanguage } from '../../../lib/i18n';
import { Label } from '../../../lib/labels';
import { formatFen } from '../../../lib/money';
import { formatInstant } from '../../../lib/time';
import { useDecideFact, useFactQueue, type QueuedFact, type QueueStatus } from '../api/declared-facts-queue';
import { EvidencePreview } from '../components/evidence-preview';

const STATUSES: QueueStatus[] = ['pending', 'verified', 'refused'];

// Darker text than antd's preset tags (their gold and green fail WCAG AA contrast).
const STATUS_STYLE = {
  pending: { color: '#874d00', background: '#fffbe6', borderColor: '#ffe58f' },
  verified: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  refused: { color: '#820014', background: '#fff1f0', borderColor: '#ffa39e' },
} as const;

/** A declared value as a person reads it: money in yuan from integer fen, areas in m², never a code. */
export function declaredValueText(value: unknown, valueType: string | null | undefined): string {
  if (typeof value === 'number') {
    if (valueType === 'money_fen') return formatFen(value);
    if (valueType === 'area_m2') return `${value.toLocaleString('zh-CN')} m²`;
    return value.toLocaleString('zh-CN');
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (value && typeof value === 'object')
    return Object.values(value as Record<string, unknown>)
      .map((v) => String(v))
      .join(' · ');
  return '—';
}

/**
 * 企业申报核实: the zone's declared facts for officers and directors — enterprise, fact, value in yuan,
 * period, submitted (Beijing time), the evidence opened inline; verify, or refuse with a reason the
 * enterprise reads on its declared-facts page.
 */
export function FactReviewPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const [status, setStatus] = useState<QueueStatus>('pending');
  const queue = useFactQueue(status);
  const decide = useDecideFact();
  const [problem, setProblem] = useState<ProblemDocument | null>(null);
  const [refusing, setRefusing] = useState<QueuedFact | null>(null);
  const [preview, setPreview] = useState<{ fact: QueuedFact; docId: string; name: string } | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const text = (l: { zh: string; en: string }) => (language === 'en' ? l.en : l.zh);

  const verify = async (fact: QueuedFact) => {
    setProblem(null);
    try {
      await decide.mutateAsync({ id: fact.id, decision: 'verify' });
      void message.success(t('publicityDesk.facts.verified'));
    } catch (error) {
      setProblem(toProblem(error, t('app.networkError')));
    }
  };

  const refuse = async ({ reason }: { reason: string }) => {
    if (!refusing) return;
    try {
      await decide.mutateAsync({ id: refusing.id, decision: 'refuse', reason });
      void message.success(t('publicityDesk.facts.refused'));
      setRefusing(null);
      form.resetFields();
    } catch (error) {
      if (!applyProblemToForm(form, error)) {
        setRefusing(null);
        setProblem(toProblem(error, t('app.networkError')));
      }
    }
  };

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('publicityDesk.facts.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('publicityDesk.facts.intro')}</Typography.Paragraph>
      <Segmented
        style={{ marginBottom: 16 }}
        value={status}
        onChange={(v) => setStatus(v as QueueStatus)}
        options={STATUSES.map((s) => ({ value: s, label: <Label group="declaredFactStatus" code={s} /> }))}
      />
      <ProblemAlert problem={problem} />
      {queue.isError && <ProblemAlert problem={toProblem(queue.error, t('app.networkError'))} />}
      <Table<QueuedFact>
        rowKey="id"
        loading={queue.isPending}
        dataSource={queue.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{
          emptyText: (
            <span style={{ color: 'rgba(0,0,0,0.75)' }}>
              {t(status === 'pending' ? 'publicityDesk.facts.empty' : 'publicityDesk.facts.emptyDecided')}
            </span>
          ),
        }}
        scroll={{ x: 1200 }}
        columns={[
          {
            title: t('publicityDesk.facts.enterprise'),
            key: 'enterprise',
            render: (_, f) => (
              <Space direction="vertical" size={0}>
                <span>{f.enterpriseName}</span>
                <Typography.Text type="secondary">{f.enterpriseUscc}</Typography.Text>
              </Space>
            ),
          },
          {
            title: t('publicityDesk.facts.fact'),
            key: 'fact',
            render: (_, f) => (
              <Space direction="vertical" size={0}>
                <span>{text(f.label)}</span>
                {f.note && (
                  <Typography.Text type="secondary">
                    {t('publicityDesk.facts.note')}：{f.note}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t('publicityDesk.facts.value'),
            key: 'value',
            align: 'right',
            render: (_, f) => (
              <span data-testid={`declared-value-${f.id}`}>{declaredValueText(f.value, f.valueType)}</span>
            ),
          },
          {
            title: t('publicityDesk.facts.period'),
            key: 'period',
            render: (_, f) =>
              f.period
                ? t('publicityDesk.facts.fiscalYear', { year: f.period })
                : t('publicityDesk.facts.noPeriod'),
          },
          {
            title: t('publicityDesk.facts.declaredAt'),
            key: 'declaredAt',
            render: (_, f) => formatInstant(f.declaredAt, language),
          },
          {
            title: t('publicityDesk.facts.evidence'),
            key: 'evidence',
            render: (_, f) =>
              f.evidence.length === 0 ? (
                <Typography.Text type="secondary">{t('publicityDesk.facts.noEvidence')}</Typography.Text>
              ) : (
                <Space direction="vertical" size={0}>
                  {f.evidence.map((e) => (
                    <Button
                      key={e.id}
                      type="link"
                      size="small"
                      icon={<PaperClipOutlined />}
                      style={{ padding: 0 }}
                      onClick={() => setPreview({ fact: f, docId: e.id, name: e.fileName })}
                    >
                      {e.fileName}
                    </Button>
                  ))}
                </Space>
              ),
          },
          status === 'pending'
            ? {
                title: t('publicityDesk.facts.decision'),
                key: 'actions',
                fixed: 'right' as const,
                render: (_, f) => (
                  <Space>
                    <Popconfirm
                      title={t('publicityDesk.facts.verifyConfirm')}
                      okText={t('publicityDesk.facts.verify')}
                      cancelText={t('publicityDesk.facts.cancel')}
                      onConfirm={() => verify(f)}
                      disabled={f.evidence.length === 0}
                    >
                      <Button
                        type="primary"
                        size="small"
                        disabled={f.evidence.length === 0}
                        aria-label={`${t('publicityDesk.facts.verify')} ${f.enterpriseName} ${text(f.label)}`}
                      >
                        {t('publicityDesk.facts.verify')}
                      </Button>
                    </Popconfirm>
                    <Button
                      size="small"
                      danger
                      onClick={() => setRefusing(f)}
                      aria-label={`${t('publicityDesk.facts.refuse')} ${f.enterpriseName} ${text(f.label)}`}
                    >
                      {t('publicityDesk.facts.refuse')}
                    </Button>
                  </Space>
                ),
              }
            : {
                title: t('publicityDesk.facts.decision'),
                key: 'decided',
                render: (_, f) => (
                  <Space direction="vertical" size={0}>
                    <Tag style={STATUS_STYLE[f.status]}>
                      <Label group="declaredFactStatus" code={f.status} />
                    </Tag>
                    {f.refusalReason && (
                      <Typography.Text>
                        {t('publicityDesk.facts.refusalReason')}：{f.refusalReason}
                      </Typography.Text>
                    )}
                    {f.decidedAt && (
                      <Typography.Text type="secondary">
                        {formatInstant(f.decidedAt, language)}
                      </Typography.Text>
                    )}
                  </Space>
                ),
              },
        ]}
      />
      <Modal
        open={preview !== null}
        title={preview ? t('publicityDesk.facts.previewTitle', { name: preview.name }) : ''}
        footer={null}
        width={900}
        onCancel={() => setPreview(null)}
        destroyOnHidden
      >
        {preview && <EvidencePreview fact={preview.fact} docId={preview.docId} name={preview.name} />}
      </Modal>
      <Modal
        open={refusing !== null}
        title={t('publicityDesk.facts.refuseTitle')}
        okText={t('publicityDesk.facts.refuse')}
        okButtonProps={{ danger: true, loading: decide.isPending }}
        cancelText={t('publicityDesk.facts.cancel')}
        onCancel={() => setRefusing(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void refuse(v)}>
          <Form.Item
            name="reason"
            label={t('publicityDesk.facts.reason')}
            extra={t('publicityDesk.facts.reasonHelp')}
            rules={[{ required: true, whitespace: true, message: t('publicityDesk.facts.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
