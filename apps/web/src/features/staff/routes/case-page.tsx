import { Card, Col, Descriptions, List, Row, Spin, Typography } from 'antd';
import { EmptyText } from '../components/empty-text';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import type { components } from '../../../lib/api/client';
import { toProblem } from '../../../lib/api/problem';
import { useMe } from '../../../lib/auth/use-me';
import { LABEL_COLOR } from '../../../lib/contrast';
import { useLanguage } from '../../../lib/i18n';
import { Label, useLabels } from '../../../lib/labels';
import { GRANT_LETTER_STATES, grantLetterPath } from '../../../lib/grant-letter';
import { formatFen } from '../../../lib/money';
import { asDefinition, fieldLabel, localized } from '../../../lib/program-definition';
import { formatInstant } from '../../../lib/time';
import { useProgramVersion, useStaffApplication } from '../api/case';
import { useInbox, usePrograms } from '../api/inbox';
import { ActionPanel, ExpertReviewForm } from '../components/action-panel';
import { AnswerText } from '../components/answer-text';
import { Countdown } from '../components/countdown';
import { DocumentsCard } from '../components/documents-card';
import { EnterpriseCases } from '../components/enterprise-cases';
import { HistoryCard } from '../components/history-card';
import { ScreeningEvidence } from '../components/screening-evidence';

type Conflict = components['schemas']['ExclusivityConflictView'];

const cardTitle = (text: string) => (
  <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
    {text}
  </Typography.Title>
);

/**
 * The case as a reviewer works it (/review/applications/:id; staff following /applications/:id land
 * here): where it stands and by when, what the reviewer may do, the expert's review form, the form with
 * its labels, the documents previewed inline, the screening evidence, exclusivity conflicts, the
 * enterprise's other cases of the year, and the history with its chain verified.
 */
export function StaffCasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useLabels();
  const { data: me } = useMe();
  const application = useStaffApplication(id);
  const version = useProgramVersion(application.data?.programCode, application.data?.programVersion);
  const programs = usePrograms();
  // The list's row of this case carries the working days left in the zone's calendar.
  const listed = useInbox(
    { q: application.data?.reference, pageSize: 5 },
    !!application.data?.deadline,
  ).data?.items.find((item) => item.id === id);
  if (application.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (application.isError)
    return <ProblemAlert problem={toProblem(application.error, t('app.networkError'))} />;
  const a = application.data;
  const definition = asDefinition(version.data?.definition);
  const fields = definition.formFields ?? [];
  const programTitle = (code: string) => {
    if (code === a.programCode && version.data) return localized(version.data.title, language);
    const program = programs.data?.find((p) => p.code === code);
    return program ? localized(program.title, language) : code;
  };
  const conflicts = (a.exclusivityConflicts ?? []) as Conflict[];
  const assignee =
    a.assigneeId == null
      ? t('staff.inbox.unassigned')
      : a.assigneeId === me?.id
        ? t('staff.inbox.mine')
        : t('staff.inbox.colleague');

  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        <Link to="/review">{t('staff.case.backToInbox')}</Link>
      </Typography.Paragraph>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('staff.case.title', { reference: a.reference })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {version.data ? localized(version.data.title, language) : null} · {a.enterpriseName}
      </Typography.Paragraph>
      {(GRANT_LETTER_STATES.includes(a.state) || a.state === 'publicity' || a.state === 'objection') && (
        <Typography.Paragraph>
          {GRANT_LETTER_STATES.includes(a.state) ? (
            <Link to={grantLetterPath(a.id)}>{t('caseLinks.grantLetter')}</Link>
          ) : (
            <Link to="/review/publicity">{t('publicityDesk.menu.publicity')}</Link>
          )}
        </Typography.Paragraph>
      )}

      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card title={cardTitle(t('staff.case.status'))} style={{ marginBottom: 16 }}>
            <Descriptions styles={{ label: { color: LABEL_COLOR } }} column={1} size="small">
              <Descriptions.Item label={t('staff.inbox.state')}>
                <Label group="applicationState" code={a.state} />
              </Descriptions.Item>
              {a.deadline && (
                <Descriptions.Item label={t('staff.case.stageDeadline')}>
                  {label('stage', a.deadline.stage)} · {formatInstant(a.deadline.dueAt, language)}
                  {(listed?.deadline || a.deadline.overdue) && (
                    <>
                      {' · '}
                      <Countdown deadline={listed?.deadline ?? a.deadline} />
                    </>
                  )}
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('staff.inbox.assignee')}>{assignee}</Descriptions.Item>
              <Descriptions.Item label={t('staff.case.fiscalYear')}>{a.fiscalYear}</Descriptions.Item>
              {a.submittedAt && (
                <Descriptions.Item label={t('staff.inbox.submittedAt')}>
                  {formatInstant(a.submittedAt, language)}
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('staff.case.computedAmount')}>
                {a.computedAmountFen != null ? formatFen(a.computedAmountFen) : t('staff.case.byReview')}
              </Descriptions.Item>
              {a.recommendedAmountFen != null && (
                <Descriptions.Item label={t('staff.case.recommendedAmount')}>
                  {formatFen(a.recommendedAmountFen)}
                </Descriptions.Item>
              )}
              {a.approvedAmountFen != null && (
                <Descriptions.Item label={t('staff.case.approvedAmount')}>
                  {formatFen(a.approvedAmountFen)}
                </Descriptions.Item>
              )}
              {a.paidAmountFen != null && (
                <Descriptions.Item label={t('staff.case.paidAmount')}>
                  {formatFen(a.paidAmountFen)}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>

          <Card title={cardTitle(t('staff.case.form'))} style={{ marginBottom: 16 }}>
            {version.isPending && <Spin />}
            <Descriptions styles={{ label: { color: LABEL_COLOR } }} column={1} size="small" bordered>
              {fields.map((field) => (
                <Descriptions.Item key={field.name} label={fieldLabel(field, language)}>
                  <AnswerText field={field} value={a.form[field.name]} />
                </Descriptions.Item>
              ))}
            </Descriptions>
          </Card>

          <DocumentsCard application={a} />
          <ScreeningEvidence evidence={a.evidence} clauses={definition.eligibility ?? []} fields={fields} />
        </Col>

        <Col xs={24} xl={10}>
          <ActionPanel application={a} role={me?.role} userId={me?.id} />
          <ExpertReviewForm application={a} />

          <Card title={cardTitle(t('staff.conflicts.title'))} style={{ marginBottom: 16 }}>
            <List
              size="small"
              dataSource={conflicts}
              rowKey="applicationId"
              locale={{ emptyText: <EmptyText>{t('staff.conflicts.none')}</EmptyText> }}
              renderItem={(c) => (
                <List.Item>
                  <span>
                    <Link to={`/review/applications/${c.applicationId}`}>{c.reference}</Link> ·{' '}
                    {programTitle(c.programCode)} · {label('applicationState', c.state)}
                    {c.amountFen != null && <> · {formatFen(BigInt(c.amountFen))}</>}
                  </span>
                </List.Item>
              )}
            />
          </Card>

          <EnterpriseCases application={a} programTitle={programTitle} />
        </Col>
      </Row>

      <HistoryCard applicationId={a.id} />
    </>
  );
}
