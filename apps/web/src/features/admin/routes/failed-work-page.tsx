import { ExportOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Space, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../lib/i18n';
import { useLabels } from '../../../lib/labels';
import { formatInstant } from '../../../lib/time';
import { useZoneName } from '../../../lib/zones';
import {
  signInToQueueBoard,
  useDeliveries,
  useFailedOutbox,
  useRetryDeliveries,
  useRetryOutbox,
  type Delivery,
  type OutboxRow,
} from '../api/admin';
import { PageHeading } from '../components/page-heading';

const PAGE_SIZE = 20;

function ErrorText({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  return (
    <Typography.Paragraph
      type="danger"
      style={{ marginBottom: 0, maxWidth: 420, wordBreak: 'break-word' }}
      ellipsis={{ rows: 3, expandable: true }}
    >
      {text}
    </Typography.Paragraph>
  );
}

/** How many of a batch of retries were accepted; the failures' titles for the message. */
function summarize(results: PromiseSettledResult<unknown>[]): { ok: number; failed: string[] } {
  const failed = results
    .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    .map((r) => (r.reason instanceof Error ? r.reason.message : String(r.reason)));
  return { ok: results.length - failed.length, failed };
}

/**
 * 失败任务: email and webhook deliveries that exhausted their retries, and background work (outbox)
 * that did, each with its last error and attempts; retried one at a time or as a selection. The queue
 * board (Bull Board) opens from here, signed in with the console's session.
 */
export function FailedWorkPage() {
  const { t } = useTranslation();
  const label = useLabels();
  const language = useLanguage();
  const zoneName = useZoneName();
  const { message } = App.useApp();
  const [deliveryPage, setDeliveryPage] = useState(1);
  const [outboxPage, setOutboxPage] = useState(1);
  const deliveries = useDeliveries({ page: deliveryPage, pageSize: PAGE_SIZE, status: 'failed' });
  const outbox = useFailedOutbox({ page: outboxPage, pageSize: PAGE_SIZE });
  const retryDeliveries = useRetryDeliveries();
  const retryOutbox = useRetryOutbox();
  const [selectedDeliveries, setSelectedDeliveries] = useState<string[]>([]);
  const [selectedOutbox, setSelectedOutbox] = useState<string[]>([]);
  const [boardRefused, setBoardRefused] = useState(false);

  const report = (results: PromiseSettledResult<unknown>[]) => {
    const { ok, failed } = summarize(results);
    if (ok > 0) void message.success(t('admin.failed.retried', { n: ok }));
    if (failed.length > 0)
      void message.error(t('admin.failed.retryFailed', { n: failed.length, reason: failed[0] }));
  };

  const runDeliveries = async (ids: string[]) => {
    report(await retryDeliveries.mutateAsync(ids));
    setSelectedDeliveries((s) => s.filter((id) => !ids.includes(id)));
  };
  const runOutbox = async (ids: string[]) => {
    report(await retryOutbox.mutateAsync(ids));
    setSelectedOutbox((s) => s.filter((id) => !ids.includes(id)));
  };

  const openBoard = async () => {
    // Opened at once (a popup opened after an await may be blocked), pointed at the board once signed in.
    const tab = window.open('about:blank', '_blank');
    const ok = await signInToQueueBoard().catch(() => false);
    setBoardRefused(!ok);
    if (tab) {
      tab.opener = null;
      tab.location.href = '/admin/queues';
    } else window.location.assign('/admin/queues');
  };

  return (
    <>
      <PageHeading title={t('admin.failed.title')} intro={t('admin.failed.intro')} />
      <Card
        size="small"
        style={{ marginBottom: 16 }}
        title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('admin.failed.boardTitle')}</h2>}
      >
        <Typography.Paragraph>{t('admin.failed.boardBody')}</Typography.Paragraph>
        <Button icon={<ExportOutlined />} onClick={() => void openBoard()}>
          {t('admin.failed.openBoard')}
        </Button>
        {boardRefused && (
          <Alert style={{ marginTop: 12 }} type="warning" showIcon title={t('admin.failed.boardBasic')} />
        )}
      </Card>
      <Card>
        <Tabs
          items={[
            {
              key: 'deliveries',
              label: t('admin.failed.deliveriesTab', { n: deliveries.data?.total ?? 0 }),
              children: (
                <>
                  <Space style={{ marginBottom: 12 }}>
                    <Button
                      icon={<ReloadOutlined />}
                      disabled={selectedDeliveries.length === 0}
                      loading={retryDeliveries.isPending}
                      onClick={() => void runDeliveries(selectedDeliveries)}
                    >
                      {t('admin.failed.retrySelected', { n: selectedDeliveries.length })}
                    </Button>
                  </Space>
                  <Table<Delivery>
                    rowKey="id"
                    loading={deliveries.isLoading}
                    dataSource={deliveries.data?.items}
                    rowSelection={{
                      selectedRowKeys: selectedDeliveries,
                      onChange: (keys) => setSelectedDeliveries(keys as string[]),
                    }}
                    pagination={{
                      current: deliveryPage,
                      pageSize: PAGE_SIZE,
                      total: deliveries.data?.total ?? 0,
                      onChange: setDeliveryPage,
                      showSizeChanger: false,
                    }}
                    locale={{ emptyText: t('admin.failed.noDeliveries') }}
                    columns={[
                      {
                        title: t('admin.failed.channel'),
                        key: 'channel',
                        render: (_, d) => label('deliveryChannel', d.channel),
                      },
                      {
                        title: t('admin.failed.target'),
                        key: 'target',
                        render: (_, d) => (
                          <>
                            <Typography.Text style={{ wordBreak: 'break-all' }}>{d.target}</Typography.Text>
                            {d.zoneCode && (
                              <div>
                                <Typography.Text type="secondary">{zoneName(d.zoneCode)}</Typography.Text>
                              </div>
                            )}
                          </>
                        ),
                      },
                      {
                        title: t('admin.failed.kind'),
                        key: 'template',
                        render: (_, d) => label('notificationKind', d.template),
                      },
                      { title: t('admin.failed.attempts'), dataIndex: 'attempts' },
                      {
                        title: t('admin.failed.lastAttempt'),
                        key: 'last',
                        render: (_, d) => formatInstant(d.lastAttemptAt ?? d.createdAt, language),
                      },
                      {
                        title: t('admin.failed.error'),
                        key: 'error',
                        render: (_, d) => <ErrorText text={d.lastError} />,
                      },
                      {
                        title: t('admin.actions'),
                        key: 'retry',
                        render: (_, d) => (
                          <Button
                            size="small"
                            onClick={() => void runDeliveries([d.id])}
                            aria-label={t('admin.failed.retryOne', { target: d.target })}
                          >
                            {t('admin.failed.retry')}
                          </Button>
                        ),
                      },
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'outbox',
              label: t('admin.failed.outboxTab', { n: outbox.data?.total ?? 0 }),
              children: (
                <>
                  <Space style={{ marginBottom: 12 }}>
                    <Button
                      icon={<ReloadOutlined />}
                      disabled={selectedOutbox.length === 0}
                      loading={retryOutbox.isPending}
                      onClick={() => void runOutbox(selectedOutbox)}
                    >
                      {t('admin.failed.retrySelected', { n: selectedOutbox.length })}
                    </Button>
                  </Space>
                  <Table<OutboxRow>
                    rowKey="id"
                    loading={outbox.isLoading}
                    dataSource={outbox.data?.items}
                    rowSelection={{
                      selectedRowKeys: selectedOutbox,
                      onChange: (keys) => setSelectedOutbox(keys as string[]),
                    }}
                    pagination={{
                      current: outboxPage,
                      pageSize: PAGE_SIZE,
                      total: outbox.data?.total ?? 0,
                      onChange: setOutboxPage,
                      showSizeChanger: false,
                    }}
                    locale={{ emptyText: t('admin.failed.noOutbox') }}
                    columns={[
                      { title: t('admin.failed.number'), dataIndex: 'id' },
                      {
                        title: t('admin.failed.queue'),
                        key: 'queue',
                        render: (_, r) => label('queue', r.queue),
                      },
                      { title: t('admin.failed.attempts'), dataIndex: 'sendCount' },
                      {
                        title: t('admin.failed.failedAt'),
                        key: 'failedAt',
                        render: (_, r) => (r.failedAt ? formatInstant(r.failedAt, language) : ''),
                      },
                      {
                        title: t('admin.failed.error'),
                        key: 'error',
                        render: (_, r) => <ErrorText text={r.lastError} />,
                      },
                      {
                        title: t('admin.actions'),
                        key: 'retry',
                        render: (_, r) => (
                          <Button
                            size="small"
                            onClick={() => void runOutbox([r.id])}
                            aria-label={t('admin.failed.retryOutboxOne', { id: r.id })}
                          >
                            {t('admin.failed.retry')}
                          </Button>
                        ),
                      },
                    ]}
                  />
                </>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
