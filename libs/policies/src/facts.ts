import { z } from 'zod';

import { isFiscalYear } from './dates';
import { isValidResidentIdNumber } from './identifiers';
import { type Issue, issuesFromZod } from './issues';
import type { LocalizedText } from './localized-text';
import { type ShapeValue, type ValueShape, schemaForShape } from './value-shape';

/** Where a fact came from. Everything except `self_declared` is an authoritative source. */
export const FACT_SOURCES = [
  'tax_bureau',
  'market_regulation',
  'science_technology_bureau',
  'stock_exchange',
  'human_resources',
  'self_declared',
  'officer',
] as const;

export type FactSource = (typeof FACT_SOURCES)[number];

/**
 * Sources an `auto` program may grant money on. A self-declared figure is never enough for a
 * grant nobody applied for; it is fine for `apply`/`commitment` programs, where officers review.
 */
export const AUTHORITATIVE_FACT_SOURCES: readonly FactSource[] = FACT_SOURCES.filter(
  (s) => s !== 'self_declared',
);

/** `fiscal-year`: one value per fiscal year (`period` = `'2025'`); `none`: one current value. */
export type FactPeriodKind = 'fiscal-year' | 'none';

/** Describes one fact key: its value, its period, whether it is per person, who may supply it. */
export interface FactKeyDefinition<S extends ValueShape = ValueShape> {
  readonly key: string;
  readonly label: LocalizedText;
  readonly periodKind: FactPeriodKind;
  /** Per-person facts carry `subject` = the person's hashed ID number (never the raw number). */
  readonly perPerson: boolean;
  readonly sources: readonly FactSource[];
  readonly shape: S;
  /** Validates a value of this fact (built from `shape`). */
  readonly schema: z.ZodType<ShapeValue<S>>;
}

function defineFact<const S extends ValueShape>(
  key: string,
  def: Omit<FactKeyDefinition<S>, 'key' | 'schema'>,
): FactKeyDefinition<S> {
  return Object.freeze({ ...def, key, schema: schemaForShape(def.shape) as z.ZodType<ShapeValue<S>> });
}

const text = (maxLength: number, zh: string, en: string) =>
  ({ type: 'string', maxLength, label: { zh, en } }) as const;
const date = (zh: string, en: string) => ({ type: 'date', label: { zh, en } }) as const;

/** A national-level recognition an officer records, with the day it was granted. */
const nationalRecognition = (key: string, label: { zh: string; en: string }) =>
  defineFact(key, {
    label,
    periodKind: 'none',
    perPerson: false,
    sources: ['officer'],
    shape: {
      type: 'object',
      fields: {
        level: { type: 'enum', options: ['national'], label: { zh: '级别', en: 'level' } },
        recognisedOn: date('认定日期', 'date recognised'),
      },
    },
  });

/** Where an enterprise's data comes from for a fact about its own operations. */
const OPERATIONAL: readonly FactSource[] = ['officer', 'self_declared'];

/**
 * Every fact key the evaluator understands. The key is the contract with data feeds: a feed row
 * is `{ key, subject?, period?, value, source }` and is checked with {@link validateFact}.
 */
