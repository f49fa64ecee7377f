import { Alert, Card, Spin, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem } from '../../../lib/api/problem';
import { useLanguage } from '../../../lib/i18n';
import { useLabels } from '../../../lib/labels';
import { formatFen } from '../../../lib/money';
import { formatInstant } from '../../../lib/time';
import { useChainVerdict, useHistory } from '../api/case';

/** Audit actions that are not workflow events and have no label in the API's catalogue. */
const LOCAL_ACTIONS: Record<string, string> = {
  'id-number.revealed': 'staff.history.idRevealed',
  'objection.answered': 'staff.history.objectionAnswered',
};

/**
 * 办理记录: every event of the case's audit chain (who, when, what, comment, amount, its hash) and the
 * chain recomputed by the API — intact, or where it breaks.
 */
export function HistoryCard({ applicationId }: { applicationId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useLabels();
  const history = useHistory(applicationId);
  const verdict = useChainVerdict(applicationId);
  const v = verdict.data;
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          {t('staff.history.title')}
        </Typography.Title>
      }
      style={{ marginBottom: 16 }}
    >
      {verdict.isPending && <Spin />}
      {verdict.isError && <ProblemAlert problem={toProblem(verdict.error, t('app.networkError'))} />}
      {v && (
        <Alert
          type={v.valid ? 'success' : 'error'}
          showIcon
          role="status"
          style={{ marginBottom: 12 }}
          title={
            v.valid
              ? t('staff.history.chainValid', { count: v.events })
              : t('staff.history.chainBroken', {
                  seq: v.brokenAtSeq ?? '?',
                  problem: t(`staff.history.problem.${v.problem ?? 'unknown'}`),
                })
          }
        />
      )}
      {history.isError && <ProblemAlert problem={toProblem(history.error, t('app.networkError'))} />}
      <Table
        size="small"
        rowKey="seq"
        loading={history.isPending}
        pagination={false}
        scroll={{ x: 900 }}
        dataSource={history.data ?? []}
        columns={[
          { key: 'seq', title: t('staff.history.seq'), dataIndex: 'seq', width: 60 },
          {
            key: 'at',
            title: t('staff.history.at'),
            render: (_, e) => formatInstant(e.createdAt, language),
          },
          {
            key: 'action',
            title: t('staff.history.action'),
            render: (_, e) => (
              <>
                {LOCAL_ACTIONS[e.action] ? t(LOCAL_ACTIONS[e.action]) : label('workflowAction', e.action)}
                {e.toState && e.toState !== e.fromState && <> → {label('applicationState', e.toState)}</>}
              </>
            ),
          },
          {
            key: 'actor',
            title: t('staff.history.actor'),
            render: (_, e) =>
              e.actorRole === 'system'
                ? t('staff.history.system')
                : `${e.actorName ?? ''}（${label('role', e.actorRole)}）`,
          },
          {
            key: 'comment',
            title: t('staff.history.comment'),
            render: (_, e) => (
              <>
                {e.comment}
                {e.amountFen != null && (
                  <div>
                    {t('staff.history.amount')}：{formatFen(e.amountFen)}
                  </div>
                )}
                {typeof (e.data as { event?: { score?: unknown } }).event?.score === 'number' && (
                  <div>
                    {t('staff.expert.score')}：{(e.data as { event: { score: number } }).event.score}
                  </div>
                )}
              </>
            ),
          },
          {
            key: 'hash',
            title: t('staff.history.hash'),
            render: (_, e) =>
              e.hash ? (
                <Typography.Text code title={e.hash} style={{ whiteSpace: 'nowrap' }}>
                  {e.hash.slice(0, 12)}
                </Typography.Text>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}
