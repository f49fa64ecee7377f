import { z } from 'zod';

import { isIsoDate } from './dates';
import { type Issue, issuesFromZod } from './issues';
import { localizedTextSchema } from './localized-text';
import { checkProgramConsistency } from './program-consistency';
import {
  BENEFICIARIES,
  EXPERT_REVIEW_POLICIES,
  FACT_PERIOD_SELECTORS,
  FORM_FIELD_TYPES,
  GRANT_PERIODS,
  IDENTIFIER_PATTERN,
  MAX_RATE_BASIS_POINTS,
  POLICY_DOCUMENT_ROLES,
  PROGRAM_CATEGORIES,
  PROGRAM_CODE_PATTERN,
  PROGRAM_MODES,
  SLUG_PATTERN,
  ZONE_CODE_PATTERN,
} from './vocabulary';

export * from './vocabulary';

const safeInteger = (what: string) => z.number({ error: `expected ${what}` }).int(`expected ${what}`);

export const paramRefSchema = z.strictObject({
  param: z.string().regex(IDENTIFIER_PATTERN, 'parameter names are camelCase identifiers'),
});
/** Refers to a program parameter wherever a number is accepted. */
export type ParamRef = z.infer<typeof paramRefSchema>;

const orParam = <T extends z.ZodType>(literal: T, what: string) =>
  z.union([literal, paramRefSchema], { error: `expected ${what} or { param: name }` });

const fenLiteral = safeInteger('an amount in fen (a non-negative safe integer)').min(
  0,
  'money must not be negative',
);
const fenOrParam = orParam(fenLiteral, 'an amount in fen');
const basisPointsOrParam = orParam(
  safeInteger('basis points (an integer)')
    .min(0, 'a rate must not be negative')
    .max(MAX_RATE_BASIS_POINTS, `a rate must be at most ${MAX_RATE_BASIS_POINTS} basis points (100%)`),
  'a rate in basis points',
);
const yearsOrParam = orParam(
  safeInteger('a number of years').min(1, 'must be at least 1').max(20, 'must be at most 20'),
  'a number of years',
);
const workingDaysOrParam = orParam(
  safeInteger('a number of working days')
    .min(1, 'must be at least 1 working day')
    .max(365, 'must be at most 365'),
  'a number of working days',
);
const publicityDaysOrParam = orParam(
  safeInteger('a number of working days').min(0, 'must not be negative').max(60, 'must be at most 60'),
  'a number of working days',
);
const blacklistYearsOrParam = orParam(
  safeInteger('a number of years').min(0, 'must not be negative').max(20, 'must be at most 20'),
  'a number of years',
);

/** A number (fen, basis points, days, years) given literally or by a parameter. */
export type NumberOrParam = number | ParamRef;

const isoDate = z
  .string({ error: 'expected a date YYYY-MM-DD' })
  .refine(isIsoDate, 'expected a real date YYYY-MM-DD');

const factRefSchema = z.strictObject({
  fact: z.string().min(1, 'expected a fact key'),
  /** `fy`: the evaluated fiscal year; `prev`: the year before; `latest`: the latest year up to `fy`. */
  period: z.enum(FACT_PERIOD_SELECTORS).optional(),
  /** For object-valued facts, the field to read (`talent_recognition` → `tier`). */
  field: z.string().min(1).optional(),
});
const formRefSchema = z.strictObject({ form: z.string().min(1, 'expected a form field name') });

/**
 * Where an amount rule takes a value from: a fact (`{ fact: 'rnd_expense_fen', period: 'fy' }`),
 * a form field (`{ form: 'areaM2' }`) or a parameter (`{ param: 'rate' }`).
 */
export const valueRefSchema = z.union([factRefSchema, formRefSchema, paramRefSchema], {
  error: 'expected { fact, period?, field? }, { form } or { param }',
});
export type FactRef = z.infer<typeof factRefSchema>;
export type FormRef = z.infer<typeof formRefSchema>;
export type ValueRef = z.infer<typeof valueRefSchema>;

/** A JSON value (the shape of a JSON Logic rule). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const jsonValueSchema: z.ZodType<JsonValue> = z.json() as z.ZodType<JsonValue>;

const parameterSchema = z.strictObject({
  value: z.union(
    [safeInteger('a safe integer (no fractions: scale the unit instead)'), z.string(), z.boolean()],
    {
      error: 'expected an integer, a string or a boolean',
    },
  ),
  /** `fen` renders as yuan, `bp` as a percentage, `milli` as a decimal (1500 → 1.5); others as is. */
  unit: z.string().min(1).max(32).optional(),
  description: localizedTextSchema,
  /** `source`: the figure is in the policy text; `assumption`: the source leaves it open. */
  origin: z.enum(['source', 'assumption']),
  note: z.string().optional(),
});
export type ProgramParameter = z.infer<typeof parameterSchema>;
export type ParameterValue = ProgramParameter['value'];

