import { isValidUscc, type Issue, type ValidatedFact } from '@huiqi/policies';
import { toValidatedFact } from './fact-input';

/** The most rows one import may carry; larger feeds are split (each part is idempotent on its own). */
export const MAX_FEED_ROWS = 50_000;

/** The fields of a feed row: the enterprise by USCC, then the fact (a person by resident ID number). */
export const FEED_ROW_FIELDS = ['uscc', 'key', 'period', 'value', 'source', 'idNumber'] as const;

/** A CSV line whose cell count does not match the header: reported as that row's error. */
export class MalformedFeedRow {
  constructor(
    readonly cells: readonly string[],
    readonly message: string,
  ) {}

  toJSON(): unknown {
    return { malformed: this.cells };
  }
}

export type CheckedFeedRow = { ok: true; uscc: string; fact: ValidatedFact } | { ok: false; issues: Issue[] };

/**
 * Checks one feed row (from JSON or CSV). Never throws; paths are the row's own fields: `uscc`, `key`,
 * `period`, `source`, `idNumber`, `value` or `value.<field>`.
 */
export function checkFeedRow(raw: unknown, idHashSecret: string): CheckedFeedRow {
  if (raw instanceof MalformedFeedRow)
    return { ok: false, issues: [{ path: '(row)', message: raw.message }] };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      issues: [
        { path: '(row)', message: 'expected an object { uscc, key, period?, value, source, idNumber? }' },
      ],
    };
  }
  const row = raw as Record<string, unknown>;
  const issues: Issue[] = [];
  for (const name of Object.keys(row)) {
    if (!(FEED_ROW_FIELDS as readonly string[]).includes(name))
      issues.push({ path: name, message: 'unknown field' });
  }
  const uscc = typeof row.uscc === 'string' ? row.uscc.trim().toUpperCase() : row.uscc;
  if (!isValidUscc(uscc)) {
    issues.push({
      path: 'uscc',
      message: 'uscc must be an 18-character unified social credit code with a valid check character',
    });
  }
  const fact = toValidatedFact(
    { key: row.key, period: row.period, value: row.value, source: row.source, idNumber: row.idNumber },
    idHashSecret,
  );
  if (!fact.ok) issues.push(...fact.issues);
  if (issues.length > 0 || !fact.ok) return { ok: false, issues };
  return { ok: true, uscc: uscc as string, fact: fact.fact };
}
