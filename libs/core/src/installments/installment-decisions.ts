import type { CompiledProgram, Evaluation, InstallmentResult, UnmetCondition } from '@huiqi/policies';

/**
 * States of a plan's first case that end the plan: the enterprise declined or withdrew it, or it was
 * refused, cancelled or found false. A lapsed offer does not: the talent's recognition still stands,
 * and each later installment is an offer of its own.
 */
export const PLAN_ENDING_STATES: readonly string[] = [
  'declined',
  'withdrawn',
  'rejected',
  'cancelled',
  'revoked',
  'clawback_required',
  'clawed_back',
];

export function planStopReason(firstCaseState: string): string | null {
  return PLAN_ENDING_STATES.includes(firstCaseState) ? `first case ${firstCaseState}` : null;
}

/** What to do with one pending installment after computing it (or not, when its year has not come). */
export type InstallmentDecision =
  | { status: 'offer'; amountFen: number }
  | { status: 'scheduled' | 'awaiting-data' | 'invalid-data'; unmet: UnmetCondition[] }
  | { status: 'nothing-due'; unmet: UnmetCondition[] };

/**
 * An installment is paid for its fiscal year from the data of the year before, so it is not computed
 * before that year has come (a base year that has not ended cannot be final); then `computeInstallment`
 * decides: due with an amount → offer; due with 0 → nothing due; waiting for (or invalid) data → wait.
 */
export function decideInstallment(
  installmentFiscalYear: number,
  currentFiscalYear: number,
  compute: () => InstallmentResult,
): { decision: InstallmentDecision; result: InstallmentResult | null } {
  if (installmentFiscalYear > currentFiscalYear) {
    return { decision: { status: 'scheduled', unmet: [] }, result: null };
  }
  const result = compute();
  switch (result.status) {
    case 'due':
      return result.amountFen !== null && result.amountFen > 0
        ? { decision: { status: 'offer', amountFen: result.amountFen }, result }
        : { decision: { status: 'nothing-due', unmet: result.unmet }, result };
    case 'awaiting-data':
    case 'invalid-data':
      return { decision: { status: result.status, unmet: result.unmet }, result };
  }
}

/**
 * The evaluation an installment case is offered with, stored as its evidence: the plan's eligibility
 * as it was decided for the first case (never re-evaluated) and this installment's own computation
 * with the base-year fact it used.
 */
export function installmentEvaluation(
  program: CompiledProgram,
  plan: { evidence: Evaluation | null },
  result: InstallmentResult,
): Evaluation {
  if (result.status !== 'due' || result.amountFen === null || result.amountFen <= 0) {
    throw new Error(`installment ${result.installment.index} of ${program.code} is not due with an amount`);
  }
  const eligibility = (plan.evidence?.evidence ?? []).filter((c) => c.clauseId !== 'amount');
  return {
    programCode: program.code,
    version: program.version,
    title: program.title,
    mode: program.mode,
    beneficiary: program.beneficiary,
    period: program.period,
    exclusivityGroup: program.exclusivityGroup,
    fiscalYear: result.installment.fiscalYear,
    asOf: result.asOf,
    subject: result.subject,
    eligible: true,
    provisional: false,
    amountFen: result.amountFen,
    unmet: [],
    evidence: [...eligibility, result.evidence],
    amount: {
      kind: program.amount.kind,
      steps: result.steps,
      capsApplied: result.capsApplied,
      installment: result.installment,
    },
  };
}
