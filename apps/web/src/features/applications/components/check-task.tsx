import { Alert, Button, Checkbox, Descriptions, List, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import type { components } from '../../../lib/api/client';
import { ApiProblem, toProblem } from '../../../lib/api/problem';
import { useLanguage } from '../../../lib/i18n';
import { useLabels } from '../../../lib/labels';
import { formatFen } from '../../../lib/money';
import {
  fieldLabel,
  localized,
  type DocumentDefinition,
  type FormFieldDefinition,
} from '../../../lib/program-definition';
import { formatDate } from '../../../lib/time';
import { useScreeningPreview } from '../api/screening-preview';
import { useSubmitApplication } from '../api/submit-application';
import { ErrorSummary, type SummaryError } from './error-summary';
import type { FormValue, StoredForm } from './form-values';
import { LABEL_COLOR } from '../../../lib/contrast';

type Application = components['schemas']['ApplicationView'];

export function AnswerText({ field, value }: { field: FormFieldDefinition; value: FormValue | undefined }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (value === undefined)
    return <Typography.Text type="secondary">{t('wizard.notAnswered')}</Typography.Text>;
  switch (field.type) {
    case 'money_fen':
      return <>{typeof value === 'number' ? formatFen(value) : String(value)}</>;
    case 'area_m2':
      return <>{String(value)} m²</>;
    case 'date':
      return <>{formatDate(String(value), language)}</>;
    case 'boolean':
      return <>{value ? t('wizard.yes') : t('wizard.no')}</>;
    case 'enum':
      return <>{localized(field.optionLabels?.[String(value)], language) || String(value)}</>;
    case 'id_number': {
      const text = String(value);
      return (
        <>{text.includes('*') ? text : `${'*'.repeat(Math.max(0, text.length - 4))}${text.slice(-4)}`}</>
      );
    }
    default:
      return <>{String(value)}</>;
  }
}

/**
 * Check your answers: every answer and document, what screening would refuse now (the calculator run
 * with this form), then submit (or resubmit an amendment).
 */
export function CheckTask({
  application,
  fields,
  documents,
  mode,
  goTo,
}: {
  application: Application;
  fields: FormFieldDefinition[];
  documents: DocumentDefinition[];
  mode: string;
  goTo: (task: 'form' | 'documents') => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useLabels();
  const navigate = useNavigate();
  const stored = application.form as StoredForm;
  const preview = useScreeningPreview(
    application.enterpriseId,
    application.programCode,
    application.fiscalYear,
    stored,
  );
  const submit = useSubmitApplication(application.id);
  const [commitment, setCommitment] = useState(false);
  const [summary, setSummary] = useState<SummaryError[]>([]);

  const uploadedTypes = new Set((application.documents ?? []).map((d) => d.documentType));
  const missingDocuments = documents.filter((d) => d.mandatory && !uploadedTypes.has(d.type));
  const missingAnswers = fields.filter((f) => f.required && stored[f.name] === undefined);
  const result = preview.data;
  const unmet = result?.unmet ?? [];
  const missingFacts = unmet.flatMap((u) => (u.missing ?? []).filter((m) => m.kind === 'fact' && m.key));

  const send = () => {
    setSummary([]);
    submit.mutate(mode === 'commitment' ? { commitmentSigned: commitment } : {}, {
      onSuccess: () => void navigate(`/applications/${application.id}`),
      onError: (error) => {
        if (error instanceof ApiProblem && (error.problem.errors ?? []).length > 0) {
          setSummary(
            (error.problem.errors ?? []).flatMap((e) =>
              e.messages.map((message) => ({
                message,
                targetId: `answer-${e.field.replace(/^form\./, '')}`,
              })),
            ),
          );
        }
      },
    });
  };

  return (
    <>
      <ErrorSummary errors={summary} />
      {submit.isError && <ProblemAlert problem={toProblem(submit.error, t('app.networkError'))} />}
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('wizard.answers')}
      </Typography.Title>
      <Descriptions
        styles={{ label: { color: LABEL_COLOR } }}
        column={1}
        bordered
        size="small"
        style={{ marginBottom: 16, maxWidth: 800 }}
      >
        {fields.map((f) => (
          <Descriptions.Item
            key={f.name}
            label={<span id={`answer-${f.name}`}>{fieldLabel(f, language)}</span>}
          >
            <AnswerText field={f} value={stored[f.name]} />{' '}
            <Button
              type="link"
              size="small"
              onClick={() => goTo('form')}
              aria-label={t('wizard.changeField', { field: fieldLabel(f, language) })}
            >
              {t('wizard.change')}
            </Button>
          </Descriptions.Item>
        ))}
      </Descriptions>
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('wizard.documentsTitle')}
      </Typography.Title>
      <Descriptions
        styles={{ label: { color: LABEL_COLOR } }}
        column={1}
        bordered
        size="small"
        style={{ marginBottom: 16, maxWidth: 800 }}
      >
        {documents.map((d) => (
          <Descriptions.Item key={d.type} label={localized(d.title, language)}>
            {(application.documents ?? [])
              .filter((u) => u.documentType === d.type)
              .map((u) => u.fileName)
              .join('、') || (
              <Typography.Text type="secondary">{t('wizard.notUploaded')}</Typography.Text>
            )}{' '}
            <Button
              type="link"
              size="small"
              onClick={() => goTo('documents')}
              aria-label={t('wizard.changeDocument', { document: localized(d.title, language) })}
            >
              {t('wizard.change')}
            </Button>
          </Descriptions.Item>
        ))}
      </Descriptions>

      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('wizard.screening')}
      </Typography.Title>
      {preview.isPending && <Spin />}
      {preview.isError && <ProblemAlert problem={toProblem(preview.error, t('app.networkError'))} />}
      {result && (
        <Typography.Paragraph>
          {t('wizard.expectedAmount')}：
          <Typography.Text strong>
            {result.amountFen != null
              ? formatFen(result.amountFen)
              : result.maxAmountFen != null
                ? t('calculator.upTo', { amount: formatFen(result.maxAmountFen) })
                : t('calculator.setByReview')}
          </Typography.Text>
        </Typography.Paragraph>
      )}
      {missingAnswers.length === 0 &&
        missingDocuments.length === 0 &&
        result &&
        unmet.length === 0 &&
        !result.excludedBy && (
          <Alert type="success" showIcon title={t('wizard.allClear')} style={{ marginBottom: 16 }} />
        )}
      {(missingAnswers.length > 0 ||
        missingDocuments.length > 0 ||
        unmet.length > 0 ||
        result?.excludedBy) && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('wizard.wouldRefuse')}
          description={
            <List size="small">
              {missingAnswers.map((f) => (
                <List.Item key={`a-${f.name}`}>
                  {t('wizard.missingAnswer', { field: fieldLabel(f, language) })}
                </List.Item>
              ))}
              {missingDocuments.map((d) => (
                <List.Item key={`d-${d.type}`}>
                  {t('wizard.missingDocument', { document: localized(d.title, language) })}
                </List.Item>
              ))}
              {unmet.map((u) => (
                <List.Item key={`u-${u.clauseId}`}>{localized(u.reason, language)}</List.Item>
              ))}
              {missingFacts.length > 0 && (
                <List.Item key="facts">
                  {t('wizard.missingFacts', {
                    facts: missingFacts
                      .map((m) => `${label('factKey', m.key ?? '')}${m.period ? `（${m.period}）` : ''}`)
                      .join('、'),
                  })}{' '}
                  <Link to="/declared-facts" style={{ textDecoration: 'underline' }}>
                    {t('case.declareFacts')}
                  </Link>
                </List.Item>
              )}
              {result?.excludedBy && (
                <List.Item key="excl">{t('wizard.exclusive', { program: result.excludedBy })}</List.Item>
              )}
            </List>
          }
        />
      )}
      {mode === 'commitment' && (
        <Checkbox
          checked={commitment}
          onChange={(e) => setCommitment(e.target.checked)}
          style={{ marginBottom: 16 }}
        >
          {t('wizard.commitment')}
        </Checkbox>
      )}
      <div>
        <Button type="primary" onClick={send} loading={submit.isPending}>
          {application.state === 'amending' ? t('wizard.resubmit') : t('wizard.submit')}
        </Button>
      </div>
    </>
  );
}
