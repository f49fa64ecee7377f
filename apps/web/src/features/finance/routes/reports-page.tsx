import { Card, Col, InputNumber, Row, Space, Statistic, Table } from 'antd';
import ReactECharts from 'echarts-for-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem } from '../../../lib/api/problem';
import { formatFen } from '../../../lib/money';
import { useFinanceReport, type FinanceReport } from '../api/finance';
import { downloadFromApi } from '../api/files';
import { ExportButton, PageHeading, useProgramTitle } from '../components/shared';

type Row = FinanceReport['rows'][number];

/** Yuan as a chart number (the chart only draws; every figure read is formatted from fen). */
const yuan = (fen: number) => fen / 100;

/** 财务报表: allocation, reserved, paid and recovered per program, with charts; CSV from the API. */
export function ReportsPage() {
  const { t } = useTranslation();
  const programTitle = useProgramTitle();
  const [fiscalYear, setFiscalYear] = useState<number | undefined>();
  const report = useFinanceReport(fiscalYear);
  const rows = report.data?.rows ?? [];
  const totals = report.data?.totals;
  const names = rows.map((r) => `${programTitle(r.programCode)} ${r.fiscalYear}`);

  // No animation: the figures are read, and a screenshot or print shows the bars at their values.
  const bars = {
    animation: false,
    aria: { enabled: true },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatFen(Math.round(v * 100)) },
    legend: {},
    grid: { containLabel: true, left: 8, right: 24 },
    xAxis: { type: 'value', name: t('finance.reports.yuan') },
    yAxis: { type: 'category', data: names },
    series: [
      { name: t('finance.pools.allocated'), type: 'bar', data: rows.map((r) => yuan(r.allocatedFen ?? 0)) },
      { name: t('finance.pools.reserved'), type: 'bar', data: rows.map((r) => yuan(r.reservedFen)) },
      { name: t('finance.pools.paid'), type: 'bar', data: rows.map((r) => yuan(r.paidFen)) },
      { name: t('finance.pools.recovered'), type: 'bar', data: rows.map((r) => yuan(r.recoveredFen)) },
    ],
  };
  const pie = {
    animation: false,
    aria: { enabled: true },
    tooltip: { trigger: 'item', valueFormatter: (v: number) => formatFen(Math.round(v * 100)) },
    series: [
      {
        name: t('finance.pools.paid'),
        type: 'pie',
        radius: ['40%', '70%'],
        data: rows
          .filter((r) => r.paidFen > 0)
          .map((r, i) => ({ name: names[rows.indexOf(r)] ?? i, value: yuan(r.paidFen) })),
      },
    ],
  };

  return (
    <>
      <PageHeading
        title={t('finance.reports.title')}
        intro={t('finance.reports.intro')}
        extra={
          <ExportButton
            label={t('finance.exportCsv')}
            run={() =>
              downloadFromApi(
                `/finance-reports/report.csv${fiscalYear ? `?fiscalYear=${fiscalYear}` : ''}`,
                'GET',
                t('finance.reports.csvName'),
              )
            }
          />
        }
      />
      <Space style={{ marginBottom: 16 }}>
        <InputNumber
          aria-label={t('finance.fiscalYear')}
          placeholder={t('finance.fiscalYear')}
          min={2000}
          max={2100}
          value={fiscalYear}
          onChange={(v) => setFiscalYear(v ?? undefined)}
        />
      </Space>
      {report.isError && <ProblemAlert problem={toProblem(report.error, t('app.networkError'))} />}
      {totals && (
        <Row gutter={16} style={{ marginBottom: 16 }}>
          <Col xs={12} md={6}>
            <Statistic title={t('finance.pools.allocated')} value={formatFen(totals.allocatedFen)} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('finance.pools.paid')} value={formatFen(totals.paidFen)} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={t('finance.reports.paidGrants')}
              value={`${totals.paidGrants} / ${totals.grants}`}
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={t('finance.reports.sla')}
              value={totals.slaCompliancePercent === null ? '—' : `${totals.slaCompliancePercent}%`}
            />
          </Col>
        </Row>
      )}
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={14}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('finance.reports.byProgram')}</h2>}>
            <ReactECharts option={bars} style={{ height: Math.max(240, rows.length * 56) }} notMerge />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('finance.reports.paidShare')}</h2>}>
            <ReactECharts option={pie} style={{ height: 320 }} notMerge />
          </Card>
        </Col>
      </Row>
      <Table<Row>
        rowKey={(r) => `${r.programCode}-${r.fiscalYear}`}
        size="small"
        loading={report.isFetching}
        dataSource={rows}
        scroll={{ x: true }}
        pagination={false}
        columns={[
          { title: t('finance.program'), dataIndex: 'programCode', render: (c: string) => programTitle(c) },
          { title: t('finance.fiscalYear'), dataIndex: 'fiscalYear' },
          {
            title: t('finance.pools.allocated'),
            dataIndex: 'allocatedFen',
            align: 'right',
            render: (v: number | null) => (v === null ? '—' : formatFen(v)),
          },
          { title: t('finance.pools.reserved'), dataIndex: 'reservedFen', align: 'right', render: formatFen },
          { title: t('finance.pools.paid'), dataIndex: 'paidFen', align: 'right', render: formatFen },
          {
            title: t('finance.pools.recovered'),
            dataIndex: 'recoveredFen',
            align: 'right',
            render: formatFen,
          },
          { title: t('finance.reports.grants'), dataIndex: 'grants' },
          { title: t('finance.reports.paidGrants'), dataIndex: 'paidGrants' },
          {
            title: t('finance.reports.daysToPay'),
            dataIndex: 'averageDaysToPayment',
            render: (v: number | null) => (v === null ? '—' : v),
          },
          {
            title: t('finance.reports.sla'),
            dataIndex: 'slaCompliancePercent',
            render: (v: number | null) => (v === null ? '—' : `${v}%`),
          },
        ]}
      />
    </>
  );
}
