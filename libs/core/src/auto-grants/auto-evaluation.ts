import {
  candidateSubjects,
  CompiledProgram,
  evaluateProgram,
  Evaluation,
  FactIndex,
  GrantHistory,
  grantPeriodKey,
  resolveExclusivity,
} from '@huiqi/policies';

export interface AutoEvaluationContext {
  fiscalYear: number;
  /** The evaluation date, YYYY-MM-DD. */
  asOf: string;
}

/**
 * The one order programs are evaluated and offered in (code points, independent of the database's
 * collation): every run inserts in the same order, so concurrent runs queue instead of deadlocking.
 */
export function byProgramCode(a: { code: string }, b: { code: string }): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/** Identifies one evaluation of an enterprise: a program, and the person for person programs. */
export const evaluationKey = (programCode: string, subject: string | null): string =>
  `${programCode}\u0000${subject ?? ''}`;

/**
 * Evaluates auto programs for one enterprise: an enterprise program once, a person program once per
 * candidate subject (`candidateSubjects`). Programs are evaluated in the order given and subjects in
 * sorted order, so every run offers in the same order (concurrent runs then wait on each other's
 * inserts instead of deadlocking). `histories` carries what a beneficiary already holds, for caps.
 */
export function evaluateAutoPrograms(
  programs: readonly CompiledProgram[],
  facts: FactIndex,
  ctx: AutoEvaluationContext,
  histories: ReadonlyMap<string, GrantHistory> = new Map(),
): Evaluation[] {
  const evaluations: Evaluation[] = [];
  for (const program of programs) {
    const subjects: (string | null)[] =
      program.beneficiary === 'person' ? candidateSubjects(program, facts) : [null];
    for (const subject of subjects) {
      const history = histories.get(evaluationKey(program.code, subject));
      evaluations.push(
        evaluateProgram(program, {
          facts,
          fiscalYear: ctx.fiscalYear,
          asOf: ctx.asOf,
          ...(subject !== null ? { subject } : {}),
          ...(history ? { history } : {}),
        }),
      );
    }
  }
  return evaluations;
}

/** An eligible evaluation whose amount may shrink by what the beneficiary already holds (its caps). */
export function needsHistory(program: CompiledProgram, evaluation: Evaluation): boolean {
  const { caps } = program.settings;
  return (
    evaluation.eligible &&
    (caps.perEnterprisePerFiscalYearFen !== undefined || caps.perPersonFen !== undefined)
  );
}

/** After exclusivity (不重复享受), the evaluations worth an offer: eligible, with a positive amount. */
export function offerableEvaluations(evaluations: readonly Evaluation[]): Evaluation[] {
  return resolveExclusivity(evaluations).filter((e) => e.eligible && e.amountFen !== null && e.amountFen > 0);
}

/** An auto case the enterprise already has (a plan's first case or a one-off grant; never an installment). */
export interface ExistingAutoCase {
  programCode: string;
  programVersion: number;
  period: string;
  beneficiaryKey: string;
  fiscalYear: number;
  exclusivityGroup: string | null;
  /** Not refused, lapsed or otherwise ended without money. */
  active: boolean;
}

export type OfferDecision =
  { kind: 'offer' } | { kind: 'duplicate' } | { kind: 'held'; byProgramCode: string };

/** The beneficiary part of the auto-grant dedup key, as `GrantOfferService` stores it. */
export function beneficiaryKeyOf(evaluation: Pick<Evaluation, 'beneficiary' | 'subject'>): string {
  return evaluation.beneficiary === 'person' ? (evaluation.subject ?? '') : 'enterprise';
}

/**
 * Whether an offerable evaluation still needs an offer, judged against the enterprise's existing auto
 * cases: the same grant (same version and period, or a one-off award of any version) is a duplicate;
 * an active case of another program of the same exclusivity group for the same beneficiary and fiscal
 * year holds the group, so the enterprise never gets both. The database's unique indexes still
 * decide races; this saves the round trips and keeps exclusivity across runs.
 */
export function decideOffer(
  program: Pick<CompiledProgram, 'period'>,
  evaluation: Evaluation,
  existing: readonly ExistingAutoCase[],
): OfferDecision {
  const period = grantPeriodKey(program, evaluation.fiscalYear);
  const beneficiaryKey = beneficiaryKeyOf(evaluation);
  const same = existing.some(
    (c) =>
      c.programCode === evaluation.programCode &&
      c.beneficiaryKey === beneficiaryKey &&
      ((c.programVersion === evaluation.version && c.period === period) ||
        (period === 'once' && c.period === 'once')),
  );
  if (same) return { kind: 'duplicate' };
  if (evaluation.exclusivityGroup !== null) {
    const holder = existing.find(
      (c) =>
        c.active &&
        c.exclusivityGroup === evaluation.exclusivityGroup &&
        c.programCode !== evaluation.programCode &&
        c.beneficiaryKey === beneficiaryKey &&
        c.fiscalYear === evaluation.fiscalYear,
    );
    if (holder) return { kind: 'held', byProgramCode: holder.programCode };
  }
  return { kind: 'offer' };
}