export const FACT_KEYS = {
  rnd_expense_fen: defineFact('rnd_expense_fen', {
    label: { zh: '研发费用', en: 'R&D expense' },
    periodKind: 'fiscal-year',
    perPerson: false,
    sources: ['tax_bureau', 'science_technology_bureau', 'officer', 'self_declared'],
    shape: { type: 'money_fen' },
  }),
  sales_revenue_fen: defineFact('sales_revenue_fen', {
    label: { zh: '年度销售收入', en: 'annual sales revenue' },
    periodKind: 'fiscal-year',
    perPerson: false,
    sources: ['tax_bureau', 'officer', 'self_declared'],
    shape: { type: 'money_fen' },
  }),
  equipment_investment_fen: defineFact('equipment_investment_fen', {
    label: { zh: '设备投资额', en: 'equipment investment' },
    periodKind: 'fiscal-year',
    perPerson: false,
    sources: ['tax_bureau', 'officer', 'self_declared'],
    shape: { type: 'money_fen' },
  }),
  high_tech_certificate: defineFact('high_tech_certificate', {
    label: { zh: '高新技术企业证书', en: 'high-tech enterprise certificate' },
    periodKind: 'none',
    perPerson: false,
    sources: ['science_technology_bureau', 'officer'],
    shape: {
      type: 'object',
      fields: {
        certificateNo: text(64, '证书编号', 'certificate number'),
        grantedOn: date('发证日期', 'date granted'),
      },
    },
  }),
  listing: defineFact('listing', {
    label: { zh: '上市信息', en: 'stock listing' },
    periodKind: 'none',
    perPerson: false,
    sources: ['stock_exchange', 'officer'],
    shape: {
      type: 'object',
      fields: {
        exchange: {
          type: 'enum',
          options: ['SSE', 'SZSE', 'BSE', 'HKEX', 'NASDAQ', 'NYSE', 'OTHER_OVERSEAS', 'NEEQ'],
          label: { zh: '交易所', en: 'exchange' },
        },
        ticker: text(16, '证券代码', 'ticker'),
        listedOn: date('上市日期', 'date listed'),
      },
    },
  }),
  platform_recognition: defineFact('platform_recognition', {
    label: { zh: '创新平台认定', en: 'innovation platform recognition' },
    periodKind: 'none',
    perPerson: false,
    sources: ['science_technology_bureau', 'human_resources', 'officer'],
    shape: {
      type: 'object',
      fields: {
        level: {
          type: 'enum',
          options: ['national', 'provincial', 'municipal'],
          label: { zh: '级别', en: 'level' },
        },
        kind: {
          type: 'enum',
          options: ['innovation-platform', 'postdoctoral-station', 'academician-workstation'],
          label: { zh: '平台类型', en: 'platform kind' },
        },
        recognisedOn: date('认定日期', 'date recognised'),
      },
    },
  }),
  talent_recognition: defineFact('talent_recognition', {
    label: { zh: '人才认定', en: 'talent recognition' },
    periodKind: 'none',
    perPerson: true,
    sources: ['human_resources', 'officer'],
    shape: {
      type: 'object',
      fields: {
        tier: text(64, '人才层次', 'talent tier'),
        programme: text(64, '认定计划', 'recognition programme'),
        recognisedOn: date('认定日期', 'date recognised'),
      },
    },
  }),
  personal_tax_contribution_fen: defineFact('personal_tax_contribution_fen', {
    label: { zh: '个人地方财政贡献', en: 'personal local fiscal contribution' },
    periodKind: 'fiscal-year',
    perPerson: true,
    sources: ['tax_bureau'],
    shape: { type: 'money_fen' },
  }),
  future_industry_recognition: defineFact('future_industry_recognition', {
    label: { zh: '未来产业企业认定', en: 'future-industry enterprise recognition' },
    periodKind: 'none',
    perPerson: false,
    sources: ['science_technology_bureau', 'officer'],
    shape: {
      type: 'object',
      fields: {
        field: {
          type: 'enum',
          options: [
            'future-manufacturing',
            'future-energy',
            'future-information',
            'future-biology',
            'future-materials',
          ],
          label: { zh: '未来产业领域', en: 'future-industry field' },
        },
        recognisedOn: date('认定日期', 'date recognised'),
      },
    },
  }),
  little_giant_recognition: nationalRecognition('little_giant_recognition', {
    zh: '专精特新“小巨人”企业认定',
    en: '"little giant" (specialised and innovative) recognition',
  }),
  single_champion_recognition: nationalRecognition('single_champion_recognition', {
    zh: '制造业单项冠军企业认定',
    en: 'manufacturing "single champion" recognition',
  }),
  plot_ratio_milli: defineFact('plot_ratio_milli', {
    label: { zh: '容积率（×1000）', en: 'plot ratio (×1000)' },
    periodKind: 'none',
    perPerson: false,
    sources: OPERATIONAL,
    shape: { type: 'integer', min: 0, max: 100_000 },
  }),
  upper_floor_workshop_area_m2: defineFact('upper_floor_workshop_area_m2', {
    label: {
      zh: '二层及以上车间建筑面积（平方米）',
      en: 'workshop floor area on the 2nd floor or higher (m²)',
    },
    periodKind: 'none',
    perPerson: false,
    sources: OPERATIONAL,
    shape: { type: 'area_m2' },
  }),
  standard_plant_rented_upper_floor_m2: defineFact('standard_plant_rented_upper_floor_m2', {
    label: {
      zh: '租用二层及以上标准厂房面积（平方米）',
      en: 'standard plant rented on the 2nd floor or higher (m²)',
    },
    periodKind: 'fiscal-year',
    perPerson: false,
    sources: OPERATIONAL,
    shape: { type: 'area_m2' },
  }),
  lease_months: defineFact('lease_months', {
    label: { zh: '年度内租赁月数', en: 'months of lease in the fiscal year' },
    periodKind: 'fiscal-year',
    perPerson: false,
    sources: OPERATIONAL,
    shape: { type: 'integer', min: 0, max: 12 },
  }),
  employees: defineFact('employees', {
    label: { zh: '从业人数', en: 'employees' },
    periodKind: 'fiscal-year',
    perPerson: false,
    sources: ['human_resources', 'tax_bureau', 'self_declared'],
    shape: { type: 'integer', min: 0, max: 10_000_000 },
  }),
  established_on: defineFact('established_on', {
    label: { zh: '企业成立日期', en: 'date of establishment' },
    periodKind: 'none',
    perPerson: false,
    sources: ['market_regulation'],
    shape: { type: 'date' },
  }),
  agreed_capacity_reached: defineFact('agreed_capacity_reached', {
    label: { zh: '达到约定产能', en: 'agreed production capacity reached' },
    periodKind: 'none',
    perPerson: false,
    sources: ['officer'],
    shape: { type: 'object', fields: { reachedOn: date('达产日期', 'date reached') } },
  }),
  actual_investment_fen: defineFact('actual_investment_fen', {
    label: { zh: '实际到位投资额', en: 'actual investment' },
    periodKind: 'none',
    perPerson: false,
    sources: OPERATIONAL,
    shape: { type: 'money_fen' },
  }),
} as const;

