import type { Evaluation } from '@huiqi/policies';
import fc from 'fast-check';
import { buildReport, emptyAggregates, tally, worthOf } from './sandbox-tally';

function evaluation(eligible: boolean, amountFen: number | null, maxAmountFen?: number): Evaluation {
  return {
    eligible,
    amountFen: eligible ? amountFen : 0,
    ...(maxAmountFen !== undefined ? { maxAmountFen } : {}),
  } as Evaluation;
}

const who = (enterpriseId: string, fiscalYear = 2025) => ({ enterpriseId, fiscalYear, subject: '' });

describe('sandbox tally', () => {
  it('values an evaluation: its amount, its "up to", or nothing', () => {
    expect(worthOf(evaluation(true, 500))).toEqual({ eligible: true, amountFen: 500, upTo: false });
    expect(worthOf(evaluation(true, null, 900))).toEqual({ eligible: true, amountFen: 900, upTo: true });
    expect(worthOf(evaluation(false, 0))).toEqual({ eligible: false, amountFen: 0, upTo: false });
    expect(worthOf(null)).toEqual({ eligible: false, amountFen: 0, upTo: false });
  });

  it('counts both versions per fiscal year and reports gains and losses', () => {
    const agg = emptyAggregates([2025], true);
    expect(tally(agg, who('a'), evaluation(true, 300), evaluation(true, 100))).toMatchObject({
      oldAmountFen: 100,
      newAmountFen: 300,
      oldEligible: true,
      newEligible: true,
    });
    expect(tally(agg, who('b'), evaluation(false, 0), evaluation(true, 50))).toMatchObject({
      oldAmountFen: 50,
      newAmountFen: 0,
      newEligible: false,
    });
    expect(tally(agg, who('c'), evaluation(true, 70), evaluation(true, 70))).toBeNull();
    expect(tally(agg, who('d'), evaluation(true, null, 1_000), null)).toMatchObject({ newUpTo: true });
    expect(agg['2025']).toEqual({
      candidate: { eligible: 3, provisional: 1, totalFen: 370, upToFen: 1_000 },
      baseline: { eligible: 3, provisional: 0, totalFen: 220, upToFen: 0 },
      gains: 2,
      losses: 1,
      gainFen: 1_200,
      lossFen: 50,
    });
    expect(() => tally(agg, who('e', 2030), evaluation(true, 1), null)).toThrow(RangeError);
  });

  it('compares the projected cost with the pool allocation, or says there is no pool', () => {
    const agg = emptyAggregates([2025, 2026], false);
    tally(agg, who('a'), evaluation(true, 600), null);
    tally(agg, who('b'), evaluation(true, null, 500), null);
    const pool = {
      id: 'p',
      name: 'pool',
      scope: 'program' as const,
      allocatedFen: 1_000,
      reservedFen: 10,
      paidFen: 20,
      availableFen: 970,
    };
    const report = buildReport(agg, 2, new Map([[2025, pool]]));
    expect(report.enterprises).toBe(2);
    expect(report.fiscalYears[0]).toMatchObject({
      fiscalYear: 2025,
      candidate: { eligible: 2, totalFen: 600, upToFen: 500, projectedFen: 1_100 },
      baseline: null,
      deltaFen: 1_100,
      pool: { allocatedFen: 1_000, projectedFen: 1_100, headroomFen: -100, withinAllocation: false },
    });
    expect(report.fiscalYears[1]).toMatchObject({ fiscalYear: 2026, pool: null, deltaFen: 0 });
  });

  it('keeps totals consistent whatever the evaluations (property)', () => {
    const outcome = fc.oneof(
      fc.constant(null),
      fc.record({ eligible: fc.boolean(), amount: fc.option(fc.nat(1e9), { nil: null }), max: fc.nat(1e9) }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(outcome, outcome), { maxLength: 50 }), (pairs) => {
        const agg = emptyAggregates([2025], true);
        let changes = 0;
        pairs.forEach(([n, o], i) => {
          const toEval = (x: typeof n) => (x === null ? null : evaluation(x.eligible, x.amount, x.max));
          const next = toEval(n) ?? evaluation(false, 0);
          if (tally(agg, who(String(i)), next, toEval(o))) changes += 1;
        });
        const year = agg['2025'];
        const candidate = year.candidate.totalFen + year.candidate.upToFen;
        const baseline = year.baseline!.totalFen + year.baseline!.upToFen;
        expect(year.gains + year.losses).toBe(changes);
        expect(candidate - baseline).toBe(year.gainFen - year.lossFen);
        expect(year.candidate.eligible).toBeLessThanOrEqual(pairs.length);
      }),
    );
  });
});
