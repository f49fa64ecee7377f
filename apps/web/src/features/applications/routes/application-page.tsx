import { Alert, Button, Card, Descriptions, List, Popconfirm, Space, Spin, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { GRANT_LETTER_STATES, grantLetterPath } from '../../../lib/grant-letter';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem } from '../../../lib/api/problem';
import { useMe } from '../../../lib/auth/use-me';
import { useLanguage } from '../../../lib/i18n';
import { Label, useLabels } from '../../../lib/labels';
import { formatFen } from '../../../lib/money';
import { localized, type LocalizedText } from '../../../lib/program-definition';
import { formatInstant } from '../../../lib/time';
import { useApplicationAction } from '../api/act';
import { useApplication } from '../api/get-application';
import { useApplicationHistory } from '../api/get-history';
import { useProgram } from '../api/get-program';
import { LABEL_COLOR } from '../../../lib/contrast';

/** Who acts next in each waiting state (wizard.* and case.* locale keys). */
const NEXT_ACTOR: Record<string, string> = {
  draft: 'enterprise',
  amending: 'enterprise',
  offered: 'enterprise',
  screening: 'system',
  first_review: 'officer',
  acceptance: 'officer',
  expert_review: 'expert',
  director_approval: 'director',
  publicity: 'public',
  objection: 'director',
  approved: 'finance',
  disbursing: 'finance',
  clawback_required: 'enterprise',
};

/**
 * The case page (also what notification links open): where the case stands, who acts next and by
 * when, the officer's comment and missing facts when returned, what happened (timeline), amounts and
 * documents; the enterprise edits, resubmits or withdraws here.
 */
