import * as jsonLogic from 'json-logic-js';

import {
  addMonthsToIsoDate,
  fiscalYearEnd,
  fiscalYearStart,
  isFiscalYear,
  isIsoDate,
  yearOfIsoDate,
} from './dates';

/**
 * Date helpers added to JSON Logic. Every one is total: given a missing or malformed date it
 * answers `false` (comparisons) or `null` (computations) instead of throwing, so a rule over
 * incomplete data fails its clause rather than the whole evaluation.
 */
export const RULE_OPERATIONS = {
  /** `date_in_fiscal_year(date, fy)`: the date falls in fiscal (= calendar) year `fy`. */
  date_in_fiscal_year: (date: unknown, fy: unknown): boolean =>
    isIsoDate(date) && isFiscalYear(fy) && yearOfIsoDate(date) === fy,
  date_before: (a: unknown, b: unknown): boolean => isIsoDate(a) && isIsoDate(b) && a < b,
  date_on_or_before: (a: unknown, b: unknown): boolean => isIsoDate(a) && isIsoDate(b) && a <= b,
  date_after: (a: unknown, b: unknown): boolean => isIsoDate(a) && isIsoDate(b) && a > b,
  date_on_or_after: (a: unknown, b: unknown): boolean => isIsoDate(a) && isIsoDate(b) && a >= b,
  /** `year_of(date)`: the year of a date, or null. */
  year_of: (date: unknown): number | null => (isIsoDate(date) ? yearOfIsoDate(date) : null),
  /** `fiscal_year_start(fy)` / `fiscal_year_end(fy)`: `fy-01-01` / `fy-12-31`, or null. */
  fiscal_year_start: (fy: unknown): string | null => (isFiscalYear(fy) ? fiscalYearStart(fy) : null),
  fiscal_year_end: (fy: unknown): string | null => (isFiscalYear(fy) ? fiscalYearEnd(fy) : null),
  /** `date_add_months(date, n)`: calendar months later (clamped to month end), or null. */
  date_add_months: (date: unknown, months: unknown): string | null =>
    isIsoDate(date) && typeof months === 'number' && Number.isSafeInteger(months)
      ? addMonthsToIsoDate(date, months)
      : null,
} as const;

export type RuleOperationName = keyof typeof RULE_OPERATIONS;

/** Standard JSON Logic operations a clause may use (`log` is excluded: rules have no side effects). */
export const STANDARD_RULE_OPERATIONS = [
  'var',
  'missing',
  'missing_some',
  'if',
  '?:',
  '==',
  '===',
  '!=',
  '!==',
  '!',
  '!!',
  'or',
  'and',
  '>',
  '>=',
  '<',
  '<=',
  'max',
  'min',
  '+',
  '-',
  '*',
  '/',
  '%',
  'map',
  'filter',
  'reduce',
  'all',
  'none',
  'some',
  'merge',
  'in',
  'cat',
  'substr',
] as const;

/** Every operation name a clause rule may use. */
export const ALLOWED_RULE_OPERATIONS: ReadonlySet<string> = new Set([
  ...STANDARD_RULE_OPERATIONS,
  ...Object.keys(RULE_OPERATIONS),
]);

// Registered once, when this module is first loaded; re-registering the same functions is harmless.
for (const [name, operation] of Object.entries(RULE_OPERATIONS)) jsonLogic.add_operation(name, operation);

/** Applies a rule with the operations above registered. */
export function applyRule(rule: unknown, data: unknown): unknown {
  return jsonLogic.apply(rule as jsonLogic.RulesLogic<jsonLogic.AdditionalOperation>, data);
}

/** JSON Logic truthiness (an empty array is false). */
export function isTruthy(value: unknown): boolean {
  return jsonLogic.truthy(value);
}