export type FactKey = keyof typeof FACT_KEYS;

/** The value type of fact `K`, e.g. `FactValue<'listing'>` = `{ exchange, ticker, listedOn }`. */
export type FactValue<K extends FactKey = FactKey> = K extends FactKey
  ? ShapeValue<(typeof FACT_KEYS)[K]['shape']>
  : never;

export const FACT_KEY_NAMES = Object.keys(FACT_KEYS) as FactKey[];

export function isFactKey(value: unknown): value is FactKey {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(FACT_KEYS, value);
}

/** The definition of a fact key, with its shape widened for generic code. */
export function factKeyDefinition(key: FactKey): FactKeyDefinition {
  return FACT_KEYS[key] as FactKeyDefinition;
}

/** A fact's label in both languages, with the field's label for a field of an object-valued fact. */
export function factLabel(key: FactKey, field?: string): LocalizedText {
  const def = factKeyDefinition(key);
  if (
    field !== undefined &&
    def.shape.type === 'object' &&
    Object.prototype.hasOwnProperty.call(def.shape.fields, field)
  ) {
    const fieldLabel = def.shape.fields[field].label;
    return { zh: `${def.label.zh}（${fieldLabel.zh}）`, en: `${def.label.en} (${fieldLabel.en})` };
  }
  return def.label;
}

/**
 * A fact as the evaluator sees it. Facts are versioned: a correction is a newer record for the
 * same `(key, subject, period)`; the record with the latest `receivedAt` wins.
 */
export interface FactRecord<K extends FactKey = FactKey> {
  id: string;
  key: K;
  /** The person's hashed ID number for per-person facts, otherwise null. */
  subject: string | null;
  /** `'2025'` for fiscal-year facts, otherwise null. */
  period: string | null;
  value: FactValue<K>;
  source: FactSource;
  /** ISO 8601 timestamp. */
  receivedAt: string;
}

/** A fact row that passed {@link validateFact}: ready to be stored (the API adds id and receivedAt). */
export interface ValidatedFact {
  key: FactKey;
  subject: string | null;
  period: string | null;
  value: FactValue;
  source: FactSource;
}

export type FactValidationResult = { ok: true; fact: ValidatedFact } | { ok: false; issues: Issue[] };

const SUBJECT = /^[A-Za-z0-9_:.-]{16,128}$/;
const PERIOD = /^\d{4}$/;

/**
 * Validates one incoming fact row (a CSV/JSON feed row or a form). Never throws; every problem is
 * reported with a path: `key`, `subject`, `period`, `source`, or inside the value (`value.grantedOn`).
 *
 * `subject` must be the person's *hashed* ID number (16–128 characters of `A-Za-z0-9_:.-`);
 * a raw resident ID number is refused so that it can never be stored by mistake.
 */
