import type { FactKey, FactSource } from './facts';
import type { FormValue } from './form';
import type { LocalizedText } from './localized-text';
import type { AmountKind, Beneficiary, GrantPeriod, ProgramMode } from './program-definition';

/**
 * Ids of the conditions the evaluator adds itself. Clause ids in definitions are kebab-case slugs
 * without dots, so these never collide with them.
 */
export const BUILT_IN_CONDITIONS = {
  /** The fiscal year evaluated is outside the program's effective period. */
  effectivePeriod: 'program.effective-period',
  /** A value the amount needs is missing. */
  missingValue: 'amount.missing-value',
  /** A value the amount needs is not a valid number (e.g. negative money). */
  invalidValue: 'amount.invalid-value',
  /** The tier is not one the program pays for. */
  unknownTier: 'amount.unknown-tier',
  /** `percentage-of-base`: the base is below `minBaseFen`. */
  belowMinimumBase: 'amount.below-minimum-base',
  /** `percentage-of-increase`: no increase (equal or lower). */
  noIncrease: 'amount.no-increase',
  /** The computed amount is zero. */
  zero: 'amount.zero',
  /** The computed amount is beyond the safe integer range. */
  outOfRange: 'amount.out-of-range',
  /** The enterprise already received this program's annual maximum. */
  enterpriseAnnualCapReached: 'caps.per-enterprise-per-fiscal-year',
  /** The person already received this program's per-person maximum. */
  personCapReached: 'caps.per-person',
  /** Another program of the same exclusivity group pays more. */
  excluded: 'exclusivity.excluded',
} as const;

/** A fact exactly as it was when it was used: part of the evidence stored with a grant. */
export interface FactSnapshot {
  factId: string;
  key: FactKey;
  subject: string | null;
  period: string | null;
  value: unknown;
  source: FactSource;
  receivedAt: string;
}

/** A fact or form field that was needed but absent. */
export type MissingInput =
  | { kind: 'fact'; key: FactKey; subject: string | null; period: string | null; field?: string }
  | { kind: 'form'; field: string };

/** A condition that does not hold, with its reason rendered in both languages. */
export interface UnmetCondition {
  clauseId: string;
  reason: LocalizedText;
  missing?: MissingInput[];
  /** Set when the rule itself failed to run (a defect in the program definition). */
  error?: string;
}

/** Why a clause passed or failed, self-contained (a later fact correction never rewrites it). */
export interface ClauseEvidence {
  /** A clause id, or `amount` for the inputs of the amount. */
  clauseId: string;
  /** null: not evaluated because it reads the application form and no form was given. */
  passed: boolean | null;
  facts: FactSnapshot[];
  /** The form values the clause read (null for an absent optional field). */
  form?: Record<string, FormValue | null>;
  missing?: MissingInput[];
}

/** How the amount was reached, for humans. */
export interface AmountExplanation {
  kind: AmountKind;
  steps: LocalizedText[];
  /** Caps that lowered the amount: `amount.capFen`, `caps.perApplicationFen`, ... */
  capsApplied: string[];
  /** For installment plans: which installment this amount is. */
  installment?: InstallmentPosition;
}

export interface InstallmentPosition {
  /** 1-based. */
  index: number;
  years: number;
  /** The fiscal year this installment pays for. */
  fiscalYear: number;
  /** The fiscal year whose value it is computed from (the year before). */
  baseFiscalYear: number;
}

/** The result of evaluating one program for one enterprise (and person). JSON-serialisable. */
export interface Evaluation {
  programCode: string;
  version: number;
  title: LocalizedText;
  mode: ProgramMode;
  beneficiary: Beneficiary;
  period: GrantPeriod;
  exclusivityGroup: string | null;
  fiscalYear: number;
  asOf: string;
  subject: string | null;
  /** Every condition holds (conditions that need a form not given are not counted against it). */
  eligible: boolean;
  /** Some clause or the amount depends on a form that was not given (a calculator estimate). */
  provisional: boolean;
  /**
   * The amount in fen after caps; 0 when not eligible; null when it depends on a form value not
   * given or is set by review (then see `maxAmountFen`).
   */
  amountFen: number | null;
  /** The most it can be when `amountFen` is null ("up to"), when that is known. */
  maxAmountFen?: number;
  unmet: UnmetCondition[];
  evidence: ClauseEvidence[];
  amount: AmountExplanation;
  /** Set by `resolveExclusivity` when another program of the group was kept instead. */
  excludedBy?: string;
}