export function ApplicationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const language = useLanguage();
  const label = useLabels();
  const { data: me } = useMe();
  const application = useApplication(id);
  const history = useApplicationHistory(id);
  const program = useProgram(application.data?.programCode);
  const action = useApplicationAction(id);
  if (application.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (application.isError)
    return <ProblemAlert problem={toProblem(application.error, t('app.networkError'))} />;
  const a = application.data;
  const isOwner = me?.role === 'enterprise';
  const events = history.data ?? [];
  const lastReturn = [...events].reverse().find((e) => e.action === 'return' || e.toState === 'amending');
  const title = program.data?.current ? localized(program.data.current.title, language) : null;
  const actor = NEXT_ACTOR[a.state];
  const editable = isOwner && (a.state === 'draft' || a.state === 'amending');
  const canWithdraw = a.availableActions.includes('withdraw');

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('application.title', { reference: a.reference })}
      </Typography.Title>
      {title && <Typography.Paragraph type="secondary">{title}</Typography.Paragraph>}
      {action.isError && <ProblemAlert problem={toProblem(action.error, t('app.networkError'))} />}

      {a.state === 'amending' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('case.returned')}
          description={
            <>
              {lastReturn?.comment && (
                <Typography.Paragraph>
                  {t('case.officerComment')}：{lastReturn.comment}
                </Typography.Paragraph>
              )}
              {a.deadline && (
                <Typography.Paragraph>
                  {t('case.amendBy', { at: formatInstant(a.deadline.dueAt, language) })}
                </Typography.Paragraph>
              )}
              {a.missingFacts.length > 0 && (
                <>
                  <Typography.Paragraph style={{ marginBottom: 4 }}>
                    {t('case.missingFacts')}
                  </Typography.Paragraph>
                  <ul>
                    {a.missingFacts.map((f) => (
                      <li key={`${f.key}-${f.period ?? ''}`}>
                        {localized(f.label as unknown as LocalizedText, language) || label('factKey', f.key)}
                      </li>
                    ))}
                  </ul>
                  <Link to="/declared-facts" style={{ textDecoration: 'underline' }}>
                    {t('case.declareFacts')}
                  </Link>
                </>
              )}
            </>
          }
        />
      )}

      <Space style={{ marginBottom: 16 }} wrap>
        {editable && (
          <Button type="primary" onClick={() => void navigate(`/applications/${a.id}/edit`)}>
            {a.state === 'amending' ? t('case.amend') : t('case.continue')}
          </Button>
        )}
        {isOwner && canWithdraw && (
          <Popconfirm
            title={t('case.withdrawConfirm')}
            okText={t('case.withdraw')}
            cancelText={t('case.cancel')}
            onConfirm={() => action.mutate({ type: 'withdraw' })}
          >
            <Button danger loading={action.isPending}>
              {t('case.withdraw')}
            </Button>
          </Popconfirm>
        )}
        {isOwner && a.state === 'objection' && (
          <Button type="primary" onClick={() => void navigate(`/applications/${a.id}/objection`)}>
            {t('caseLinks.answerObjection')}
          </Button>
        )}
        {GRANT_LETTER_STATES.includes(a.state) && (
          <Link to={grantLetterPath(a.id)}>{t('caseLinks.grantLetter')}</Link>
        )}
      </Space>

      <Card
        title={
          <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
            {t('case.now')}
          </Typography.Title>
        }
        style={{ marginBottom: 16, maxWidth: 800 }}
      >
        <Descriptions styles={{ label: { color: LABEL_COLOR } }} column={1} size="small">
          <Descriptions.Item label={t('application.state')}>
            <Label group="applicationState" code={a.state} />
          </Descriptions.Item>
          {actor && (
            <Descriptions.Item label={t('case.whoActs')}>{t(`case.actor.${actor}`)}</Descriptions.Item>
          )}
          {a.deadline && (
            <>
              <Descriptions.Item label={t('case.stage')}>
                <Label group="stage" code={a.deadline.stage} />
              </Descriptions.Item>
              <Descriptions.Item label={t('case.dueAt')}>
                {formatInstant(a.deadline.dueAt, language)}
                {a.deadline.overdue && (
                  <Typography.Text type="danger"> （{t('case.overdue')}）</Typography.Text>
                )}
              </Descriptions.Item>
            </>
          )}
        </Descriptions>
      </Card>

      <Card
        title={
          <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
            {t('case.details')}
          </Typography.Title>
        }
        style={{ marginBottom: 16, maxWidth: 800 }}
      >
        <Descriptions styles={{ label: { color: LABEL_COLOR } }} column={1} size="small">
          <Descriptions.Item label={t('application.enterprise')}>{a.enterpriseName}</Descriptions.Item>
          <Descriptions.Item label={t('case.fiscalYear')}>{a.fiscalYear}</Descriptions.Item>
          <Descriptions.Item label={t('application.createdAt')}>
            {formatInstant(a.createdAt, language)}
          </Descriptions.Item>
          {a.submittedAt && (
            <Descriptions.Item label={t('case.submittedAt')}>
              {formatInstant(a.submittedAt, language)}
            </Descriptions.Item>
          )}
          {a.computedAmountFen != null && (
            <Descriptions.Item label={t('application.computedAmount')}>
              {formatFen(a.computedAmountFen)}
            </Descriptions.Item>
          )}
          {a.approvedAmountFen != null && (
            <Descriptions.Item label={t('case.approvedAmount')}>
              {formatFen(a.approvedAmountFen)}
            </Descriptions.Item>
          )}
          {a.paidAmountFen != null && (
            <Descriptions.Item label={t('case.paidAmount')}>{formatFen(a.paidAmountFen)}</Descriptions.Item>
          )}
        </Descriptions>
      </Card>

      <Card
        title={
          <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
            {t('case.documents')}
          </Typography.Title>
        }
        style={{ marginBottom: 16, maxWidth: 800 }}
      >
        <List
          size="small"
          dataSource={a.documents ?? []}
          rowKey="id"
          locale={{ emptyText: <Typography.Text type="secondary">{t('case.noDocuments')}</Typography.Text> }}
          renderItem={(d) => (
            <List.Item>
              {label('documentType', d.documentType)}：{d.fileName} · {formatInstant(d.createdAt, language)}
            </List.Item>
          )}
        />
      </Card>

      <Card
        title={
          <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
            {t('case.timeline')}
          </Typography.Title>
        }
        style={{ maxWidth: 800 }}
      >
        {history.isPending && <Spin />}
        {history.isError && <ProblemAlert problem={toProblem(history.error, t('app.networkError'))} />}
        <Timeline
          items={[
            ...events.map((e) => ({
              key: String(e.seq),
              content: (
                <>
                  <Typography.Text strong>{label('workflowAction', e.action)}</Typography.Text>
                  {e.toState && e.toState !== e.fromState && <> → {label('applicationState', e.toState)}</>}
                  <br />
                  <Typography.Text type="secondary">
                    {formatInstant(e.createdAt, language)} ·{' '}
                    {e.actorRole === 'system'
                      ? t('case.systemActor')
                      : (e.actorName ?? label('role', e.actorRole))}
                  </Typography.Text>
                  {e.comment && <div>{e.comment}</div>}
                </>
              ),
            })),
            ...(actor
              ? [
                  {
                    key: 'next',
                    color: 'gray',
                    content: (
                      <Typography.Text>
                        {t('case.next', { actor: t(`case.actor.${actor}`) })}
                        {a.deadline
                          ? ` · ${t('case.by', { at: formatInstant(a.deadline.dueAt, language) })}`
                          : ''}
                      </Typography.Text>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </>
  );
}
