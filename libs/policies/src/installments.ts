import { computeAmount } from './amount';
import { applyCaps, type GrantHistory } from './caps';
import type { CompiledProgram } from './compile';
import { isFiscalYear, isIsoDate } from './dates';
import {
  BUILT_IN_CONDITIONS,
  type ClauseEvidence,
  type InstallmentPosition,
  type UnmetCondition,
} from './evaluation-types';
import type { FactIndex } from './fact-index';
import { describeMissing, FactLookup } from './fact-lookup';
import type { LocalizedText } from './localized-text';
import { resolveSource } from './evaluate';

export interface InstallmentInput {
  facts: FactIndex;
  /** The fiscal year of installment 1 (the fiscal year the plan was granted for). */
  startFiscalYear: number;
  asOf: string;
  /** For person beneficiaries: the person's hashed ID number. */
  subject?: string;
  history?: GrantHistory;
}

/** One installment of an installment plan. JSON-serialisable; store `evidence` with the payment. */
export interface InstallmentResult {
  programCode: string;
  version: number;
  subject: string | null;
  installment: InstallmentPosition;
  /**
   * `due`: the amount is known (it may be 0 when the base was 0 or a cap is exhausted);
   * `awaiting-data`: the base year's fact has not arrived yet — compute again when it does;
   * `invalid-data`: the base fact is not a valid amount (see `unmet`).
   */
  status: 'due' | 'awaiting-data' | 'invalid-data';
  amountFen: number | null;
  steps: LocalizedText[];
  capsApplied: string[];
  unmet: UnmetCondition[];
  evidence: ClauseEvidence;
  asOf: string;
}

/**
 * Computes installment `installmentIndex` (1-based) of an `installments-of-prior-year` plan:
 * installment N pays for fiscal year `startFiscalYear + N - 1` and is `rate × the base fact of the
 * year before`, rounded down to the fen, then capped. Eligibility is not re-evaluated: it was
 * decided when the plan was granted.
 *
 * @throws {TypeError} when the program is not an installment plan.
 * @throws {RangeError} when the index is outside 1..years or an input is malformed.
 */
export function computeInstallment(
  program: CompiledProgram,
  installmentIndex: number,
  input: InstallmentInput,
): InstallmentResult {
  if (program.amount.kind !== 'installments-of-prior-year') {
    throw new TypeError(`${program.code} is not an installment plan (amount kind ${program.amount.kind})`);
  }
  const years = program.amount.years;
  if (!Number.isInteger(installmentIndex) || installmentIndex < 1 || installmentIndex > years) {
    throw new RangeError(
      `installmentIndex must be an integer from 1 to ${years}, got ${String(installmentIndex)}`,
    );
  }
  if (!isFiscalYear(input.startFiscalYear))
    throw new RangeError(`startFiscalYear must be an integer year, got ${String(input.startFiscalYear)}`);
  if (!isIsoDate(input.asOf))
    throw new RangeError(`asOf must be a date YYYY-MM-DD, got ${String(input.asOf)}`);
  const fiscalYear = input.startFiscalYear + installmentIndex - 1;
  if (!isFiscalYear(fiscalYear))
    throw new RangeError(`installment ${installmentIndex} falls outside the supported years`);
  const subject = input.subject ?? null;
  const lookup = new FactLookup({
    facts: input.facts,
    fiscalYear,
    subject,
    authoritativeOnly: program.authoritativeOnly,
  });
  const evidence: ClauseEvidence = { clauseId: 'amount', passed: true, facts: [] };
  const computed = computeAmount(
    program.amount,
    {
      fiscalYear,
      resolve: (source) => resolveSource(source, lookup, undefined, evidence),
      describeMissing: (missing) => describeMissing(missing, fiscalYear),
    },
    installmentIndex,
  );
  const blocked = computed.amountFen === null;
  const outcome = blocked ? computed : applyCaps(computed, program.settings.caps, input.history);
  const awaiting = computed.unmet.some((u) => u.clauseId === BUILT_IN_CONDITIONS.missingValue);
  evidence.passed = !blocked;
  return {
    programCode: program.code,
    version: program.version,
    subject,
    installment: computed.installment as InstallmentPosition,
    status: !blocked ? 'due' : awaiting ? 'awaiting-data' : 'invalid-data',
    amountFen: outcome.amountFen,
    steps: outcome.steps,
    capsApplied: outcome.capsApplied,
    unmet: outcome.unmet,
    evidence,
    asOf: input.asOf,
  };
}