const clauseSchema = z.strictObject({
  id: z.string().regex(SLUG_PATTERN, 'clause ids are kebab-case slugs'),
  /** A JSON Logic rule; the clause holds when it evaluates truthy. */
  rule: jsonValueSchema,
  /** The condition in words; may interpolate `{fy}`, `{prev}`, `{asOf}` and `{params.name}`. */
  reason: localizedTextSchema,
  /**
   * `fail` (default): the clause fails — naming the missing data — when a fact or form field it
   * reads is missing, without running the rule. `evaluate`: the rule runs and sees `null`.
   */
  whenMissing: z.enum(['fail', 'evaluate']).default('fail'),
});
export type Clause = z.infer<typeof clauseSchema>;
export type ClauseInput = z.input<typeof clauseSchema>;

const amountSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fixed'), amountFen: fenOrParam }),
  z.strictObject({
    kind: z.literal('fixed-by-tier'),
    tierFrom: valueRefSchema,
    tiers: z.record(z.string().regex(SLUG_PATTERN, 'tier keys are kebab-case slugs'), fenOrParam),
  }),
  z.strictObject({
    kind: z.literal('rate-per-unit'),
    rateFen: fenOrParam,
    quantityFrom: valueRefSchema,
    multiplierFrom: valueRefSchema.optional(),
  }),
  z.strictObject({
    kind: z.literal('percentage-of-base'),
    baseFrom: valueRefSchema,
    rateBasisPoints: basisPointsOrParam,
    /** Inclusive: a base of exactly `minBaseFen` qualifies; one fen less does not. */
    minBaseFen: fenOrParam.optional(),
    capFen: fenOrParam.optional(),
  }),
  z.strictObject({
    kind: z.literal('percentage-of-increase'),
    currentFrom: valueRefSchema,
    previousFrom: valueRefSchema,
    rateBasisPoints: basisPointsOrParam,
    capFen: fenOrParam.optional(),
  }),
  z.strictObject({
    kind: z.literal('installments-of-prior-year'),
    /** A fiscal-year fact; installment year Y reads its value for year Y-1. */
    baseFrom: valueRefSchema,
    rateBasisPoints: basisPointsOrParam,
    years: yearsOrParam,
  }),
  z.strictObject({ kind: z.literal('set-by-review'), maxFen: fenOrParam }),
]);
export type AmountRule = z.infer<typeof amountSchema>;
export type AmountKind = AmountRule['kind'];

const capsSchema = z.strictObject({
  perApplicationFen: fenOrParam.optional(),
  /** Given what the enterprise already received from this program in the fiscal year. */
  perEnterprisePerFiscalYearFen: fenOrParam.optional(),
  /** Given what the person already received from this program. */
  perPersonFen: fenOrParam.optional(),
});
export type Caps = z.infer<typeof capsSchema>;

const documentSchema = z.strictObject({
  type: z.string().regex(SLUG_PATTERN, 'document types are kebab-case slugs'),
  title: localizedTextSchema,
  mandatory: z.boolean(),
  maxSizeBytes: safeInteger('a size in bytes')
    .min(1)
    .max(1024 * 1024 * 1024, 'must be at most 1 GiB')
    .optional(),
  contentTypes: z
    .array(z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/, 'expected a media type such as application/pdf'))
    .min(1, 'list at least one content type or omit the field')
    .optional(),
});
export type DocumentRequirement = z.infer<typeof documentSchema>;

const routeSchema = z.strictObject({
  /** Director (second-level) approval is required when the amount is strictly above this. */
  directorApprovalAboveFen: fenOrParam,
  expertReview: z.enum(EXPERT_REVIEW_POLICIES),
  /** With `expertReview: 'above'`: expert review when the amount is strictly above this. */
  expertReviewAboveFen: fenOrParam.optional(),
});
export type Route = z.infer<typeof routeSchema>;

/** Deadlines per workflow stage, in working days. */
const slaSchema = z.strictObject({
  firstReview: workingDaysOrParam,
  expertReview: workingDaysOrParam,
  directorApproval: workingDaysOrParam,
  /** The time the enterprise has to amend a returned application. */
  amendment: workingDaysOrParam,
  /** `commitment` programs: verification after approval. */
  postVerification: workingDaysOrParam.optional(),
  /** `auto` programs: the time the enterprise has to confirm a grant. */
  confirmation: workingDaysOrParam.optional(),
});
export type Sla = z.infer<typeof slaSchema>;

const formFieldSchema = z.strictObject({
  name: z.string().regex(IDENTIFIER_PATTERN, 'form field names are camelCase identifiers'),
  type: z.enum(FORM_FIELD_TYPES),
  required: z.boolean(),
  label: localizedTextSchema,
  options: z.array(z.string().min(1)).optional(),
  /** What a person reads for each option of an enum field (`provincial-platform` → 省级平台). */
  optionLabels: z.record(z.string(), localizedTextSchema).optional(),
  min: safeInteger('a safe integer').optional(),
  max: safeInteger('a safe integer').optional(),
  maxLength: safeInteger('a length').min(1).max(100_000).optional(),
});
export type FormField = z.infer<typeof formFieldSchema>;

