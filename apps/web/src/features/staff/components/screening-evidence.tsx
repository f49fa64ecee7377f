import { Alert, Card, Descriptions, List, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LABEL_COLOR, TAG_DANGER, TAG_SUCCESS } from '../../../lib/contrast';
import { useLanguage } from '../../../lib/i18n';
import { useLabels } from '../../../lib/labels';
import { formatFen } from '../../../lib/money';
import {
  fieldLabel,
  localized,
  type ClauseDefinition,
  type FormFieldDefinition,
  type LocalizedText,
} from '../../../lib/program-definition';
import { formatDate, formatInstant } from '../../../lib/time';
import { AnswerText } from './answer-text';

/** The parts of the policies library's Evaluation (stored as the case's screening evidence) shown here. */
interface FactSnapshot {
  factId: string;
  key: string;
  period: string | null;
  value: unknown;
  source: string;
  receivedAt: string;
}
interface ClauseEvidence {
  clauseId: string;
  passed: boolean | null;
  facts: FactSnapshot[];
  form?: Record<string, unknown>;
  missing?: unknown[];
}
interface UnmetCondition {
  clauseId: string;
  reason: LocalizedText;
}
export interface Evaluation {
  eligible: boolean;
  asOf: string;
  fiscalYear: number;
  amountFen: number | null;
  maxAmountFen?: number;
  unmet: UnmetCondition[];
  evidence: ClauseEvidence[];
  amount?: { steps: LocalizedText[] };
}

function isEvaluation(value: unknown): value is Evaluation {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as Evaluation).evidence) &&
    Array.isArray((value as Evaluation).unmet)
  );
}

/** A fact's value as people read it: numbers grouped, booleans 是/否, records as "a：b；c：d". */
function FactValue({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined) return <>—</>;
  if (typeof value === 'boolean') return <>{value ? t('staff.yes') : t('staff.no')}</>;
  if (typeof value === 'number') return <>{value.toLocaleString('zh-CN')}</>;
  if (typeof value === 'object') {
    return (
      <>
        {Object.values(value as Record<string, unknown>)
          .map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v)))
          .join('；')}
      </>
    );
  }
  return <>{String(value)}</>;
}

/**
 * 资格审查依据: what screening decided and on what — each condition with the facts it used (value,
 * source, period, when received) and the form answers it read; unmet conditions with their reasons;
 * how the amount was computed.
 */
export function ScreeningEvidence({
  evidence,
  clauses,
  fields,
}: {
  evidence: unknown;
  clauses: ClauseDefinition[];
  fields: FormFieldDefinition[];
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useLabels();
  const title = (
    <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
      {t('staff.evidence.title')}
    </Typography.Title>
  );
  if (!isEvaluation(evidence))
    return (
      <Card title={title} style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">{t('staff.evidence.none')}</Typography.Text>
      </Card>
    );
  const clauseName = (id: string) => {
    if (id === 'amount') return t('staff.evidence.amountInputs');
    const clause = clauses.find((c) => c.id === id);
    if (clause) return localized(clause.reason, language);
    const unmet = evidence.unmet.find((u) => u.clauseId === id);
    return unmet ? localized(unmet.reason, language) : t('staff.evidence.builtIn');
  };
  const fieldOf = (name: string) => fields.find((f) => f.name === name);

  return (
    <Card title={title} style={{ marginBottom: 16 }}>
      <Descriptions styles={{ label: { color: LABEL_COLOR } }} column={1} size="small">
        <Descriptions.Item label={t('staff.evidence.result')}>
          <Tag color={evidence.eligible ? TAG_SUCCESS : TAG_DANGER}>
            {evidence.eligible ? t('staff.evidence.eligible') : t('staff.evidence.notEligible')}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('staff.evidence.asOf')}>
          {formatDate(`${evidence.asOf}T12:00:00+08:00`, language)}
        </Descriptions.Item>
        <Descriptions.Item label={t('staff.evidence.computedAmount')}>
          {evidence.amountFen != null
            ? formatFen(evidence.amountFen)
            : evidence.maxAmountFen != null
              ? t('staff.evidence.upTo', { amount: formatFen(evidence.maxAmountFen) })
              : t('staff.evidence.byReview')}
        </Descriptions.Item>
      </Descriptions>

      {evidence.unmet.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ margin: '12px 0' }}
          title={t('staff.evidence.unmet')}
          description={
            <ul style={{ margin: 0 }}>
              {evidence.unmet.map((u) => (
                <li key={u.clauseId}>{localized(u.reason, language)}</li>
              ))}
            </ul>
          }
        />
      )}

      <List
        itemLayout="vertical"
        dataSource={evidence.evidence}
        rowKey="clauseId"
        renderItem={(clause) => (
          <List.Item>
            <Typography.Title level={3} style={{ fontSize: 15, marginTop: 0 }}>
              {clauseName(clause.clauseId)}{' '}
              {clause.passed === true && <Tag color={TAG_SUCCESS}>{t('staff.evidence.met')}</Tag>}
              {clause.passed === false && <Tag color={TAG_DANGER}>{t('staff.evidence.notMet')}</Tag>}
              {clause.passed === null && <Tag>{t('staff.evidence.notEvaluated')}</Tag>}
            </Typography.Title>
            {clause.facts.length > 0 && (
              <Table
                size="small"
                pagination={false}
                rowKey={(f) => `${f.factId}-${f.key}-${f.period ?? ''}`}
                dataSource={clause.facts}
                columns={[
                  {
                    key: 'key',
                    title: t('staff.evidence.fact'),
                    render: (_, f) => label('factKey', f.key),
                  },
                  {
                    key: 'value',
                    title: t('staff.evidence.value'),
                    render: (_, f) => <FactValue value={f.value} />,
                  },
                  {
                    key: 'period',
                    title: t('staff.evidence.period'),
                    render: (_, f) => f.period ?? t('staff.evidence.noPeriod'),
                  },
                  {
                    key: 'source',
                    title: t('staff.evidence.source'),
                    render: (_, f) => label('factSource', f.source),
                  },
                  {
                    key: 'receivedAt',
                    title: t('staff.evidence.receivedAt'),
                    render: (_, f) => formatInstant(f.receivedAt, language),
                  },
                ]}
              />
            )}
            {clause.form && Object.keys(clause.form).length > 0 && (
              <Descriptions
                styles={{ label: { color: LABEL_COLOR } }}
                column={1}
                size="small"
                style={{ marginTop: 8 }}
                title={<span style={{ fontSize: 14 }}>{t('staff.evidence.formRead')}</span>}
              >
                {Object.entries(clause.form).map(([name, value]) => {
                  const field = fieldOf(name);
                  return field ? (
                    <Descriptions.Item key={name} label={fieldLabel(field, language)}>
                      <AnswerText field={field} value={value} />
                    </Descriptions.Item>
                  ) : null;
                })}
              </Descriptions>
            )}
            {clause.facts.length === 0 && !clause.form && (
              <Typography.Text type="secondary">{t('staff.evidence.noInputs')}</Typography.Text>
            )}
          </List.Item>
        )}
      />

      {evidence.amount && evidence.amount.steps.length > 0 && (
        <>
          <Typography.Title level={3} style={{ fontSize: 15 }}>
            {t('staff.evidence.amountSteps')}
          </Typography.Title>
          <ol>
            {evidence.amount.steps.map((step, i) => (
              <li key={i}>{localized(step, language)}</li>
            ))}
          </ol>
        </>
      )}
    </Card>
  );
}
