import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { MoneyInput, moneyRule } from '../../../components/money-input';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem, type ProblemDocument } from '../../../lib/api/problem';
import { useMe } from '../../../lib/auth/use-me';
import { applyProblemToForm } from '../../../lib/form-errors';
import { useLanguage } from '../../../lib/i18n';
import { Label } from '../../../lib/labels';
import { formatFen } from '../../../lib/money';
import { formatInstant } from '../../../lib/time';
import {
  uploadEvidence,
  useDeclarableFacts,
  useDeclaredFacts,
  useDeclareFact,
  type DeclarableFact,
  type DeclareFactBody,
  type DeclaredFact,
} from '../api/declared-facts';

// Darker text than antd's preset tags: their gold and green fail WCAG AA contrast.
const STATUS_STYLE = {
  pending: { color: '#874d00', background: '#fffbe6', borderColor: '#ffe58f' },
  verified: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  refused: { color: '#820014', background: '#fff1f0', borderColor: '#ffa39e' },
} as const;
const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

interface DeclareForm {
  period?: string;
  value?: number | string | Dayjs | null;
  note?: string;
}

/** 一企一档: the enterprise declares the facts its zone's programs read; an officer verifies each. */
export function DeclaredFactsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const me = useMe();
  const enterpriseId = me.data?.enterpriseId ?? '';
  const declarable = useDeclarableFacts(enterpriseId);
  const declared = useDeclaredFacts(enterpriseId);
  const [params] = useSearchParams();
  const wanted = params.get('key');
  const [declaring, setDeclaring] = useState<DeclarableFact | null>(null);
  const text = (l: { zh: string; en: string }) => (language === 'en' ? l.en : l.zh);

  if (declarable.isPending || declared.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (declarable.isError || declared.isError)
    return <ProblemAlert problem={toProblem(declarable.error ?? declared.error, t('app.networkError'))} />;
  const byKey = new Map(declarable.data.map((d) => [d.key, d]));

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('facts.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('facts.intro')}</Typography.Paragraph>

      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('facts.mine')}
      </Typography.Title>
      <Table
        rowKey="id"
        pagination={false}
        dataSource={declared.data}
        locale={{ emptyText: <span style={{ color: 'rgba(0,0,0,0.75)' }}>{t('facts.noneDeclared')}</span> }}
        style={{ marginBottom: 32 }}
        columns={[
          { title: t('facts.fact'), key: 'label', render: (_, f) => text(f.label) },
          {
            title: t('facts.period'),
            key: 'period',
            render: (_, f) => (f.period ? t('facts.fiscalYear', { year: f.period }) : t('facts.noPeriod')),
          },
          {
            title: t('facts.value'),
            key: 'value',
            render: (_, f) => valueText(f.value, byKey.get(f.key)?.valueType),
          },
          {
            title: t('facts.status'),
            key: 'status',
            render: (_, f) => (
              <Space direction="vertical" size={2}>
                <Tag style={STATUS_STYLE[f.status]} data-testid={`fact-status-${f.key}`}>
                  <Label group="declaredFactStatus" code={f.status} />
                </Tag>
                {f.status === 'refused' && f.refusalReason && (
                  <Typography.Text type="danger">
                    {t('facts.refusalReason')}：{f.refusalReason}
                  </Typography.Text>
                )}
                {f.decidedAt && (
                  <Typography.Text type="secondary">{formatInstant(f.decidedAt, language)}</Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t('facts.evidence'),
            key: 'evidence',
            render: (_, f) => <EvidenceCell enterpriseId={enterpriseId} fact={f} />,
          },
        ]}
      />

      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('facts.declarable')}
      </Typography.Title>
      <Table
        rowKey="key"
        pagination={false}
        dataSource={declarable.data}
        rowClassName={(d) => (d.key === wanted ? 'ant-table-row-selected' : '')}
        columns={[
          { title: t('facts.fact'), key: 'label', render: (_, d) => text(d.label) },
          {
            title: t('facts.programs'),
            key: 'programs',
            render: (_, d) => (
              <Space size={[4, 4]} wrap>
                {d.programs.map((p) => (
                  <Tag key={p.code}>{text(p.title)}</Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('facts.actions'),
            key: 'actions',
            render: (_, d) => (
              <Button
                onClick={() => setDeclaring(d)}
                aria-label={t('facts.declareOf', { fact: text(d.label) })}
                type={d.key === wanted ? 'primary' : 'default'}
              >
                {t('facts.declare')}
              </Button>
            ),
          },
        ]}
      />
      {declaring && (
        <DeclareModal
          enterpriseId={enterpriseId}
          fact={declaring}
          initialPeriod={declaring.key === wanted ? (params.get('period') ?? undefined) : undefined}
          onClose={() => setDeclaring(null)}
        />
      )}
    </>
  );
}

function valueText(value: unknown, valueType: string | undefined): string {
  if (typeof value === 'number') {
    if (valueType === 'money_fen') return formatFen(value);
    if (valueType === 'area_m2') return `${value.toLocaleString('zh-CN')} m²`;
    return value.toLocaleString('zh-CN');
  }
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (value && typeof value === 'object')
    return Object.values(value as Record<string, unknown>)
      .map((v) => String(v))
      .join(' · ');
  return '—';
}

function recentYears(): string[] {
  const now = new Date().getFullYear();
  return [now, now - 1, now - 2, now - 3].map(String);
}

function DeclareModal({
  enterpriseId,
  fact,
  initialPeriod,
  onClose,
}: {
  enterpriseId: string;
  fact: DeclarableFact;
  initialPeriod?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const declare = useDeclareFact(enterpriseId);
  const [form] = Form.useForm<DeclareForm>();
  const [problem, setProblem] = useState<ProblemDocument | null>(null);
  const label = language === 'en' ? fact.label.en : fact.label.zh;
  const required = { required: true, message: t('facts.valueRequired') };

  const submit = async (values: DeclareForm) => {
    setProblem(null);
    const raw = values.value;
    const value =
      fact.valueType === 'date' && raw && typeof raw === 'object' ? (raw as Dayjs).format('YYYY-MM-DD') : raw;
    try {
      await declare.mutateAsync({
        key: fact.key as DeclareFactBody['key'],
        ...(fact.periodKind === 'fiscal-year' ? { period: values.period as never } : {}),
        value: value as never,
        ...(values.note ? { note: values.note } : {}),
      });
      void message.success(t('facts.declared'));
      onClose();
    } catch (error) {
      if (!applyProblemToForm(form, error)) setProblem(toProblem(error, t('app.networkError')));
    }
  };

  return (
    <Modal
      open
      title={t('facts.declareTitle', { fact: label })}
      okText={t('facts.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={declare.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <ProblemAlert problem={problem} />
      <Typography.Paragraph type="secondary">{t('facts.evidenceAfter')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ period: initialPeriod }}
      >
        {fact.periodKind === 'fiscal-year' && (
          <Form.Item name="period" label={t('facts.period')} rules={[required]}>
            <Select
              options={recentYears().map((y) => ({ value: y, label: t('facts.fiscalYear', { year: y }) }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="value"
          label={`${label}（${t(`facts.valueTypes.${fact.valueType}`, { defaultValue: t('facts.value') })}）`}
          rules={fact.valueType === 'money_fen' ? [required, moneyRule(t('money.invalid'))] : [required]}
        >
          {fact.valueType === 'money_fen' ? (
            <MoneyInput />
          ) : fact.valueType === 'integer' || fact.valueType === 'area_m2' ? (
            <InputNumber
              min={0}
              precision={0}
              style={{ width: '100%' }}
              suffix={fact.valueType === 'area_m2' ? 'm²' : undefined}
            />
          ) : fact.valueType === 'date' ? (
            <DatePicker style={{ width: '100%' }} />
          ) : fact.valueType === 'boolean' ? (
            <Select
              options={[
                { value: true, label: t('facts.yes') },
                { value: false, label: t('facts.no') },
              ]}
            />
          ) : (
            <Input />
          )}
        </Form.Item>
        <Form.Item name="note" label={t('facts.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function EvidenceCell({ enterpriseId, fact }: { enterpriseId: string; fact: DeclaredFact }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [percent, setPercent] = useState<number | null>(null);
  return (
    <Space direction="vertical" size={4}>
      {fact.evidence.map((e) => (
        <Typography.Text key={e.id}>
          <PaperClipOutlined aria-hidden /> {e.fileName}
        </Typography.Text>
      ))}
      {fact.status === 'pending' && (
        <Upload
          accept={ACCEPT}
          showUploadList={false}
          customRequest={({ file, onSuccess, onError }) => {
            setPercent(0);
            uploadEvidence(enterpriseId, fact.id, file as File, setPercent)
              .then(async () => {
                onSuccess?.({});
                void message.success(t('facts.uploaded'));
                await queryClient.invalidateQueries({
                  queryKey: ['enterprises', enterpriseId, 'declared-facts'],
                });
              })
              .catch((error: unknown) => {
                onError?.(error as Error);
                const problem = toProblem(error, t('app.networkError'));
                void message.error(problem.detail ?? problem.title);
              })
              .finally(() => setPercent(null));
          }}
        >
          <Button size="small" icon={<UploadOutlined />}>
            {t('facts.upload')}
          </Button>
        </Upload>
      )}
      {percent !== null && <Progress percent={percent} size="small" aria-label={t('facts.uploading')} />}
    </Space>
  );
}