const localizedText = localizedTextSchema;

/** The zod schema of a program definition (structure only; see {@link parseProgramDefinition}). */
export const programDefinitionSchema = z.strictObject({
  code: z.string().regex(PROGRAM_CODE_PATTERN, 'expected a code such as ningxiang-htz.talent-introduction'),
  zone: z.string().regex(ZONE_CODE_PATTERN, 'expected a zone code such as ningxiang-htz'),
  version: safeInteger('a positive integer').min(1, 'versions start at 1'),
  effectiveFrom: isoDate,
  /** Inclusive last day, or null when open-ended. */
  effectiveTo: isoDate.nullable().default(null),
  policyDocument: z.strictObject({
    code: z.string().regex(PROGRAM_CODE_PATTERN, 'expected a code such as ningxiang-htz.one-park-one-center'),
    title: localizedText,
    role: z.enum(POLICY_DOCUMENT_ROLES),
  }),
  title: localizedText,
  summary: localizedText,
  category: z.enum(PROGRAM_CATEGORIES),
  mode: z.enum(PROGRAM_MODES),
  beneficiary: z.enum(BENEFICIARIES),
  period: z.enum(GRANT_PERIODS),
  parameters: z
    .record(
      z.string().regex(IDENTIFIER_PATTERN, 'parameter names are camelCase identifiers'),
      parameterSchema,
    )
    .default({}),
  eligibility: z.array(clauseSchema),
  amount: amountSchema,
  caps: capsSchema.default({}),
  documents: z.array(documentSchema).default([]),
  route: routeSchema,
  publicityWorkingDays: publicityDaysOrParam,
  sla: slaSchema,
  /** Years an enterprise is barred after an upheld false claim. */
  blacklistYears: blacklistYearsOrParam.default(3),
  exclusivityGroup: z
    .string()
    .regex(PROGRAM_CODE_PATTERN, 'expected a code such as changsha-etdz.honours')
    .optional(),
  installments: z.strictObject({ years: yearsOrParam }).optional(),
  formFields: z.array(formFieldSchema).default([]),
  /**
   * Required form fields that say what an application is for (a platform's approval document, a
   * project, a lease contract). "One open application per enterprise, program and period" is counted
   * per distinct value of these fields, so an enterprise can apply for two different projects.
   */
  dedupFormFields: z.array(z.string().regex(IDENTIFIER_PATTERN, 'expected a form field name')).default([]),
});

/** A validated program definition (what the API stores as jsonb per version). */
export type ProgramDefinition = z.output<typeof programDefinitionSchema>;
/** What an author writes: like {@link ProgramDefinition} with defaults optional. */
export type ProgramDefinitionInput = z.input<typeof programDefinitionSchema>;

/** Thrown by {@link parseProgramDefinition}; `issues` names every bad field by dotted path. */
export interface ParseOptions {
  /**
   * New definitions (published through the API, the seed catalog) must label every option of an enum
   * field. Versions stored before labels existed still load: a published version never changes.
   */
  requireOptionLabels: boolean;
}

/** Every option of an enum form field without its label in both languages. */
export function unlabelledOptions(def: ProgramDefinition): Issue[] {
  const issues: Issue[] = [];
  def.formFields.forEach((field, i) => {
    if (field.type !== 'enum') return;
    for (const option of field.options ?? []) {
      if (!field.optionLabels?.[option]) {
        issues.push({
          path: `formFields.${i}.optionLabels.${option}`,
          message: 'every option needs a label {zh, en}',
        });
      }
    }
  });
  return issues;
}

export class ProgramDefinitionError extends Error {
  override readonly name = 'ProgramDefinitionError';

  constructor(readonly issues: Issue[]) {
    super(`Invalid program definition:\n${issues.map((i) => `- ${i.path}: ${i.message}`).join('\n')}`);
  }
}

/**
 * Validates a program definition: its structure, then its cross-field consistency (rule variables
 * point at known facts, declared form fields and parameters; parameters used as numbers exist and fit;
 * tiers cover the options; caps are non-negative safe integers; effectiveTo is after effectiveFrom;
 * installment plans agree; mode-specific requirements hold).
 *
 * @returns the definition with defaults applied (JSON-serialisable; parsing it again yields the same).
 * @throws {ProgramDefinitionError} listing every issue.
 */
export function parseProgramDefinition(
  raw: unknown,
  options: ParseOptions = { requireOptionLabels: false },
): ProgramDefinition {
  const parsed = programDefinitionSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw new ProgramDefinitionError(issuesFromZod(parsed.error.issues, [], true));
  const issues = checkProgramConsistency(parsed.data);
  if (options.requireOptionLabels) issues.push(...unlabelledOptions(parsed.data));
  if (issues.length > 0) throw new ProgramDefinitionError(issues);
  return parsed.data;
}
