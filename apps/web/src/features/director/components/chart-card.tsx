import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Segmented, Space, Table, type TableColumnsType } from 'antd';
import type { EChartsOption } from 'echarts';
import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, CanvasRenderer]);

/**
 * One figure of the dashboard: a bar chart (ECharts) or the same numbers as a table, and a CSV export of
 * them. The chart carries an aria description; the table is the accessible reading of it.
 */
export function ChartCard<Row extends object>({
  title,
  option,
  columns,
  rows,
  rowKey,
  onExport,
  extra,
  testId,
}: {
  title: string;
  option: EChartsOption;
  columns: TableColumnsType<Row>;
  rows: Row[];
  rowKey: (row: Row) => string;
  onExport: () => void;
  extra?: ReactNode;
  testId: string;
}) {
  const { t } = useTranslation();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  return (
    <Card
      title={title}
      data-testid={testId}
      style={{ marginBottom: 16 }}
      extra={
        <Space wrap>
          {extra}
          <Segmented
            aria-label={t('director.dashboard.view')}
            value={view}
            onChange={(v) => setView(v as 'chart' | 'table')}
            options={[
              { value: 'chart', label: t('director.dashboard.chart') },
              { value: 'table', label: t('director.dashboard.table') },
            ]}
          />
          <Button icon={<DownloadOutlined />} onClick={onExport} disabled={rows.length === 0}>
            {t('director.dashboard.exportCsv')}
          </Button>
        </Space>
      }
    >
      {view === 'chart' ? (
        rows.length === 0 ? (
          <div style={{ color: 'rgba(0,0,0,0.75)', padding: 24, textAlign: 'center' }}>
            {t('director.dashboard.noData')}
          </div>
        ) : (
          <div role="img" aria-label={title}>
            <ReactEChartsCore
              echarts={echarts}
              option={{ aria: { enabled: true }, ...option }}
              notMerge
              style={{ height: 320 }}
            />
          </div>
        )
      ) : (
        <Table<Row>
          size="small"
          rowKey={rowKey}
          columns={columns}
          dataSource={rows}
          pagination={rows.length > 20 ? { pageSize: 20 } : false}
          locale={{
            emptyText: <span style={{ color: 'rgba(0,0,0,0.75)' }}>{t('director.dashboard.noData')}</span>,
          }}
        />
      )}
    </Card>
  );
}
