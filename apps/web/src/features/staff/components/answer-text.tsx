import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../lib/i18n';
import { formatFen } from '../../../lib/money';
import { localized, type FormFieldDefinition } from '../../../lib/program-definition';
import { formatDate } from '../../../lib/time';

/** One form answer as a reviewer reads it: yuan for money, Beijing dates, option labels, 是/否. */
export function AnswerText({ field, value }: { field: FormFieldDefinition; value: unknown }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (value === undefined || value === null || value === '')
    return <Typography.Text type="secondary">{t('staff.case.notAnswered')}</Typography.Text>;
  switch (field.type) {
    case 'money_fen':
      return <>{typeof value === 'number' ? formatFen(value) : String(value)}</>;
    case 'area_m2':
      return <>{String(value)} m²</>;
    case 'date':
      return <>{formatDate(String(value), language)}</>;
    case 'boolean':
      return <>{value ? t('staff.yes') : t('staff.no')}</>;
    case 'enum':
      return <>{localized(field.optionLabels?.[String(value)], language) || String(value)}</>;
    default:
      return <>{String(value)}</>;
  }
}
