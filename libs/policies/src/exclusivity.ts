import { BUILT_IN_CONDITIONS, type Evaluation } from './evaluation-types';

/**
 * Applies exclusivity groups (不重复享受): among the eligible evaluations of one beneficiary (same
 * subject) whose programs share an `exclusivityGroup`, only the one paying most is kept — by
 * `amountFen`, or `maxAmountFen` when the amount is not known yet; ties go to the smaller program
 * code so the outcome never depends on input order. The others come back not eligible, with
 * `amountFen` 0, `excludedBy` set and an `exclusivity.excluded` unmet condition naming the winner.
 *
 * Returns a new array in the input order; evaluations outside groups pass through unchanged.
 */
export function resolveExclusivity(evaluations: readonly Evaluation[]): Evaluation[] {
  const winners = new Map<string, Evaluation>();
  for (const evaluation of evaluations) {
    const group = groupKey(evaluation);
    if (group === null) continue;
    const current = winners.get(group);
    if (!current || beats(evaluation, current)) winners.set(group, evaluation);
  }
  return evaluations.map((evaluation) => {
    const group = groupKey(evaluation);
    if (group === null) return evaluation;
    const winner = winners.get(group) as Evaluation;
    if (winner === evaluation) return evaluation;
    const { maxAmountFen: _superseded, ...rest } = evaluation;
    return {
      ...rest,
      eligible: false,
      amountFen: 0,
      excludedBy: winner.programCode,
      unmet: [
        ...rest.unmet,
        {
          clauseId: BUILT_IN_CONDITIONS.excluded,
          reason: {
            zh: `与“${winner.title.zh}”不重复享受，按就高原则享受“${winner.title.zh}”`,
            en: `cannot be combined with "${winner.title.en}"; the higher award, "${winner.title.en}", applies`,
          },
        },
      ],
    };
  });
}

function groupKey(evaluation: Evaluation): string | null {
  if (!evaluation.eligible || evaluation.exclusivityGroup === null) return null;
  return `${evaluation.exclusivityGroup}\u0000${evaluation.subject ?? ''}`;
}

function worth(evaluation: Evaluation): number {
  return evaluation.amountFen ?? evaluation.maxAmountFen ?? 0;
}

function beats(candidate: Evaluation, current: Evaluation): boolean {
  const a = worth(candidate);
  const b = worth(current);
  if (a !== b) return a > b;
  return candidate.programCode < current.programCode;
}
