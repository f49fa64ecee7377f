import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  List,
  Select,
  Statistic,
  Steps,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem, type ProblemDocument } from '../../../lib/api/problem';
import { applyProblemToForm } from '../../../lib/form-errors';
import { formatFen } from '../../../lib/money';
import { useCreateBatch, usePreviewBatch, type BatchFilters, type BatchPreview } from '../api/finance';
import { PageHeading, useProgramOptions } from '../components/shared';

interface FilterValues {
  programCode?: string;
  fiscalYear?: number;
  approved?: [Dayjs | null, Dayjs | null] | null;
  note?: string;
}

function filtersOf(v: FilterValues): BatchFilters {
  return {
    programCode: v.programCode || undefined,
    fiscalYear: v.fiscalYear ?? undefined,
    approvedFrom: v.approved?.[0]?.format('YYYY-MM-DD'),
    approvedTo: v.approved?.[1]?.format('YYYY-MM-DD'),
    note: v.note?.trim() || undefined,
  };
}

/**
 * The batch wizard: filters → the count and total a batch would hold (and the grants it cannot pay) →
 * create the draft, then its page shows what will be paid where before it is locked.
 */
export function BatchNewPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<FilterValues>();
  const programs = useProgramOptions();
  const preview = usePreviewBatch();
  const create = useCreateBatch();
  const [shown, setShown] = useState<{ filters: BatchFilters; result: BatchPreview } | null>(null);
  const [problem, setProblem] = useState<ProblemDocument | null>(null);

  const runPreview = async (values: FilterValues) => {
    setProblem(null);
    const filters = filtersOf(values);
    try {
      setShown({ filters, result: await preview.mutateAsync(filters) });
    } catch (error) {
      if (!applyProblemToForm(form, error)) setProblem(toProblem(error, t('app.networkError')));
    }
  };

  const build = async () => {
    if (!shown) return;
    setProblem(null);
    try {
      const batch = await create.mutateAsync(shown.filters);
      void message.success(t('finance.wizard.created', { reference: batch.reference }));
      void navigate(`/finance/batches/${batch.id}`);
    } catch (error) {
      setProblem(toProblem(error, t('app.networkError')));
    }
  };

  return (
    <>
      <PageHeading
        title={t('finance.wizard.title')}
        intro={t('finance.wizard.intro')}
        extra={<Link to="/finance/batches">{t('finance.wizard.back')}</Link>}
      />
      <Steps
        current={shown ? 1 : 0}
        style={{ marginBottom: 24, maxWidth: 720 }}
        items={[
          { title: t('finance.wizard.stepFilters') },
          { title: t('finance.wizard.stepPreview') },
          { title: t('finance.wizard.stepReview') },
        ]}
      />
      <ProblemAlert problem={problem} />
      <Card style={{ maxWidth: 720, marginBottom: 24 }}>
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => void runPreview(v)}
          onValuesChange={() => setShown(null)}
        >
          <Form.Item name="programCode" label={t('finance.program')}>
            <Select allowClear showSearch optionFilterProp="label" options={programs} />
          </Form.Item>
          <Form.Item name="fiscalYear" label={t('finance.fiscalYear')}>
            <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="approved" label={t('finance.wizard.approvedBetween')}>
            <DatePicker.RangePicker
              allowEmpty={[true, true]}
              placeholder={[t('finance.wizard.approvedFrom'), t('finance.wizard.approvedTo')]}
            />
          </Form.Item>
          <Form.Item name="note" label={t('finance.wizard.note')}>
            <Input />
          </Form.Item>
          <Button htmlType="submit" loading={preview.isPending}>
            {t('finance.wizard.preview')}
          </Button>
        </Form>
      </Card>
      {shown && (
        <Card
          title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('finance.wizard.stepPreview')}</h2>}
          style={{ maxWidth: 720 }}
        >
          <div style={{ display: 'flex', gap: 48, marginBottom: 16 }}>
            <Statistic title={t('finance.wizard.count')} value={shown.result.count} />
            <Statistic title={t('finance.wizard.total')} value={formatFen(shown.result.amountFen)} />
          </div>
          {shown.result.skipped.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('finance.wizard.skipped', { count: shown.result.skipped.length })}
              description={
                <List
                  size="small"
                  dataSource={shown.result.skipped}
                  renderItem={(s) => (
                    <List.Item>
                      {s.reference}：{s.reason}
                    </List.Item>
                  )}
                />
              }
            />
          )}
          {shown.result.count === 0 ? (
            <Alert type="info" showIcon title={t('finance.wizard.nothing')} />
          ) : (
            <Button type="primary" loading={create.isPending} onClick={() => void build()}>
              {t('finance.wizard.build', { count: shown.result.count })}
            </Button>
          )}
        </Card>
      )}
    </>
  );
}
