import type { Evaluation } from './evaluation-types';
import { resolveExclusivity } from './exclusivity';

function evaluation(code: string, amountFen: number | null, extra: Partial<Evaluation> = {}): Evaluation {
  return {
    programCode: code,
    version: 1,
    title: { zh: `项目${code}`, en: `Program ${code}` },
    mode: 'auto',
    beneficiary: 'enterprise',
    period: 'once',
    exclusivityGroup: 'zone.honours',
    fiscalYear: 2025,
    asOf: '2026-03-31',
    subject: null,
    eligible: true,
    provisional: false,
    amountFen,
    unmet: [],
    evidence: [],
    amount: { kind: 'fixed', steps: [], capsApplied: [] },
    ...extra,
  };
}

describe('resolveExclusivity', () => {
  it('keeps the higher award of a group and excludes the other with a reason', () => {
    const [low, high] = resolveExclusivity([evaluation('zone.a', 500), evaluation('zone.b', 1_000)]);
    expect(high).toEqual(evaluation('zone.b', 1_000));
    expect(low).toMatchObject({ eligible: false, amountFen: 0, excludedBy: 'zone.b' });
    expect(low.unmet).toEqual([
      {
        clauseId: 'exclusivity.excluded',
        reason: {
          zh: '与“项目zone.b”不重复享受，按就高原则享受“项目zone.b”',
          en: 'cannot be combined with "Program zone.b"; the higher award, "Program zone.b", applies',
        },
      },
    ]);
  });

  it('breaks ties by program code, whatever the order', () => {
    const forward = resolveExclusivity([evaluation('zone.b', 1_000), evaluation('zone.a', 1_000)]);
    const backward = resolveExclusivity([evaluation('zone.a', 1_000), evaluation('zone.b', 1_000)]);
    expect(forward.find((e) => e.eligible)?.programCode).toBe('zone.a');
    expect(backward.find((e) => e.eligible)?.programCode).toBe('zone.a');
  });

  it('compares an unknown amount by its maximum', () => {
    const result = resolveExclusivity([
      evaluation('zone.a', 800),
      evaluation('zone.b', null, { maxAmountFen: 900, provisional: true }),
    ]);
    expect(result.map((e) => e.eligible)).toEqual([false, true]);
    expect(result[0].maxAmountFen).toBeUndefined();
  });

  it('ignores ineligible evaluations, other groups, other persons and ungrouped programs', () => {
    const input = [
      evaluation('zone.a', 500),
      evaluation('zone.b', 1_000, { eligible: false, amountFen: 0 }),
      evaluation('zone.c', 2_000, { exclusivityGroup: 'zone.other' }),
      evaluation('zone.d', 3_000, { exclusivityGroup: null }),
      evaluation('zone.e', 600, { subject: 'person-2', beneficiary: 'person' }),
    ];
    expect(resolveExclusivity(input)).toEqual(input);
  });
});