export function validateFact(input: unknown): FactValidationResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return {
      ok: false,
      issues: [{ path: '(root)', message: 'expected an object { key, subject?, period?, value, source }' }],
    };
  }
  const row = input as Record<string, unknown>;
  const issues: Issue[] = [];
  for (const name of Object.keys(row)) {
    if (!['key', 'subject', 'period', 'value', 'source'].includes(name))
      issues.push({ path: name, message: 'unknown field' });
  }
  const key = row.key;
  if (!isFactKey(key)) {
    issues.push({ path: 'key', message: `unknown fact key; expected one of ${FACT_KEY_NAMES.join(', ')}` });
    return { ok: false, issues };
  }
  const def = FACT_KEYS[key];
  const subject = checkSubject(def, row.subject, issues);
  const period = checkPeriod(def, row.period, issues);
  const source = row.source;
  if (typeof source !== 'string' || !(def.sources as readonly string[]).includes(source)) {
    issues.push({ path: 'source', message: `source must be one of ${def.sources.join(', ')} for ${key}` });
  }
  const parsed = (def.schema as z.ZodType).safeParse(row.value, { reportInput: true });
  if (!parsed.success) issues.push(...issuesFromZod(parsed.error.issues, ['value']));
  if (issues.length > 0 || !parsed.success) return { ok: false, issues };
  return {
    ok: true,
    fact: { key, subject, period, value: parsed.data as FactValue, source: source as FactSource },
  };
}

function checkSubject(def: FactKeyDefinition, subject: unknown, issues: Issue[]): string | null {
  if (!def.perPerson) {
    if (subject !== undefined && subject !== null)
      issues.push({ path: 'subject', message: `${def.key} is not a per-person fact; omit subject` });
    return null;
  }
  if (typeof subject !== 'string' || subject === '') {
    issues.push({
      path: 'subject',
      message: `${def.key} is per person: subject (the hashed ID number) is required`,
    });
    return null;
  }
  if (isValidResidentIdNumber(subject)) {
    issues.push({ path: 'subject', message: 'subject looks like a raw resident ID number; send its hash' });
    return null;
  }
  if (!SUBJECT.test(subject)) {
    issues.push({ path: 'subject', message: 'subject must be 16–128 characters of A-Z a-z 0-9 _ : . -' });
    return null;
  }
  return subject;
}

function checkPeriod(def: FactKeyDefinition, period: unknown, issues: Issue[]): string | null {
  if (def.periodKind === 'none') {
    if (period !== undefined && period !== null)
      issues.push({ path: 'period', message: `${def.key} has no period; omit period` });
    return null;
  }
  const text = typeof period === 'number' ? String(period) : period;
  if (typeof text !== 'string' || !PERIOD.test(text) || !isFiscalYear(Number(text))) {
    issues.push({
      path: 'period',
      message: `${def.key} is per fiscal year: period must be a year such as "2025"`,
    });
    return null;
  }
  return text;
}

/**
 * The earliest fiscal year a fact speaks about: its period for a fiscal-year fact, otherwise the
 * earliest date inside its value (a recognition's `recognisedOn`, a listing's `listedOn`, ...), or
 * null when it names no year. A fact recorded late for a past year can make that year (or a later one,
 * e.g. a plan that starts the year after a recognition) due, so its enterprise is re-checked from then.
 */
export function earliestFiscalYearOf(fact: Pick<ValidatedFact, 'key' | 'period' | 'value'>): number | null {
  const years: number[] = [];
  if (fact.period !== null && PERIOD.test(fact.period)) years.push(Number(fact.period));
  const shape = factKeyDefinition(fact.key).shape;
  if (shape.type === 'date' && typeof fact.value === 'string') years.push(Number(fact.value.slice(0, 4)));
  if (shape.type === 'object' && typeof fact.value === 'object' && fact.value !== null) {
    const value = fact.value as Record<string, unknown>;
    for (const [name, field] of Object.entries(shape.fields)) {
      const v = value[name];
      if (field.type === 'date' && typeof v === 'string' && /^\d{4}-/.test(v))
        years.push(Number(v.slice(0, 4)));
    }
  }
  const valid = years.filter((y) => isFiscalYear(y));
  return valid.length > 0 ? Math.min(...valid) : null;
}
