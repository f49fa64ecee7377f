import type { TFunction } from 'i18next';

/**
 * The import's per-row messages come from the feed checks in English; these are the ones those checks
 * write, with their text under policyData.rowError.* (both languages). A message not listed here is
 * shown as the API wrote it, after a generic text, so nothing is ever hidden.
 */
const PATTERNS: [RegExp, string][] = [
  [/^no enterprise with this uscc/, 'unknownEnterprise'],
  [/^unknown fact key/, 'unknownKey'],
  [/is per fiscal year: period must be a year/, 'periodYear'],
  [/has no period; omit period/, 'noPeriod'],
  [/^source must be one of/, 'source'],
  [/expected (a|a real) date YYYY-MM-DD/, 'date'],
  [/expected an amount in fen/, 'fen'],
  [/expected an area in whole square metres/, 'area'],
  [/^expected an integer/, 'integer'],
  [/^expected a string/, 'string'],
  [/^expected one of/, 'option'],
  [/is about a person: idNumber is required/, 'idNumberRequired'],
  [/is about the enterprise; omit idNumber/, 'idNumberNotAllowed'],
  [/^idNumber must be an 18-character/, 'idNumber'],
  [/^unknown field/, 'unknownField'],
  [/^expected \d+ cells as in the header/, 'cells'],
  [/gives a different value for the same fact/, 'conflict'],
  [/^row \d+ gives/, 'conflict'],
];

const FIELD_NAMES = new Set(['uscc', 'key', 'period', 'value', 'source', 'idNumber', 'subject']);

/** A row error's message in the UI language. */
export function rowMessage(t: TFunction, message: string): string {
  for (const [pattern, key] of PATTERNS) {
    if (pattern.test(message)) {
      const row = /row (\d+)/.exec(message);
      return t(`policyData.rowError.${key}`, { row: row ? row[1] : '' });
    }
  }
  return t('policyData.rowError.other', { message });
}

/** A row error's field in the UI language: a column, or a field inside an object value. */
export function rowField(t: TFunction, field: string): string {
  const [head, ...rest] = field.split('.');
  const column = FIELD_NAMES.has(head) ? t(`policyData.columns.${head}`) : head;
  if (rest.length === 0) return column;
  const inner = rest.join('.');
  const known = t(`policyData.valueFields.${inner}`, { defaultValue: '' });
  return `${column}（${known || inner}）`;
}
