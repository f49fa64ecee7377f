import type { NumberOrParam, ProgramDefinition, ProgramParameter } from './program-definition';
import { MAX_RATE_BASIS_POINTS } from './vocabulary';

/** What a number in a program definition means, which decides what values (and parameters) fit. */
export type NumericSlotKind = 'fen' | 'bp' | 'years' | 'workingDays' | 'publicityDays' | 'blacklistYears';

export interface NumericSlot {
  path: string;
  value: NumberOrParam;
  kind: NumericSlotKind;
}

const LIMITS: Record<NumericSlotKind, { min: number; max: number; unit?: string; what: string }> = {
  fen: { min: 0, max: Number.MAX_SAFE_INTEGER, unit: 'fen', what: 'an amount in fen' },
  bp: { min: 0, max: MAX_RATE_BASIS_POINTS, unit: 'bp', what: 'a rate in basis points' },
  years: { min: 1, max: 20, what: 'a number of years' },
  workingDays: { min: 1, max: 365, what: 'a number of working days' },
  publicityDays: { min: 0, max: 60, what: 'a number of working days' },
  blacklistYears: { min: 0, max: 20, what: 'a number of years' },
};

/** Every number of a definition that may be given by `{ param }`, with its path and meaning. */
export function numericSlots(def: ProgramDefinition): NumericSlot[] {
  const slots: NumericSlot[] = [];
  const add = (path: string, value: NumberOrParam | undefined, kind: NumericSlotKind) => {
    if (value !== undefined) slots.push({ path, value, kind });
  };
  const a = def.amount;
  switch (a.kind) {
    case 'fixed':
      add('amount.amountFen', a.amountFen, 'fen');
      break;
    case 'fixed-by-tier':
      for (const [tier, value] of Object.entries(a.tiers)) add(`amount.tiers.${tier}`, value, 'fen');
      break;
    case 'rate-per-unit':
      add('amount.rateFen', a.rateFen, 'fen');
      break;
    case 'percentage-of-base':
      add('amount.rateBasisPoints', a.rateBasisPoints, 'bp');
      add('amount.minBaseFen', a.minBaseFen, 'fen');
      add('amount.capFen', a.capFen, 'fen');
      break;
    case 'percentage-of-increase':
      add('amount.rateBasisPoints', a.rateBasisPoints, 'bp');
      add('amount.capFen', a.capFen, 'fen');
      break;
    case 'installments-of-prior-year':
      add('amount.rateBasisPoints', a.rateBasisPoints, 'bp');
      add('amount.years', a.years, 'years');
      break;
    case 'set-by-review':
      add('amount.maxFen', a.maxFen, 'fen');
      break;
  }
  add('caps.perApplicationFen', def.caps.perApplicationFen, 'fen');
  add('caps.perEnterprisePerFiscalYearFen', def.caps.perEnterprisePerFiscalYearFen, 'fen');
  add('caps.perPersonFen', def.caps.perPersonFen, 'fen');
  add('route.directorApprovalAboveFen', def.route.directorApprovalAboveFen, 'fen');
  add('route.expertReviewAboveFen', def.route.expertReviewAboveFen, 'fen');
  add('publicityWorkingDays', def.publicityWorkingDays, 'publicityDays');
  add('blacklistYears', def.blacklistYears, 'blacklistYears');
  for (const stage of [
    'firstReview',
    'expertReview',
    'directorApproval',
    'amendment',
    'postVerification',
    'confirmation',
  ] as const) {
    add(`sla.${stage}`, def.sla[stage], 'workingDays');
  }
  add('installments.years', def.installments?.years, 'years');
  return slots;
}

/** Checks a parameter referenced by a numeric slot; returns a message or null when it fits. */
export function checkParameterForSlot(
  kind: NumericSlotKind,
  name: string,
  parameter: ProgramParameter | undefined,
): string | null {
  const limits = LIMITS[kind];
  if (!parameter) return `unknown parameter "${name}"`;
  const { value } = parameter;
  if (typeof value !== 'number') return `parameter "${name}" is used as ${limits.what} but is not a number`;
  if (limits.unit !== undefined && parameter.unit !== limits.unit) {
    return `parameter "${name}" is used as ${limits.what}: declare unit "${limits.unit}"`;
  }
  if (!Number.isSafeInteger(value) || value < limits.min || value > limits.max) {
    return `parameter "${name}" is used as ${limits.what}: its value ${value} must be an integer from ${limits.min} to ${limits.max}`;
  }
  return null;
}

/** Resolves a number given literally or by parameter (the definition must have been checked). */
export function resolveNumber(
  value: NumberOrParam,
  parameters: Readonly<Record<string, ProgramParameter>>,
): number {
  if (typeof value === 'number') return value;
  const resolved = parameters[value.param]?.value;
  if (typeof resolved !== 'number') throw new TypeError(`parameter "${value.param}" is not a number`);
  return resolved;
}
