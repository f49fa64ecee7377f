import type { FactIndex } from './fact-index';
import { FACT_KEYS, type FactRecord, factLabel } from './facts';
import type { FactSnapshot, MissingInput } from './evaluation-types';
import type { LocalizedText } from './localized-text';
import type { FactRead, FactSelector } from './references';

export interface LookupContext {
  facts: FactIndex;
  fiscalYear: number;
  /** The person evaluated, for per-person facts. */
  subject: string | null;
  authoritativeOnly: boolean;
}

/** The outcome of reading one fact. */
export type FactLookupResult =
  | { found: true; record: FactRecord; value: unknown }
  | { found: false; missing: MissingInput & { kind: 'fact' } };

/**
 * Reads facts for one evaluation, resolving `fy`/`prev`/`latest` against the fiscal year, and
 * remembers each lookup so rules, amounts and evidence see the same record.
 */
export class FactLookup {
  private readonly cache = new Map<string, FactLookupResult>();

  constructor(private readonly ctx: LookupContext) {}

  read(read: FactRead): FactLookupResult {
    const cacheKey = `${read.key}|${String(read.selector)}|${read.field ?? ''}`;
    let result = this.cache.get(cacheKey);
    if (!result) {
      result = this.lookup(read);
      this.cache.set(cacheKey, result);
    }
    return result;
  }

  private lookup(read: FactRead): FactLookupResult {
    const def = FACT_KEYS[read.key];
    const subject = def.perPerson ? this.ctx.subject : null;
    const options = { authoritativeOnly: this.ctx.authoritativeOnly };
    const period = periodOf(read.selector, this.ctx.fiscalYear, def.periodKind === 'fiscal-year');
    const missing = (): FactLookupResult => ({
      found: false,
      missing: {
        kind: 'fact',
        key: read.key,
        subject,
        period,
        ...(read.field !== undefined ? { field: read.field } : {}),
      },
    });
    if (def.perPerson && subject === null) return missing();
    const record =
      read.selector === 'latest'
        ? this.ctx.facts.latest(read.key, subject, this.ctx.fiscalYear, options)
        : this.ctx.facts.get(read.key, subject, period, options);
    if (!record) return missing();
    const value = read.field === undefined ? record.value : fieldOf(record.value, read.field);
    if (value === undefined || value === null) return missing();
    return { found: true, record, value };
  }
}

/** The period a selector means in fiscal year `fy` (null for `latest` and for facts without periods). */
function periodOf(selector: FactSelector, fy: number, fiscal: boolean): string | null {
  if (!fiscal) return null;
  if (selector === 'fy') return String(fy);
  if (selector === 'prev') return String(fy - 1);
  if (selector === 'latest') return null;
  return String(selector);
}

function fieldOf(value: unknown, field: string): unknown {
  if (typeof value !== 'object' || value === null || !Object.prototype.hasOwnProperty.call(value, field))
    return undefined;
  return (value as Record<string, unknown>)[field];
}

/** A self-contained copy of a record for the evidence. */
export function snapshotOf(record: FactRecord): FactSnapshot {
  return {
    factId: record.id,
    key: record.key,
    subject: record.subject,
    period: record.period,
    value: copyJson(record.value),
    source: record.source,
    receivedAt: record.receivedAt,
  };
}

/**
 * A deep copy of a JSON value (fact values are JSON: primitives, flat objects). Cheaper than
 * structuredClone on the sweep's hot path, where most values are numbers and need no copy.
 */
function copyJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyJson);
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) copy[k] = copyJson(v);
  return copy;
}

/** Describes a missing input in both languages. */
export function describeMissing(
  missing: MissingInput,
  fiscalYear: number,
  formLabel?: LocalizedText,
): LocalizedText {
  if (missing.kind === 'form') {
    const label = formLabel ?? { zh: missing.field, en: missing.field };
    return { zh: `缺少表单字段：${label.zh}`, en: `missing form field: ${label.en}` };
  }
  const label = factLabel(missing.key, missing.field);
  if (FACT_KEYS[missing.key].periodKind === 'none') {
    return { zh: `缺少数据：${label.zh}`, en: `missing data: ${label.en}` };
  }
  if (missing.period === null) {
    return {
      zh: `缺少数据：${label.zh}（截至${fiscalYear}年度）`,
      en: `missing data: ${label.en} (any fiscal year up to ${fiscalYear})`,
    };
  }
  return {
    zh: `缺少数据：${label.zh}（${missing.period}年度）`,
    en: `missing data: ${label.en} (fiscal year ${missing.period})`,
  };
}
