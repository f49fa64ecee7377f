import { App, Button, Card, Descriptions, Form, Input, Modal, Spin, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { MoneyInput, moneyRule } from '../../../components/money-input';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem, type ProblemDocument } from '../../../lib/api/problem';
import { useMe } from '../../../lib/auth/use-me';
import { applyProblemToForm } from '../../../lib/form-errors';
import { useLanguage } from '../../../lib/i18n';
import { useLabels } from '../../../lib/labels';
import { fenToYuanText, formatFen } from '../../../lib/money';
import { formatInstant } from '../../../lib/time';
import {
  allPages,
  fetchLedgerPage,
  useFundPool,
  useLedger,
  useSetAllocation,
  type FundPool,
  type LedgerJournal,
} from '../api/finance';
import { saveCsv } from '../api/files';
import { ExportButton, PageHeading, Utilisation } from '../components/shared';

/** One pool: balances, utilisation, the allocation change and the ledger with running balances. */
export function PoolPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const label = useLabels();
  const language = useLanguage();
  const me = useMe();
  const pool = useFundPool(id);
  const [page, setPage] = useState(1);
  const ledger = useLedger(id, page);
  const [adjusting, setAdjusting] = useState(false);
  if (pool.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (pool.isError) return <ProblemAlert problem={toProblem(pool.error, t('app.networkError'))} />;
  const p = pool.data;

  const exportLedger = async () => {
    const items = await allPages((n) => fetchLedgerPage(id, n));
    saveCsv(
      t('finance.ledger.csvName', { name: p.name }),
      [
        t('finance.ledger.time'),
        t('finance.ledger.kind'),
        t('finance.ledger.amount'),
        t('finance.ledger.application'),
        t('finance.ledger.memo'),
        t('finance.pools.allocated'),
        t('finance.pools.available'),
        t('finance.pools.reserved'),
        t('finance.pools.paid'),
      ],
      items.map((j) => [
        formatInstant(j.createdAt, language),
        label('poolMovement', j.kind),
        fenToYuanText(j.amountFen),
        j.applicationReference,
        j.memo,
        fenToYuanText(j.balancesAfter.allocatedFen),
        fenToYuanText(j.balancesAfter.availableFen),
        fenToYuanText(j.balancesAfter.reservedFen),
        fenToYuanText(j.balancesAfter.paidFen),
      ]),
    );
  };

  return (
    <>
      <PageHeading
        title={p.name}
        intro={t('finance.pool.intro')}
        extra={
          <>
            <Link to="/finance/pools">{t('finance.pool.back')}</Link>
            {me.data?.role === 'finance' && (
              <Button type="primary" onClick={() => setAdjusting(true)}>
                {t('finance.pool.adjust')}
              </Button>
            )}
          </>
        }
      />
      <Descriptions bordered column={{ xs: 1, md: 3 }} style={{ marginBottom: 24 }}>
        <Descriptions.Item label={t('finance.fiscalYear')}>{p.fiscalYear}</Descriptions.Item>
        <Descriptions.Item label={t('finance.pools.allocated')}>
          <span data-testid="pool-allocated">{formatFen(p.allocatedFen)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('finance.pools.available')}>
          <span data-testid="pool-available">{formatFen(p.availableFen)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('finance.pools.reserved')}>
          {formatFen(p.reservedFen)} · {t('finance.pool.grants', { count: p.reservedGrants })}
        </Descriptions.Item>
        <Descriptions.Item label={t('finance.pools.paid')}>
          {formatFen(p.paidFen)} · {t('finance.pool.grants', { count: p.paidGrants })}
        </Descriptions.Item>
        <Descriptions.Item label={t('finance.pools.recovered')}>
          {formatFen(p.recoveredFen)}
        </Descriptions.Item>
        <Descriptions.Item label={t('finance.pools.utilisation')} span={2}>
          <Utilisation allocatedFen={p.allocatedFen} reservedFen={p.reservedFen} paidFen={p.paidFen} />
        </Descriptions.Item>
        <Descriptions.Item label={t('finance.pool.consistent')}>
          {p.consistent ? t('finance.pool.consistentYes') : t('finance.pool.consistentNo')}
        </Descriptions.Item>
      </Descriptions>
      <Card
        title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('finance.ledger.title')}</h2>}
        extra={<ExportButton label={t('finance.exportCsv')} run={exportLedger} />}
      >
        <Table<LedgerJournal>
          rowKey="id"
          size="small"
          loading={ledger.isFetching}
          dataSource={ledger.data?.items}
          scroll={{ x: true }}
          pagination={{
            current: page,
            pageSize: ledger.data?.pageSize ?? 20,
            total: ledger.data?.total,
            onChange: setPage,
            showSizeChanger: false,
          }}
          columns={[
            {
              title: t('finance.ledger.time'),
              dataIndex: 'createdAt',
              render: (v: string) => formatInstant(v, language),
            },
            {
              title: t('finance.ledger.kind'),
              dataIndex: 'kind',
              render: (k: string) => label('poolMovement', k),
            },
            { title: t('finance.ledger.amount'), dataIndex: 'amountFen', align: 'right', render: formatFen },
            { title: t('finance.ledger.application'), dataIndex: 'applicationReference' },
            { title: t('finance.ledger.memo'), dataIndex: 'memo' },
            {
              title: t('finance.ledger.balanceAfter'),
              children: [
                {
                  title: t('finance.pools.allocated'),
                  key: 'allocated',
                  align: 'right',
                  render: (_, j) => formatFen(j.balancesAfter.allocatedFen),
                },
                {
                  title: t('finance.pools.available'),
                  key: 'available',
                  align: 'right',
                  render: (_, j) => formatFen(j.balancesAfter.availableFen),
                },
                {
                  title: t('finance.pools.reserved'),
                  key: 'reserved',
                  align: 'right',
                  render: (_, j) => formatFen(j.balancesAfter.reservedFen),
                },
                {
                  title: t('finance.pools.paid'),
                  key: 'paid',
                  align: 'right',
                  render: (_, j) => formatFen(j.balancesAfter.paidFen),
                },
              ],
            },
          ]}
        />
      </Card>
      {adjusting && <AllocationModal pool={p} onClose={() => setAdjusting(false)} />}
    </>
  );
}

function AllocationModal({ pool, onClose }: { pool: FundPool; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ allocatedFen: number; comment: string }>();
  const save = useSetAllocation(pool.id);
  const [problem, setProblem] = useState<ProblemDocument | null>(null);
  const submit = async (values: { allocatedFen: number; comment: string }) => {
    setProblem(null);
    try {
      await save.mutateAsync(values);
      void message.success(t('finance.pool.adjusted'));
      onClose();
    } catch (error) {
      if (!applyProblemToForm(form, error)) setProblem(toProblem(error, t('app.networkError')));
    }
  };
  return (
    <Modal
      open
      title={t('finance.pool.adjust')}
      okText={t('finance.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <ProblemAlert problem={problem} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ allocatedFen: pool.allocatedFen }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item
          name="allocatedFen"
          label={t('finance.pool.newAllocation')}
          extra={t('finance.pool.floor', { floor: formatFen(pool.reservedFen + pool.paidFen) })}
          rules={[
            { required: true, message: t('finance.required', { field: t('finance.pool.newAllocation') }) },
            moneyRule(t('finance.notAmount')),
          ]}
        >
          <MoneyInput />
        </Form.Item>
        <Form.Item
          name="comment"
          label={t('finance.pool.reason')}
          rules={[{ required: true, message: t('finance.required', { field: t('finance.pool.reason') }) }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
