import { PlusOutlined } from '@ant-design/icons';
import { Button, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem } from '../../../lib/api/problem';
import { useMe } from '../../../lib/auth/use-me';
import { useLanguage } from '../../../lib/i18n';
import { useLabelCatalog, useLabels } from '../../../lib/labels';
import { fenToYuanText, formatFen } from '../../../lib/money';
import { formatInstant } from '../../../lib/time';
import { allPages, fetchBatchesPage, useBatches, type Batch } from '../api/finance';
import { saveCsv } from '../api/files';
import { ExportButton, PageHeading } from '../components/shared';

type BatchState = Batch['state'];

/** 拨付批次: the zone's disbursement batches; a new one starts the batch wizard. */
export function BatchesPage() {
  const { t } = useTranslation();
  const label = useLabels();
  const catalog = useLabelCatalog();
  const language = useLanguage();
  const me = useMe();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const [state, setState] = useState<BatchState | undefined>();
  const batches = useBatches(page, state);
  const states = Object.keys(catalog.data?.groups.batchState ?? {}) as BatchState[];

  const exportCsv = async () => {
    const items = await allPages((n) => fetchBatchesPage(n, state));
    saveCsv(
      t('finance.batches.csvName'),
      [
        t('finance.batches.reference'),
        t('finance.batches.state'),
        t('finance.batches.items'),
        t('finance.batches.amount'),
        t('finance.batches.transfer'),
        t('finance.batches.paid'),
        t('finance.batches.createdAt'),
      ],
      items.map((b) => [
        b.reference,
        label('batchState', b.state),
        b.totals.items,
        fenToYuanText(b.totals.amountFen),
        fenToYuanText(b.totals.transferFen),
        fenToYuanText(b.totals.paid.amountFen),
        formatInstant(b.createdAt, language),
      ]),
    );
  };

  return (
    <>
      <PageHeading
        title={t('finance.batches.title')}
        intro={t('finance.batches.intro')}
        extra={
          <>
            <ExportButton label={t('finance.exportCsv')} run={exportCsv} />
            {me.data?.role === 'finance' && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => void navigate('/finance/batches/new')}
              >
                {t('finance.batches.create')}
              </Button>
            )}
          </>
        }
      />
      <Space style={{ marginBottom: 16 }}>
        <Select<BatchState>
          allowClear
          aria-label={t('finance.batches.state')}
          placeholder={t('finance.batches.state')}
          style={{ minWidth: 180 }}
          value={state}
          onChange={(v) => {
            setPage(1);
            setState(v);
          }}
          options={states.map((s) => ({ value: s, label: label('batchState', s) }))}
        />
      </Space>
      {batches.isError && <ProblemAlert problem={toProblem(batches.error, t('app.networkError'))} />}
      <Table<Batch>
        rowKey="id"
        loading={batches.isFetching}
        dataSource={batches.data?.items}
        scroll={{ x: true }}
        pagination={{
          current: page,
          pageSize: batches.data?.pageSize ?? 20,
          total: batches.data?.total,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          {
            title: t('finance.batches.reference'),
            dataIndex: 'reference',
            render: (ref: string, b) => <Link to={`/finance/batches/${b.id}`}>{ref}</Link>,
          },
          {
            title: t('finance.batches.state'),
            dataIndex: 'state',
            render: (s: string) => label('batchState', s),
          },
          { title: t('finance.batches.items'), key: 'items', render: (_, b) => b.totals.items },
          {
            title: t('finance.batches.amount'),
            key: 'amount',
            align: 'right',
            render: (_, b) => formatFen(b.totals.amountFen),
          },
          {
            title: t('finance.batches.paid'),
            key: 'paid',
            align: 'right',
            render: (_, b) => formatFen(b.totals.paid.amountFen),
          },
          {
            title: t('finance.batches.createdAt'),
            dataIndex: 'createdAt',
            render: (v: string) => formatInstant(v, language),
          },
        ]}
      />
    </>
  );
}
