import { isNonBlankString, isPlainObject } from './values';

/** A fact screening needed and did not find: the fact key, its period (null: none) and its label. */
export interface MissingFact {
  key: string;
  period: string | null;
  label: { zh: string; en: string };
}

const MAX_LABEL_LENGTH = 200;

export function isMissingFact(value: unknown): value is MissingFact {
  if (!isPlainObject(value)) return false;
  if (Object.keys(value).some((k) => k !== 'key' && k !== 'period' && k !== 'label')) return false;
  const { key, period, label } = value;
  return (
    isNonBlankString(key, MAX_LABEL_LENGTH) &&
    (period === null || isNonBlankString(period, MAX_LABEL_LENGTH)) &&
    isPlainObject(label) &&
    Object.keys(label).length === 2 &&
    isNonBlankString(label.zh, MAX_LABEL_LENGTH) &&
    isNonBlankString(label.en, MAX_LABEL_LENGTH)
  );
}

/** The missing facts as one line of text, Chinese then English (the audit comment, the notification). */
export function describeMissingFacts(missing: readonly MissingFact[]): string {
  return missing.map((m) => `${m.label.zh} / ${m.label.en}`).join('; ');
}
