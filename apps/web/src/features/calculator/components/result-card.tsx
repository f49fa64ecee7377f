import { Button, Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { components } from '../../../lib/api/client';
import { useLanguage } from '../../../lib/i18n';
import { Label, useLabels } from '../../../lib/labels';
import { formatFen } from '../../../lib/money';
import { localized } from '../../../lib/program-definition';
import { formatInstant } from '../../../lib/time';
import { LABEL_COLOR, TAG_SUCCESS } from '../../../lib/contrast';

type Result = components['schemas']['CalculatorResultView'];

/** "¥1,000,000.00", "最高 ¥5,000,000.00", or "由评审确定" when there is no figure at all. */
export function AmountText({ result }: { result: Result }) {
  const { t } = useTranslation();
  if (!result.eligible) return <>{t('calculator.notEligible')}</>;
  if (result.amountFen != null) return <>{formatFen(result.amountFen)}</>;
  if (result.maxAmountFen != null)
    return <>{t('calculator.upTo', { amount: formatFen(result.maxAmountFen) })}</>;
  return <>{t('calculator.setByReview')}</>;
}

/**
 * The API's computation steps name money form fields by their catalog label, written for the API
 * ("年度新增设备投资（分）"); people read yuan here, so the fen unit is dropped as in the wizard.
 */
function withoutFenUnit(step: string): string {
  return step.replace(/\s*[（(](分|fen)[）)]/g, '');
}

function factValue(value: unknown, key: string): string {
  if (typeof value === 'number' && key.endsWith('_fen')) return formatFen(value);
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/** One program of the calculator's answer: amount, reasons, facts used, and Apply. */
export function ResultCard({
  result,
  onApply,
  applying,
}: {
  result: Result;
  onApply: (code: string) => void;
  applying: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useLabels();
  const title = localized(result.title, language);
  const facts = result.evidence.flatMap((clause) => clause.facts);
  const headingId = `program-${result.programCode.replace(/[^a-z0-9-]/gi, '-')}`;
  return (
    <Card
      role="region"
      aria-labelledby={headingId}
      title={
        <Typography.Title id={headingId} level={3} style={{ fontSize: 16, margin: 0 }}>
          {title}
        </Typography.Title>
      }
      extra={
        <Space>
          <Tag color={result.eligible ? TAG_SUCCESS : 'default'}>
            {result.eligible
              ? result.provisional
                ? t('calculator.provisional')
                : t('calculator.eligible')
              : t('calculator.notEligible')}
          </Tag>
          <Tag>
            <Label group="programMode" code={result.mode} />
          </Tag>
        </Space>
      }
      style={{ marginBottom: 16 }}
    >
      <Descriptions styles={{ label: { color: LABEL_COLOR } }} column={1} size="small">
        <Descriptions.Item label={t('calculator.amount')}>
          <Typography.Text strong>
            <AmountText result={result} />
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('calculator.category')}>
          {label('programCategory', result.category)}
        </Descriptions.Item>
        {result.amount.steps.length > 0 && (
          <Descriptions.Item label={t('calculator.howComputed')}>
            {result.amount.steps.map((s) => withoutFenUnit(localized(s, language))).join('；')}
          </Descriptions.Item>
        )}
        {result.excludedBy && (
          <Descriptions.Item label={t('calculator.exclusive')}>
            {t('calculator.excludedBy', { program: result.excludedBy })}
          </Descriptions.Item>
        )}
      </Descriptions>
      {result.unmet.length > 0 && (
        <>
          <Typography.Text strong>{t('calculator.unmet')}</Typography.Text>
          <ul style={{ marginTop: 4 }}>
            {result.unmet.map((u) => (
              <li key={u.clauseId}>{localized(u.reason, language)}</li>
            ))}
          </ul>
        </>
      )}
      {facts.length > 0 && (
        <List
          size="small"
          header={<Typography.Text strong>{t('calculator.factsUsed')}</Typography.Text>}
          dataSource={facts}
          rowKey={(f) => `${f.factId}-${f.key}`}
          renderItem={(f) => (
            <List.Item>
              {label('factKey', f.key)}
              {f.period ? `（${f.period}）` : ''}：{factValue(f.value, f.key)} ·{' '}
              {t('calculator.source', { source: label('factSource', f.source) })} ·{' '}
              {t('calculator.received', { at: formatInstant(f.receivedAt, language) })}
            </List.Item>
          )}
        />
      )}
      <Space style={{ marginTop: 12 }}>
        {result.mode !== 'auto' && (
          <Button
            type="primary"
            loading={applying}
            onClick={() => onApply(result.programCode)}
            aria-label={t('calculator.applyFor', { program: title })}
          >
            {t('calculator.apply')}
          </Button>
        )}
        <Link to={`/programs/${encodeURIComponent(result.programCode)}`}>{t('calculator.guide')}</Link>
      </Space>
    </Card>
  );
}
