import { Button, Descriptions, Drawer, Select, Space, Spin, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem } from '../../../lib/api/problem';
import { useLanguage } from '../../../lib/i18n';
import { useLabels } from '../../../lib/labels';
import { fenToYuanText, formatFen } from '../../../lib/money';
import { formatDate, formatInstant } from '../../../lib/time';
import { allPages, fetchClawbacksPage, useClawback, useClawbacks, type Clawback } from '../api/finance';
import { saveCsv } from '../api/files';
import { ExportButton, PageHeading, useProgramTitle } from '../components/shared';

/** 追回: every clawback of the zone, its demand notice (追回通知书) and how it was recovered. */
export function ClawbacksPage() {
  const { t } = useTranslation();
  const label = useLabels();
  const language = useLanguage();
  const programTitle = useProgramTitle();
  const [page, setPage] = useState(1);
  const [state, setState] = useState<'open' | 'settled' | undefined>();
  const clawbacks = useClawbacks(page, state);
  const [openId, setOpenId] = useState<string | null>(null);

  const exportCsv = async () => {
    const items = await allPages((n) => fetchClawbacksPage(n, state));
    saveCsv(
      t('finance.clawbacks.csvName'),
      [
        t('finance.clawbacks.reference'),
        t('finance.clawbacks.enterprise'),
        t('finance.clawbacks.application'),
        t('finance.program'),
        t('finance.clawbacks.amount'),
        t('finance.clawbacks.recovered'),
        t('finance.clawbacks.outstanding'),
        t('finance.clawbacks.state'),
        t('finance.clawbacks.dueOn'),
        t('finance.clawbacks.reason'),
      ],
      items.map((c) => [
        c.reference,
        c.enterpriseName,
        c.applicationReference,
        programTitle(c.programCode),
        fenToYuanText(c.amountFen),
        fenToYuanText(c.recoveredFen),
        fenToYuanText(c.outstandingFen),
        label('clawbackState', c.state),
        c.dueOn,
        c.reason,
      ]),
    );
  };

  return (
    <>
      <PageHeading
        title={t('finance.clawbacks.title')}
        intro={t('finance.clawbacks.intro')}
        extra={<ExportButton label={t('finance.exportCsv')} run={exportCsv} />}
      />
      <Space style={{ marginBottom: 16 }}>
        <Select<'open' | 'settled'>
          allowClear
          aria-label={t('finance.clawbacks.state')}
          placeholder={t('finance.clawbacks.state')}
          style={{ minWidth: 160 }}
          value={state}
          onChange={(v) => {
            setPage(1);
            setState(v);
          }}
          options={(['open', 'settled'] as const).map((s) => ({
            value: s,
            label: label('clawbackState', s),
          }))}
        />
      </Space>
      {clawbacks.isError && <ProblemAlert problem={toProblem(clawbacks.error, t('app.networkError'))} />}
      <Table<Clawback>
        rowKey="id"
        loading={clawbacks.isFetching}
        dataSource={clawbacks.data?.items}
        scroll={{ x: true }}
        pagination={{
          current: page,
          pageSize: clawbacks.data?.pageSize ?? 20,
          total: clawbacks.data?.total,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          {
            title: t('finance.clawbacks.reference'),
            dataIndex: 'reference',
            render: (ref: string, c) => (
              <Button type="link" style={{ padding: 0 }} onClick={() => setOpenId(c.id)}>
                {ref}
              </Button>
            ),
          },
          { title: t('finance.clawbacks.enterprise'), dataIndex: 'enterpriseName' },
          {
            title: t('finance.clawbacks.application'),
            dataIndex: 'applicationReference',
            render: (ref: string, c) => <Link to={`/applications/${c.applicationId}`}>{ref}</Link>,
          },
          { title: t('finance.clawbacks.amount'), dataIndex: 'amountFen', align: 'right', render: formatFen },
          {
            title: t('finance.clawbacks.outstanding'),
            dataIndex: 'outstandingFen',
            align: 'right',
            render: formatFen,
          },
          {
            title: t('finance.clawbacks.state'),
            dataIndex: 'state',
            render: (s: string) => label('clawbackState', s),
          },
          { title: t('finance.clawbacks.dueOn'), dataIndex: 'dueOn' },
          {
            title: t('finance.clawbacks.createdAt'),
            dataIndex: 'createdAt',
            render: (v: string) => formatDate(v, language),
          },
        ]}
      />
      <ClawbackDrawer id={openId} onClose={() => setOpenId(null)} />
    </>
  );
}

function ClawbackDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const clawback = useClawback(id);
  const c = clawback.data;
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      size="large"
      title={c ? t('finance.clawbacks.notice', { reference: c.reference }) : ''}
    >
      {clawback.isPending && id && <Spin />}
      {clawback.isError && <ProblemAlert problem={toProblem(clawback.error, t('app.networkError'))} />}
      {c && (
        <>
          <Descriptions column={1} bordered size="small" style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('finance.clawbacks.enterprise')}>
              {c.enterpriseName}
            </Descriptions.Item>
            <Descriptions.Item label={t('finance.clawbacks.amount')}>
              {formatFen(c.amountFen)}
            </Descriptions.Item>
            <Descriptions.Item label={t('finance.clawbacks.recovered')}>
              {formatFen(c.recoveredFen)}
            </Descriptions.Item>
            <Descriptions.Item label={t('finance.clawbacks.reason')}>{c.reason}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            {t('finance.clawbacks.noticeText')}
          </Typography.Title>
          <pre style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', background: '#fafafa', padding: 16 }}>
            {c.notice}
          </pre>
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            {t('finance.clawbacks.recoveries')}
          </Typography.Title>
          {c.recoveries.length === 0 ? (
            <Typography.Paragraph>{t('finance.clawbacks.noRecoveries')}</Typography.Paragraph>
          ) : (
            <Table
              rowKey="journalId"
              size="small"
              pagination={false}
              dataSource={c.recoveries}
              columns={[
                {
                  title: t('finance.clawbacks.recordedAt'),
                  dataIndex: 'recordedAt',
                  render: (v: string) => formatInstant(v, language),
                },
                {
                  title: t('finance.clawbacks.method'),
                  dataIndex: 'method',
                  render: (m: string) => t(`finance.recoveryMethod.${m}`, { defaultValue: m }),
                },
                {
                  title: t('finance.clawbacks.amount'),
                  dataIndex: 'amountFen',
                  align: 'right',
                  render: formatFen,
                },
                { title: t('finance.batch.paymentReference'), dataIndex: 'paymentReference' },
              ]}
            />
          )}
        </>
      )}
    </Drawer>
  );
}
