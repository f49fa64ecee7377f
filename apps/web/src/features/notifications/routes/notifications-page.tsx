import { Badge, Button, List, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem } from '../../../lib/api/problem';
import { useLanguage } from '../../../lib/i18n';
import { formatInstant } from '../../../lib/time';
import { useInbox, useMarkAllRead, useMarkRead } from '../api/notifications';

/** The in-app inbox: messages newest first, each marked read on its own or all at once. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [page, setPage] = useState(1);
  const inbox = useInbox(page);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  if (inbox.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (inbox.isError) return <ProblemAlert problem={toProblem(inbox.error, t('app.networkError'))} />;
  const data = inbox.data;
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="center">
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('notifications.title')}
        </Typography.Title>
        <Space>
          <Typography.Text data-testid="unread-count">
            {t('notifications.unread', { count: data.unreadCount })}
          </Typography.Text>
          <Button
            disabled={data.unreadCount === 0}
            loading={markAll.isPending}
            onClick={() => markAll.mutate()}
          >
            {t('notifications.markAllRead')}
          </Button>
        </Space>
      </Space>
      <List
        bordered
        dataSource={data.items}
        locale={{ emptyText: <span style={{ color: 'rgba(0,0,0,0.75)' }}>{t('notifications.none')}</span> }}
        pagination={
          data.total > data.pageSize
            ? { current: page, pageSize: data.pageSize, total: data.total, onChange: setPage }
            : false
        }
        renderItem={(n) => (
          <List.Item
            actions={
              n.read
                ? []
                : [
                    <Button
                      key="read"
                      size="small"
                      onClick={() => markRead.mutate(n.id)}
                      aria-label={t('notifications.markReadOf', { title: n.title })}
                    >
                      {t('notifications.markRead')}
                    </Button>,
                  ]
            }
          >
            <List.Item.Meta
              title={
                <Space>
                  {!n.read && <Badge status="processing" aria-hidden />}
                  <span style={{ fontWeight: n.read ? 400 : 600 }}>{n.title}</span>
                  {!n.read && <Typography.Text type="danger">{t('notifications.new')}</Typography.Text>}
                </Space>
              }
              description={
                <>
                  <div style={{ whiteSpace: 'pre-line', color: 'rgba(0,0,0,0.75)' }}>{n.body}</div>
                  <Space size="large" style={{ marginTop: 4 }}>
                    <Typography.Text type="secondary">{formatInstant(n.createdAt, language)}</Typography.Text>
                    {n.applicationId && (
                      <Link to={`/applications/${n.applicationId}`}>{t('notifications.openCase')}</Link>
                    )}
                  </Space>
                </>
              }
            />
          </List.Item>
        )}
      />
    </>
  );
}
