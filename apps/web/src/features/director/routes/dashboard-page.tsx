import { Card, Col, Form, Row, Select, Spin, Statistic, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem } from '../../../lib/api/problem';
import type { components } from '../../../lib/api/client';
import { useLanguage } from '../../../lib/i18n';
import { useLabels } from '../../../lib/labels';
import { fenToYuanText, formatFen } from '../../../lib/money';
import { useDashboard, usePrograms } from '../api/director';
import { ChartCard } from '../components/chart-card';
import { downloadCsv } from '../../../lib/csv';

type FundMonth = components['schemas']['DashboardFundMonthView'];
type StateCount = components['schemas']['DashboardStateCountView'];
type Refusal = components['schemas']['DashboardRefusalView'];

const MONEY_KEYS = ['allocatedFen', 'reservedFen', 'paidFen', 'availableFen'] as const;
const thisYear = () => new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

/** 数据看板: the zone's money per fund pool and month, cases per state, speed and screening refusals. */
export function DashboardPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useLabels();
  const programs = usePrograms();
  const [year, setYear] = useState(thisYear());
  const [fiscalYear, setFiscalYear] = useState<number | undefined>(undefined);
  const [poolId, setPoolId] = useState<string | undefined>(undefined);
  const dashboard = useDashboard({ year, ...(fiscalYear ? { fiscalYear } : {}) });
  // The fiscal years to choose from: those of the pools that moved in `year`, and the years around now.
  const unfiltered = useDashboard({ year });
  const years = Array.from({ length: 5 }, (_, i) => thisYear() - i);
  const fiscalYears = [
    ...new Set([
      ...(unfiltered.data?.funds ?? []).map((f) => f.fiscalYear),
      ...Array.from({ length: 5 }, (_, i) => thisYear() + 1 - i),
      ...(fiscalYear ? [fiscalYear] : []),
    ]),
  ].sort((a, b) => b - a);

  const programTitle = (code: string | null | undefined) => {
    const p = code ? programs.data?.find((x) => x.code === code) : undefined;
    return p ? (language === 'en' ? p.title.en : p.title.zh) : null;
  };
  const poolTitle = (f: FundMonth) =>
    `${programTitle(f.programCode) ?? f.poolName}（${t('director.dashboard.fiscalYearShort', { year: f.fiscalYear })}）`;

  const data = dashboard.data;
  const pools = useMemo(() => {
    const seen = new Map<string, FundMonth>();
    for (const f of data?.funds ?? []) if (!seen.has(f.poolId)) seen.set(f.poolId, f);
    return [...seen.values()];
  }, [data]);
  const currentPool = pools.find((p) => p.poolId === poolId) ?? pools[0];
  const poolMonths = (data?.funds ?? []).filter((f) => f.poolId === currentPool?.poolId);
  const money = (key: (typeof MONEY_KEYS)[number]) => t(`director.dashboard.money.${key}`);

  if (dashboard.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (dashboard.isError || !data)
    return <ProblemAlert problem={toProblem(dashboard.error, t('app.networkError'))} />;

  const states = data.states;
  const refusals = data.screeningRefusals;
  const reason = (r: Refusal) => (language === 'en' ? r.reasonEn : r.reasonZh);
  const fileSuffix = `${data.zoneCode}-${year}${fiscalYear ? `-FY${fiscalYear}` : ''}`;

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('director.dashboard.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('director.dashboard.intro')}</Typography.Paragraph>
      <Form layout="inline" style={{ marginBottom: 16 }}>
        <Form.Item label={t('director.dashboard.year')} htmlFor="dashboard-year">
          <Select
            id="dashboard-year"
            style={{ width: 120 }}
            value={year}
            onChange={setYear}
            options={years.map((y) => ({ value: y, label: String(y) }))}
          />
        </Form.Item>
        <Form.Item label={t('director.dashboard.fiscalYear')} htmlFor="dashboard-fiscal-year">
          <Select
            id="dashboard-fiscal-year"
            style={{ width: 140 }}
            value={fiscalYear ?? 0}
            onChange={(v) => setFiscalYear(v === 0 ? undefined : v)}
            options={[
              { value: 0, label: t('director.dashboard.allFiscalYears') },
              ...fiscalYears.map((y) => ({ value: y, label: String(y) })),
            ]}
          />
        </Form.Item>
      </Form>

      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {(
          [
            ['overdue', data.overdueCount, t('director.dashboard.cases')],
            ['approved', data.approvedCount, t('director.dashboard.cases')],
            ['paid', data.paidCount, t('director.dashboard.cases')],
            [
              'medianDays',
              data.medianWorkingDaysToPayment ?? '—',
              data.medianWorkingDaysToPayment === null ? '' : t('director.dashboard.workingDays'),
            ],
            ['refused', data.screeningRefusedCount, t('director.dashboard.cases')],
          ] as const
        ).map(([key, value, suffix]) => (
          <Col xs={24} sm={12} lg={4} key={key} style={{ flex: '1 1 0' }}>
            <Card data-testid={`stat-${key}`}>
              <Statistic title={t(`director.dashboard.stats.${key}`)} value={value} suffix={suffix} />
            </Card>
          </Col>
        ))}
      </Row>

      <ChartCard<FundMonth>
        testId="chart-funds"
        title={t('director.dashboard.fundsTitle')}
        extra={
          pools.length > 0 && (
            <Select
              aria-label={t('director.dashboard.pool')}
              style={{ width: 300 }}
              value={currentPool?.poolId}
              onChange={setPoolId}
              options={pools.map((p) => ({ value: p.poolId, label: poolTitle(p) }))}
            />
          )
        }
        rows={poolMonths}
        rowKey={(r) => `${r.poolId}-${r.month}`}
        option={{
          tooltip: { trigger: 'axis' },
          legend: { top: 0 },
          grid: { left: 100, right: 16, top: 40, bottom: 32 },
          xAxis: { type: 'category', data: poolMonths.map((m) => m.month) },
          yAxis: {
            type: 'value',
            name: t('director.dashboard.yuan'),
            axisLabel: { formatter: (v: number) => String(v) },
          },
          series: MONEY_KEYS.map((key) => ({
            type: 'bar',
            name: money(key),
            data: poolMonths.map((m) => Number(fenToYuanText(m[key]))),
          })),
        }}
        columns={[
          { title: t('director.dashboard.month'), dataIndex: 'month' },
          ...MONEY_KEYS.map((key) => ({
            title: money(key),
            key,
            align: 'right' as const,
            render: (_: unknown, r: FundMonth) => formatFen(r[key]),
          })),
        ]}
        onExport={() =>
          downloadCsv(
            `funds-${fileSuffix}.csv`,
            [
              t('director.dashboard.pool'),
              t('director.dashboard.fiscalYear'),
              t('director.dashboard.month'),
              ...MONEY_KEYS.map((k) => `${money(k)}（${t('director.dashboard.yuan')}）`),
            ],
            data.funds.map((f) => [
              poolTitle(f),
              f.fiscalYear,
              f.month,
              ...MONEY_KEYS.map((k) => fenToYuanText(f[k])),
            ]),
          )
        }
      />

      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <ChartCard<StateCount>
            testId="chart-states"
            title={t('director.dashboard.statesTitle')}
            rows={states}
            rowKey={(r) => r.state}
            option={{
              tooltip: { trigger: 'axis' },
              grid: { left: 48, right: 16, top: 16, bottom: 80 },
              xAxis: {
                type: 'category',
                data: states.map((s) => label('applicationState', s.state)),
                axisLabel: { rotate: 40, interval: 0 },
              },
              yAxis: { type: 'value', minInterval: 1 },
              series: [
                { type: 'bar', name: t('director.dashboard.cases'), data: states.map((s) => s.count) },
              ],
            }}
            columns={[
              {
                title: t('director.dashboard.state'),
                key: 'state',
                render: (_, r) => label('applicationState', r.state),
              },
              { title: t('director.dashboard.count'), dataIndex: 'count', align: 'right' },
            ]}
            onExport={() =>
              downloadCsv(
                `cases-by-state-${data.zoneCode}.csv`,
                [t('director.dashboard.state'), t('director.dashboard.count')],
                states.map((s) => [label('applicationState', s.state), s.count]),
              )
            }
          />
        </Col>
        <Col xs={24} lg={12}>
          <ChartCard<Refusal>
            testId="chart-refusals"
            title={t('director.dashboard.refusalsTitle')}
            rows={refusals}
            rowKey={(r) => r.clauseId}
            option={{
              tooltip: { trigger: 'axis' },
              grid: { left: 200, right: 16, top: 16, bottom: 32 },
              xAxis: { type: 'value', minInterval: 1 },
              yAxis: { type: 'category', data: refusals.map(reason), inverse: true },
              series: [
                { type: 'bar', name: t('director.dashboard.cases'), data: refusals.map((r) => r.count) },
              ],
            }}
            columns={[
              { title: t('director.dashboard.reason'), key: 'reason', render: (_, r) => reason(r) },
              { title: t('director.dashboard.count'), dataIndex: 'count', align: 'right' },
            ]}
            onExport={() =>
              downloadCsv(
                `screening-refusals-${fileSuffix}.csv`,
                [t('director.dashboard.reason'), t('director.dashboard.count')],
                refusals.map((r) => [reason(r), r.count]),
              )
            }
          />
        </Col>
      </Row>
    </>
  );
}
