import { App, Button, Card, Input, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem } from '../../../lib/api/problem';
import { useLabels } from '../../../lib/labels';
import { useInbox, useOfficers, useReassignCase, useReassignQueue } from '../api/director';
import { ReassignDialog, type OfficerOption } from '../components/reassign-dialog';

/** The states in which a case is in an officer's hands and can be moved (first review, acceptance, amendment). */
const MOVABLE: ('first_review' | 'acceptance' | 'amending')[] = ['first_review', 'acceptance', 'amending'];
const PAGE_SIZE = 20;

type Target =
  | { kind: 'queue'; officer: OfficerOption }
  | { kind: 'case'; id: string; reference: string; assigneeId?: string | null };

/** 转办: a director moves one case, or an officer's whole open queue, to another officer of the zone. */
export function ReassignmentPage() {
  const { t } = useTranslation();
  const label = useLabels();
  const { message } = App.useApp();
  const officers = useOfficers();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const cases = useInbox({ state: MOVABLE, page, pageSize: PAGE_SIZE, sort: 'due', ...(q ? { q } : {}) });
  const moveCase = useReassignCase();
  const moveQueue = useReassignQueue();
  const [target, setTarget] = useState<Target | null>(null);
  const list = officers.data ?? [];
  const nameOf = (id: string | null | undefined) => {
    if (!id) return t('director.reassign.unassigned');
    const o = list.find((x) => x.officerId === id);
    return o ? o.displayName : t('director.reassign.otherStaff');
  };

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('director.reassign.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('director.reassign.intro')}</Typography.Paragraph>

      <Card title={t('director.reassign.officersTitle')} style={{ marginBottom: 16 }}>
        {officers.isError && <ProblemAlert problem={toProblem(officers.error, t('app.networkError'))} />}
        <Table
          rowKey="officerId"
          size="small"
          loading={officers.isPending}
          dataSource={list}
          pagination={false}
          columns={[
            { title: t('director.reassign.officer'), dataIndex: 'displayName' },
            { title: t('director.reassign.username'), dataIndex: 'username' },
            { title: t('director.reassign.open'), dataIndex: 'openCount', align: 'right' },
            { title: t('director.reassign.overdue'), dataIndex: 'overdueCount', align: 'right' },
            {
              title: t('director.reassign.actions'),
              key: 'actions',
              render: (_, o) => (
                <Button
                  disabled={o.openCount === 0 || list.length < 2}
                  aria-label={t('director.reassign.moveQueueOf', { name: o.displayName })}
                  onClick={() => setTarget({ kind: 'queue', officer: o })}
                >
                  {t('director.reassign.moveQueue')}
                </Button>
              ),
            },
          ]}
        />
      </Card>

      <Card title={t('director.reassign.casesTitle')}>
        <Input.Search
          aria-label={t('director.reassign.search')}
          placeholder={t('director.reassign.search')}
          allowClear
          style={{ maxWidth: 360, marginBottom: 12 }}
          onSearch={(value) => {
            setQ(value.trim());
            setPage(1);
          }}
        />
        {cases.isError && <ProblemAlert problem={toProblem(cases.error, t('app.networkError'))} />}
        <Table
          rowKey="id"
          size="small"
          loading={cases.isFetching}
          dataSource={cases.data?.items ?? []}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: cases.data?.total ?? 0,
            showSizeChanger: false,
            onChange: setPage,
          }}
          locale={{
            emptyText: <span style={{ color: 'rgba(0,0,0,0.75)' }}>{t('director.reassign.noCases')}</span>,
          }}
          columns={[
            {
              title: t('director.bulk.reference'),
              key: 'reference',
              render: (_, a) => <Link to={`/applications/${a.id}`}>{a.reference}</Link>,
            },
            { title: t('director.bulk.enterprise'), dataIndex: 'enterpriseName' },
            {
              title: t('director.bulk.state'),
              key: 'state',
              render: (_, a) => label('applicationState', a.state),
            },
            {
              title: t('director.reassign.assignee'),
              key: 'assignee',
              render: (_, a) => nameOf(a.assigneeId),
            },
            {
              title: t('director.reassign.actions'),
              key: 'actions',
              render: (_, a) => (
                <Button
                  aria-label={t('director.reassign.moveCaseOf', { reference: a.reference })}
                  onClick={() =>
                    setTarget({ kind: 'case', id: a.id, reference: a.reference, assigneeId: a.assigneeId })
                  }
                >
                  {t('director.reassign.moveCase')}
                </Button>
              ),
            },
          ]}
        />
      </Card>

      {target && (
        <ReassignDialog
          officers={list}
          exclude={target.kind === 'queue' ? target.officer.officerId : target.assigneeId}
          title={
            target.kind === 'queue'
              ? t('director.reassign.queueDialog', { name: target.officer.displayName })
              : t('director.reassign.caseDialog', { reference: target.reference })
          }
          onClose={() => setTarget(null)}
          onSubmit={async ({ toOfficerId, comment }) => {
            const to = nameOf(toOfficerId);
            if (target.kind === 'queue') {
              const result = await moveQueue.mutateAsync({
                officerId: target.officer.officerId,
                toOfficerId,
                comment,
              });
              void message.success(
                t('director.reassign.queueMoved', { count: result.moved.length, name: to }),
              );
            } else {
              await moveCase.mutateAsync({ id: target.id, toOfficerId, comment });
              void message.success(
                t('director.reassign.caseMoved', { reference: target.reference, name: to }),
              );
            }
          }}
        />
      )}
    </>
  );
}
