import { Card, Form, InputNumber, Progress, Select, Table, Tag, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem, type ProblemDocument } from '../../../lib/api/problem';
import { useMe } from '../../../lib/auth/use-me';
import { applyProblemToForm } from '../../../lib/form-errors';
import { TAG_SUCCESS, TAG_DANGER } from '../../../lib/contrast';
import { useLanguage } from '../../../lib/i18n';
import { useLabels } from '../../../lib/labels';
import { formatInstant } from '../../../lib/time';
import { useAutoPrograms, useStartSweep, useSweeps, type Sweep } from '../api/policy-data';
import { PageHeading, percentOf } from '../components/page-heading';

const PAGE_SIZE = 20;

interface StartForm {
  programCode?: string;
  fiscalYear: number;
}

/** The current fiscal year in Beijing time. */
function currentFiscalYear(): number {
  return Number(new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 4));
}

/** 免申即享核查: start a sweep for a program (or every auto program) and fiscal year; past sweeps. */
export function SweepsPage() {
  const { t } = useTranslation();
  const label = useLabels();
  const language = useLanguage();
  const navigate = useNavigate();
  const me = useMe();
  const programs = useAutoPrograms();
  const [page, setPage] = useState(1);
  const sweeps = useSweeps(page, PAGE_SIZE);
  const start = useStartSweep();
  const [form] = Form.useForm<StartForm>();
  const [problem, setProblem] = useState<ProblemDocument | null>(null);
  const title = (code: string | null | undefined) => {
    if (!code) return t('policyData.sweeps.allPrograms');
    const p = programs.data?.find((x) => x.code === code);
    return p ? (language === 'en' ? p.title.en : p.title.zh) : code;
  };

  const submit = async (values: StartForm) => {
    setProblem(null);
    try {
      const sweep = await start.mutateAsync({
        fiscalYear: values.fiscalYear,
        ...(values.programCode ? { programCode: values.programCode } : {}),
      });
      void navigate(`/policy-data/sweeps/${sweep.id}`);
    } catch (error) {
      if (!applyProblemToForm(form, error)) setProblem(toProblem(error, t('app.networkError')));
    }
  };

  return (
    <>
      <PageHeading title={t('policyData.sweeps.title')} intro={t('policyData.sweeps.intro')} />
      {me.data?.role === 'policy_admin' && (
        <Card
          style={{ marginBottom: 24 }}
          title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('policyData.sweeps.start')}</h2>}
        >
          <ProblemAlert problem={problem} />
          <Form<StartForm>
            form={form}
            layout="inline"
            initialValues={{ fiscalYear: currentFiscalYear() }}
            onFinish={(v) => void submit(v)}
          >
            <Form.Item name="programCode" label={t('policyData.sweeps.program')}>
              <Select
                allowClear
                style={{ width: 320 }}
                placeholder={t('policyData.sweeps.allPrograms')}
                options={(programs.data ?? []).map((p) => ({
                  value: p.code,
                  label: language === 'en' ? p.title.en : p.title.zh,
                }))}
              />
            </Form.Item>
            <Form.Item
              name="fiscalYear"
              label={t('policyData.sweeps.fiscalYear')}
              rules={[{ required: true, message: t('policyData.sweeps.fiscalYearRequired') }]}
            >
              <InputNumber min={2000} max={currentFiscalYear()} precision={0} />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={start.isPending}>
                {t('policyData.sweeps.startButton')}
              </Button>
            </Form.Item>
          </Form>
        </Card>
      )}
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('policyData.sweeps.past')}</h2>}>
        <Table<Sweep>
          rowKey="id"
          loading={sweeps.isLoading}
          dataSource={sweeps.data?.items}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: sweeps.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
          }}
          columns={[
            {
              title: t('policyData.sweeps.startedAt'),
              key: 'at',
              render: (_, s) => (
                <Link to={`/policy-data/sweeps/${s.id}`}>{formatInstant(s.startedAt, language)}</Link>
              ),
            },
            { title: t('policyData.sweeps.program'), key: 'program', render: (_, s) => title(s.programCode) },
            { title: t('policyData.sweeps.fiscalYear'), dataIndex: 'fiscalYear' },
            {
              title: t('policyData.sweeps.trigger'),
              key: 'trigger',
              render: (_, s) => label('sweepTrigger', s.trigger),
            },
            {
              title: t('policyData.sweeps.status'),
              key: 'status',
              render: (_, s) =>
                s.status === 'running' || s.status === 'pending' ? (
                  <Progress
                    percent={percentOf(s)}
                    size="small"
                    status="active"
                    aria-label={label('sweepStatus', s.status)}
                  />
                ) : (
                  <Tag color={s.status === 'completed' ? TAG_SUCCESS : TAG_DANGER}>
                    {label('sweepStatus', s.status)}
                  </Tag>
                ),
            },
            { title: t('policyData.sweeps.offers'), dataIndex: 'offersCreated' },
            { title: t('policyData.sweeps.duplicates'), dataIndex: 'duplicates' },
            { title: t('policyData.sweeps.skipped'), dataIndex: 'skipped' },
            { title: t('policyData.sweeps.errors'), dataIndex: 'errorCount' },
          ]}
        />
      </Card>
    </>
  );
}
