import { LockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, List, Popconfirm, Spin, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem, type ProblemDocument } from '../../../lib/api/problem';
import { useMe } from '../../../lib/auth/use-me';
import { useLanguage } from '../../../lib/i18n';
import { useLabels } from '../../../lib/labels';
import { formatFen } from '../../../lib/money';
import { formatInstant } from '../../../lib/time';
import { useBatch, useLockBatch, type BatchItem } from '../api/finance';
import { downloadFromApi } from '../api/files';
import { ExportButton, PageHeading, useProgramTitle } from '../components/shared';

interface PayeeProblem {
  payeeName: string;
  missing: string[];
}

/** The payees a lock refusal names, each with the details it lacks (409 `payees[]`). */
function payeesOf(problem: ProblemDocument | null): PayeeProblem[] {
  const payees = problem?.payees;
  return Array.isArray(payees) ? (payees as PayeeProblem[]) : [];
}

/** A batch: what will be paid where (payee, masked account, bank, amount), lock, the payment file. */
export function BatchPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const label = useLabels();
  const language = useLanguage();
  const programTitle = useProgramTitle();
  const me = useMe();
  const batch = useBatch(id);
  const lock = useLockBatch(id);
  const [problem, setProblem] = useState<ProblemDocument | null>(null);
  if (batch.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (batch.isError) return <ProblemAlert problem={toProblem(batch.error, t('app.networkError'))} />;
  const b = batch.data;
  const isFinance = me.data?.role === 'finance';
  const exportable = ['locked', 'exported', 'settled', 'partly_settled'].includes(b.state);

  const doLock = async () => {
    setProblem(null);
    try {
      await lock.mutateAsync();
      void message.success(t('finance.batch.locked'));
    } catch (error) {
      setProblem(toProblem(error, t('app.networkError')));
    }
  };
  const payees = payeesOf(problem);
  const fileBase = `${b.reference}`;

  return (
    <>
      <PageHeading
        title={t('finance.batch.title', { reference: b.reference })}
        intro={b.state === 'draft' ? t('finance.batch.introDraft') : undefined}
        extra={
          <>
            <Link to="/finance/batches">{t('finance.wizard.back')}</Link>
            {isFinance && b.state === 'draft' && (
              <Popconfirm
                title={t('finance.batch.lockConfirm', {
                  count: b.totals.items,
                  amount: formatFen(b.totals.amountFen),
                })}
                okText={t('finance.batch.lock')}
                cancelText={t('common.cancel')}
                onConfirm={() => doLock()}
              >
                <Button type="primary" icon={<LockOutlined />} loading={lock.isPending}>
                  {t('finance.batch.lock')}
                </Button>
              </Popconfirm>
            )}
            {isFinance && exportable && (
              <>
                <ExportButton
                  label={t('finance.batch.exportXlsx')}
                  run={async () => {
                    await downloadFromApi(
                      `/disbursement-batches/${id}/export?format=xlsx`,
                      'POST',
                      `${fileBase}.xlsx`,
                    );
                    await batch.refetch();
                  }}
                />
                <ExportButton
                  label={t('finance.batch.exportCsv')}
                  run={async () => {
                    await downloadFromApi(
                      `/disbursement-batches/${id}/export?format=csv`,
                      'POST',
                      `${fileBase}.csv`,
                    );
                    await batch.refetch();
                  }}
                />
              </>
            )}
            {b.state !== 'draft' && (
              <ExportButton
                label={t('finance.batch.reconciliationCsv')}
                run={() =>
                  downloadFromApi(
                    `/disbursement-batches/${id}/reconciliation.csv`,
                    'GET',
                    `${fileBase}-对账.csv`,
                  )
                }
              />
            )}
          </>
        }
      />
      {problem && payees.length > 0 ? (
        <Alert
          type="error"
          role="alert"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('finance.batch.lockRefused')}
          description={
            <List
              size="small"
              dataSource={payees}
              renderItem={(p) => (
                <List.Item>
                  {t('finance.batch.payeeMissing', {
                    payee: p.payeeName,
                    fields: p.missing
                      .map((f) => t(`finance.payeeField.${f}`, { defaultValue: f }))
                      .join('、'),
                  })}
                </List.Item>
              )}
            />
          }
        />
      ) : (
        <ProblemAlert problem={problem} />
      )}
      <Descriptions bordered column={{ xs: 1, md: 3 }} style={{ marginBottom: 24 }}>
        <Descriptions.Item label={t('finance.batches.state')}>
          <span data-testid="batch-state">{label('batchState', b.state)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('finance.batches.items')}>{b.totals.items}</Descriptions.Item>
        <Descriptions.Item label={t('finance.batches.amount')}>
          <span data-testid="batch-amount">{formatFen(b.totals.amountFen)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('finance.batch.offset')}>
          {formatFen(b.totals.offsetFen)}
        </Descriptions.Item>
        <Descriptions.Item label={t('finance.batches.transfer')}>
          {formatFen(b.totals.transferFen)}
        </Descriptions.Item>
        <Descriptions.Item label={t('finance.batches.paid')}>
          {t('finance.batch.countAmount', {
            count: b.totals.paid.count,
            amount: formatFen(b.totals.paid.amountFen),
          })}
        </Descriptions.Item>
        <Descriptions.Item label={t('finance.batch.returned')}>
          {t('finance.batch.countAmount', {
            count: b.totals.returned.count,
            amount: formatFen(b.totals.returned.amountFen),
          })}
        </Descriptions.Item>
        <Descriptions.Item label={t('finance.batches.createdAt')}>
          {formatInstant(b.createdAt, language)}
        </Descriptions.Item>
        <Descriptions.Item label={t('finance.batch.lockedAt')}>
          {b.lockedAt ? formatInstant(b.lockedAt, language) : '—'}
        </Descriptions.Item>
        {b.note && (
          <Descriptions.Item label={t('finance.wizard.note')} span={3}>
            {b.note}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('finance.batch.payments')}
      </Typography.Title>
      <Table<BatchItem>
        rowKey="id"
        size="small"
        dataSource={b.items}
        scroll={{ x: true }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('finance.batch.paymentReference'), dataIndex: 'paymentReference' },
          {
            title: t('finance.batch.application'),
            dataIndex: 'applicationReference',
            render: (ref: string, i) => <Link to={`/applications/${i.applicationId}`}>{ref}</Link>,
          },
          { title: t('finance.program'), dataIndex: 'programCode', render: (c: string) => programTitle(c) },
          {
            title: t('finance.batch.payee'),
            key: 'payee',
            render: (_, i) => i.payeeName ?? i.enterpriseName,
          },
          {
            title: t('finance.batch.account'),
            dataIndex: 'accountNo',
            render: (v: string | null) => v ?? t('finance.batch.noAccount'),
          },
          { title: t('finance.batch.bank'), dataIndex: 'bankName', render: (v: string | null) => v ?? '—' },
          { title: t('finance.batches.amount'), dataIndex: 'amountFen', align: 'right', render: formatFen },
          { title: t('finance.batch.offset'), dataIndex: 'offsetFen', align: 'right', render: formatFen },
          {
            title: t('finance.batches.transfer'),
            dataIndex: 'transferFen',
            align: 'right',
            render: formatFen,
          },
          {
            title: t('finance.batches.state'),
            dataIndex: 'state',
            render: (s: string, i) => (
              <>
                <span>{t(`finance.itemState.${s}`, { defaultValue: s })}</span>
                {i.outcomeReason && <Typography.Text type="secondary"> · {i.outcomeReason}</Typography.Text>}
              </>
            ),
          },
        ]}
      />
    </>
  );
}
