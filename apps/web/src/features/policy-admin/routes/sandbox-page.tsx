import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Progress, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import type { EChartsOption } from 'echarts';
import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { TAG_DANGER, TAG_SUCCESS } from '../../../lib/contrast';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem, type ProblemDocument } from '../../../lib/api/problem';
import { useMe } from '../../../lib/auth/use-me';
import { useLanguage } from '../../../lib/i18n';
import { useLabels } from '../../../lib/labels';
import { fenToYuanText, formatFen } from '../../../lib/money';
import {
  allChanges,
  useProgramVersion,
  useSandboxChanges,
  useSandboxRun,
  useStartSandbox,
  type SandboxChange,
} from '../api/policy-admin';
import { PageHeading, textIn } from '../components/shared';
import { downloadCsv } from '../../../lib/csv';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, CanvasRenderer]);

/** The report's figures this page reads (the API documents `report` as a free-form object). */
interface YearReport {
  fiscalYear: number;
  candidate: { eligible: number; projectedFen: number };
  baseline: { eligible: number; projectedFen: number } | null;
  deltaFen: number;
  gains: number;
  losses: number;
  pool: { name: string; allocatedFen: number; headroomFen: number; withinAllocation: boolean } | null;
}
interface Report {
  enterprises: number;
  fiscalYears: YearReport[];
}

const thisYear = () => new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
/** Whole yuan for the chart's scale only (integer division; display text always comes from formatFen). */
const chartYuan = (fen: number) => Number(BigInt(fen) / 100n);

