/** The closed vocabularies and code patterns of program definitions. */

/** Zone codes are kebab-case slugs (`ningxiang-htz`). */
export const ZONE_CODE_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Program, policy-document and exclusivity-group codes: slugs joined by `-` or `.`, zone first. */
export const PROGRAM_CODE_PATTERN = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;
/** Parameter and form-field names: camelCase identifiers. */
export const IDENTIFIER_PATTERN = /^[a-z][A-Za-z0-9]*$/;
/** Clause ids, tier keys, document types: kebab-case slugs. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const PROGRAM_CATEGORIES = [
  'talent',
  'platform',
  'plant',
  'rent',
  'equipment',
  'listing',
  'rnd',
  'future-industry',
  'achievement-transformation',
  'recognition',
  'investment-introduction',
  'talent-project',
  'entrepreneurship',
  'high-tech',
] as const;
export type ProgramCategory = (typeof PROGRAM_CATEGORIES)[number];

/** `apply`: the enterprise applies; `auto`: granted from data held (免申即享); `commitment`: 告知承诺制. */
export const PROGRAM_MODES = ['apply', 'auto', 'commitment'] as const;
export type ProgramMode = (typeof PROGRAM_MODES)[number];

export const BENEFICIARIES = ['enterprise', 'person', 'investor'] as const;
export type Beneficiary = (typeof BENEFICIARIES)[number];

/** The granularity at which a beneficiary can get a program (the auto-grant dedup period). */
export const GRANT_PERIODS = ['once', 'fiscal-year'] as const;
export type GrantPeriod = (typeof GRANT_PERIODS)[number];

export const POLICY_DOCUMENT_ROLES = ['main', 'specialised'] as const;
export const EXPERT_REVIEW_POLICIES = ['always', 'never', 'above'] as const;
export const FORM_FIELD_TYPES = [
  'string',
  'text',
  'integer',
  'money_fen',
  'area_m2',
  'date',
  'boolean',
  'enum',
  'id_number',
  'uscc',
] as const;
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];

/** The largest rate accepted: 10,000 basis points = 100 %. */
export const MAX_RATE_BASIS_POINTS = 10_000;

/** How an amount's `ValueRef` picks a fiscal year of a fact. */
export const FACT_PERIOD_SELECTORS = ['fy', 'prev', 'latest'] as const;
