import type { AmountOutcome } from './amount';
import { applyCaps } from './caps';
import { BUILT_IN_CONDITIONS } from './evaluation-types';

const outcome = (amountFen: number | null, maxAmountFen?: number): AmountOutcome => ({
  amountFen,
  ...(maxAmountFen !== undefined ? { maxAmountFen } : {}),
  steps: [],
  capsApplied: [],
  unmet: [],
  formPending: amountFen === null,
});

describe('applyCaps', () => {
  it('leaves an amount exactly at the per-application cap alone', () => {
    const capped = applyCaps(outcome(100), { perApplicationFen: 100 });
    expect(capped.amountFen).toBe(100);
    expect(capped.capsApplied).toEqual([]);
  });

  it('caps an amount one fen above the per-application cap', () => {
    const capped = applyCaps(outcome(101), { perApplicationFen: 100 });
    expect(capped.amountFen).toBe(100);
    expect(capped.capsApplied).toEqual(['caps.perApplicationFen']);
    expect(capped.steps[0].en).toBe('Per-application cap of 1.00 yuan');
  });

  it('pays what remains of the annual cap', () => {
    const capped = applyCaps(
      outcome(500),
      { perEnterprisePerFiscalYearFen: 1_000 },
      { enterpriseGrantedThisFiscalYearFen: 700 },
    );
    expect(capped.amountFen).toBe(300);
    expect(capped.capsApplied).toEqual(['caps.perEnterprisePerFiscalYearFen']);
    expect(capped.unmet).toEqual([]);
  });

  it('refuses once the annual cap is used up', () => {
    const capped = applyCaps(
      outcome(500),
      { perEnterprisePerFiscalYearFen: 1_000 },
      { enterpriseGrantedThisFiscalYearFen: 1_000 },
    );
    expect(capped.amountFen).toBe(0);
    expect(capped.unmet.map((u) => u.clauseId)).toEqual([BUILT_IN_CONDITIONS.enterpriseAnnualCapReached]);
  });

  it('treats more than the cap already received as nothing left', () => {
    const capped = applyCaps(outcome(500), { perPersonFen: 1_000 }, { personGrantedFen: 5_000 });
    expect(capped.amountFen).toBe(0);
    expect(capped.unmet.map((u) => u.clauseId)).toEqual([BUILT_IN_CONDITIONS.personCapReached]);
  });

  it('applies every cap in order, keeping the tightest', () => {
    const capped = applyCaps(
      outcome(10_000),
      { perApplicationFen: 5_000, perEnterprisePerFiscalYearFen: 8_000, perPersonFen: 4_000 },
      { enterpriseGrantedThisFiscalYearFen: 4_000, personGrantedFen: 1_000 },
    );
    expect(capped.amountFen).toBe(3_000);
    expect(capped.capsApplied).toEqual([
      'caps.perApplicationFen',
      'caps.perEnterprisePerFiscalYearFen',
      'caps.perPersonFen',
    ]);
  });

  it('turns caps into an "up to" when the amount is not known', () => {
    expect(applyCaps(outcome(null), { perApplicationFen: 5_000 }).maxAmountFen).toBe(5_000);
    expect(applyCaps(outcome(null, 9_000), { perApplicationFen: 5_000 }).maxAmountFen).toBe(5_000);
    expect(applyCaps(outcome(null, 1_000), { perApplicationFen: 5_000 }).maxAmountFen).toBe(1_000);
    expect(applyCaps(outcome(null), {}).maxAmountFen).toBeUndefined();
  });

  it('does not modify its input', () => {
    const input = outcome(101);
    applyCaps(input, { perApplicationFen: 100 });
    expect(input).toEqual(outcome(101));
  });

  it.each([-1, 0.5, 2 ** 53])('refuses a history amount of %p', (granted) => {
    expect(() => applyCaps(outcome(1), {}, { enterpriseGrantedThisFiscalYearFen: granted })).toThrow(
      RangeError,
    );
    expect(() => applyCaps(outcome(1), {}, { personGrantedFen: granted })).toThrow(RangeError);
  });
});