/** 政策沙盘: run a version over the zone's enterprises, follow it, then its cost against the pool and who gains or loses. */
export function SandboxPage() {
  const { code = '', version: versionParam = '' } = useParams();
  const version = Number(versionParam);
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useLabels();
  const me = useMe();
  const [search, setSearch] = useSearchParams();
  const runId = search.get('run');
  const [years, setYears] = useState<number[]>([thisYear()]);
  const [problem, setProblem] = useState<ProblemDocument | null>(null);
  const [page, setPage] = useState(1);
  const program = useProgramVersion(code, version);
  const start = useStartSandbox(code, version);
  const run = useSandboxRun(runId);
  const done = run.data?.status === 'completed';
  const changes = useSandboxChanges(runId, page, done);

  const onStart = async () => {
    setProblem(null);
    try {
      const created = await start.mutateAsync(years);
      setPage(1);
      setSearch({ run: created.id });
    } catch (error) {
      setProblem(toProblem(error, t('app.networkError')));
    }
  };

  const report = done ? (run.data?.report as Report | null) : null;
  const percent = run.data?.progress.percent ?? 0;
  const money = (fen: number) => formatFen(fen);

  const option: EChartsOption | null = report
    ? {
        tooltip: { trigger: 'axis' },
        legend: {},
        grid: { left: 90, right: 24 },
        xAxis: { type: 'category', data: report.fiscalYears.map((y) => String(y.fiscalYear)) },
        yAxis: { type: 'value', name: t('policy.sandbox.yuanAxis') },
        series: [
          {
            name: t('policy.sandbox.candidateCost', { version }),
            type: 'bar',
            data: report.fiscalYears.map((y) => chartYuan(y.candidate.projectedFen)),
          },
          {
            name: t('policy.sandbox.baselineCost'),
            type: 'bar',
            data: report.fiscalYears.map((y) => chartYuan(y.baseline?.projectedFen ?? 0)),
          },
          {
            name: t('policy.sandbox.pool'),
            type: 'bar',
            data: report.fiscalYears.map((y) => chartYuan(y.pool?.allocatedFen ?? 0)),
          },
        ],
      }
    : null;

  const exportCsv = async () => {
    if (!runId) return;
    const items = await allChanges(runId);
    downloadCsv(
      `${t('policy.sandbox.csvName')}-${code}-v${version}.csv`,
      [
        t('policy.sandbox.enterprise'),
        t('policy.sandbox.uscc'),
        t('policy.sandbox.fiscalYear'),
        t('policy.sandbox.kind'),
        t('policy.sandbox.before'),
        t('policy.sandbox.after'),
        t('policy.sandbox.difference'),
      ],
      items.map((c) => [
        c.name,
        c.uscc,
        c.fiscalYear,
        label('sandboxChangeKind', c.kind),
        fenToYuanText(c.oldAmountFen),
        fenToYuanText(c.newAmountFen),
        fenToYuanText(c.deltaFen),
      ]),
    );
  };

  return (
    <>
      <PageHeading
        title={t('policy.sandbox.title', {
          title: program.data ? textIn(program.data.title, language) : code,
          version,
        })}
        intro={t('policy.sandbox.intro')}
        extra={
          <Link to={`/policy/programs/${encodeURIComponent(code)}`}>
            <Button>{t('policy.editor.back')}</Button>
          </Link>
        }
      />
      <ProblemAlert problem={problem} />
      {me.data?.role === 'policy_admin' && (
        <Form layout="inline" style={{ marginBottom: 16 }} onFinish={() => void onStart()}>
          <Form.Item label={t('policy.sandbox.fiscalYears')} htmlFor="sandbox-years">
            <Select
              id="sandbox-years"
              mode="multiple"
              style={{ minWidth: 240 }}
              value={years}
              onChange={setYears}
              options={Array.from({ length: 5 }, (_, i) => thisYear() + 1 - i).map((y) => ({
                value: y,
                label: String(y),
              }))}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={start.isPending} disabled={years.length === 0}>
            {t('policy.sandbox.run')}
          </Button>
        </Form>
      )}

      {runId && run.isPending && <Spin />}
      {run.isError && <ProblemAlert problem={toProblem(run.error, t('app.networkError'))} />}
      {run.data && (
        <Card title={t('policy.sandbox.progress')} style={{ marginBottom: 16 }}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <span>
              {t('policy.sandbox.status')}：<Tag>{label('sandboxRunStatus', run.data.status)}</Tag>
              {run.data.progress.total !== null &&
                t('policy.sandbox.processed', {
                  processed: run.data.progress.processed,
                  total: run.data.progress.total,
                })}
            </span>
            <Progress
              percent={done ? 100 : Math.floor(percent)}
              status={run.data.status === 'failed' ? 'exception' : done ? 'success' : 'active'}
              aria-label={t('policy.sandbox.progress')}
            />
            {run.data.error && <Alert type="error" showIcon message={run.data.error} />}
          </Space>
        </Card>
      )}

      {report && option && (
        <Card title={t('policy.sandbox.costTitle')} style={{ marginBottom: 16 }} data-testid="sandbox-cost">
          <Typography.Paragraph type="secondary">
            {t('policy.sandbox.costIntro', { enterprises: report.enterprises })}
          </Typography.Paragraph>
          <div role="img" aria-label={t('policy.sandbox.costTitle')}>
            <ReactEChartsCore
              echarts={echarts}
              option={{ aria: { enabled: true }, ...option }}
              notMerge
              style={{ height: 320 }}
            />
          </div>
          <Table<YearReport>
            size="small"
            rowKey="fiscalYear"
            pagination={false}
            dataSource={report.fiscalYears}
            columns={[
              { title: t('policy.sandbox.fiscalYear'), dataIndex: 'fiscalYear', key: 'fy' },
              {
                title: t('policy.sandbox.eligible'),
                key: 'eligible',
                render: (_, y) => `${y.baseline?.eligible ?? 0} → ${y.candidate.eligible}`,
              },
              {
                title: t('policy.sandbox.baselineCost'),
                key: 'baseline',
                render: (_, y) => money(y.baseline?.projectedFen ?? 0),
              },
              {
                title: t('policy.sandbox.candidateCost', { version }),
                key: 'candidate',
                render: (_, y) => money(y.candidate.projectedFen),
              },
              {
                title: t('policy.sandbox.pool'),
                key: 'pool',
                render: (_, y) =>
                  y.pool ? (
                    <>
                      {money(y.pool.allocatedFen)}{' '}
                      <Tag color={y.pool.withinAllocation ? TAG_SUCCESS : TAG_DANGER}>
                        {y.pool.withinAllocation ? t('policy.sandbox.within') : t('policy.sandbox.over')}
                      </Tag>
                    </>
                  ) : (
                    t('policy.sandbox.noPool')
                  ),
              },
              {
                title: t('policy.sandbox.gainsLosses'),
                key: 'gl',
                render: (_, y) => t('policy.sandbox.gainsLossesValue', { gains: y.gains, losses: y.losses }),
              },
            ]}
          />
        </Card>
      )}

      {done && (
        <Card
          title={t('policy.sandbox.changesTitle')}
          data-testid="sandbox-changes"
          extra={
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void exportCsv()}
              disabled={!changes.data?.total}
            >
              {t('policy.sandbox.exportCsv')}
            </Button>
          }
        >
          <Table<SandboxChange>
            size="small"
            loading={changes.isPending}
            rowKey={(c) => `${c.enterpriseId}-${c.fiscalYear}-${c.subject ?? ''}`}
            dataSource={changes.data?.items ?? []}
            locale={{ emptyText: t('policy.sandbox.noChanges') }}
            pagination={{
              current: page,
              pageSize: 20,
              total: changes.data?.total ?? 0,
              onChange: setPage,
              showSizeChanger: false,
            }}
            columns={[
              {
                title: t('policy.sandbox.enterprise'),
                key: 'name',
                render: (_, c) => `${c.name}（${c.uscc}）`,
              },
              { title: t('policy.sandbox.fiscalYear'), dataIndex: 'fiscalYear', key: 'fy' },
              {
                title: t('policy.sandbox.kind'),
                key: 'kind',
                render: (_, c) => (
                  <Tag color={c.kind === 'gain' ? TAG_SUCCESS : TAG_DANGER}>
                    {label('sandboxChangeKind', c.kind)}
                  </Tag>
                ),
              },
              {
                title: t('policy.sandbox.before'),
                key: 'old',
                align: 'right',
                render: (_, c) => money(c.oldAmountFen),
              },
              {
                title: t('policy.sandbox.after'),
                key: 'new',
                align: 'right',
                render: (_, c) => money(c.newAmountFen),
              },
              {
                title: t('policy.sandbox.difference'),
                key: 'delta',
                align: 'right',
                render: (_, c) => (c.deltaFen > 0 ? '+' : '') + money(c.deltaFen),
              },
            ]}
          />
        </Card>
      )}
    </>
  );
}
