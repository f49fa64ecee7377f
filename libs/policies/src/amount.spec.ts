import { type AmountInputs, computeAmount, type ResolvedInput } from './amount';
import type { CompiledAmount, ValueSource } from './compile';
import { BUILT_IN_CONDITIONS } from './evaluation-types';
import type { ValueKind } from './value-shape';

const label = (en: string) => ({ zh: en, en });
const constant = (value: unknown, kind: ValueKind = 'money_fen'): ValueSource =>
  ({ source: 'constant', value, kind, label: label('base') }) as ValueSource;
const formValue = (name: string, kind: ValueKind = 'money_fen'): ValueSource => ({
  source: 'form',
  name,
  kind,
  label: label(name),
});
const missingFact: ValueSource = {
  source: 'fact',
  read: { key: 'rnd_expense_fen', selector: 'prev' },
  kind: 'money_fen',
  label: label('R&D expense'),
};

/** Constants resolve to their value, forms to "not given", facts to "missing". */
const inputs: AmountInputs = {
  fiscalYear: 2025,
  resolve(source): ResolvedInput {
    if (source.source === 'constant') return { status: 'value', value: source.value };
    if (source.source === 'form') return { status: 'form-not-given' };
    return {
      status: 'missing',
      missing: { kind: 'fact', key: source.read.key, subject: null, period: '2024' },
    };
  },
  describeMissing: () => ({ zh: '缺少数据', en: 'missing data' }),
};

const compute = (amount: CompiledAmount, index?: number) => computeAmount(amount, inputs, index);
const ids = (outcome: ReturnType<typeof compute>) => outcome.unmet.map((u) => u.clauseId);

describe('computeAmount', () => {
  it('pays a fixed amount', () => {
    const outcome = compute({ kind: 'fixed', amountFen: 10_000_000 });
    expect(outcome.amountFen).toBe(10_000_000);
    expect(outcome.steps[0]).toEqual({ zh: '定额补助 100,000.00 元', en: 'Fixed amount: 100,000.00 yuan' });
  });

  it('leaves an amount set by review open, up to its maximum', () => {
    const outcome = compute({ kind: 'set-by-review', maxFen: 500_000_000 });
    expect(outcome).toMatchObject({
      amountFen: null,
      maxAmountFen: 500_000_000,
      formPending: false,
      unmet: [],
    });
    expect(outcome.steps[0].en).toBe('Amount set by review, up to 5,000,000.00 yuan');
  });

  describe('fixed-by-tier', () => {
    const tiers = { leading: 100_000_000, professional: 10_000_000 };
    it('pays the tier', () => {
      expect(
        compute({ kind: 'fixed-by-tier', tierFrom: constant('professional', 'enum'), tiers }).amountFen,
      ).toBe(10_000_000);
    });
    it('refuses an unknown tier', () => {
      const outcome = compute({ kind: 'fixed-by-tier', tierFrom: constant('junior', 'enum'), tiers });
      expect(outcome.amountFen).toBeNull();
      expect(ids(outcome)).toEqual([BUILT_IN_CONDITIONS.unknownTier]);
      expect(outcome.unmet[0].reason.en).toContain('"junior"');
    });
    it('shows the highest tier as "up to" without a form', () => {
      const outcome = compute({ kind: 'fixed-by-tier', tierFrom: formValue('tier', 'enum'), tiers });
      expect(outcome).toMatchObject({
        amountFen: null,
        maxAmountFen: 100_000_000,
        formPending: true,
        unmet: [],
      });
    });
  });

  describe('rate-per-unit', () => {
    it('multiplies rate, quantity and multiplier exactly', () => {
      const outcome = compute({
        kind: 'rate-per-unit',
        rateFen: 500,
        quantityFrom: constant(1_200, 'area_m2'),
        multiplierFrom: constant(12, 'integer'),
      });
      expect(outcome.amountFen).toBe(7_200_000); // 5 yuan × 1,200 m² × 12 months = 72,000 yuan
      expect(outcome.steps.at(-1)?.en).toBe('5.00 yuan × 1,200 × 12 = 72,000.00 yuan');
    });
    it.each([-1, 1.5, '10', null])('refuses the quantity %p', (quantity) => {
      const outcome = compute({
        kind: 'rate-per-unit',
        rateFen: 500,
        quantityFrom: constant(quantity, 'area_m2'),
      });
      expect(outcome.amountFen).toBeNull();
      expect(ids(outcome)).toEqual([BUILT_IN_CONDITIONS.invalidValue]);
    });
    it('refuses a product beyond the safe range', () => {
      const outcome = compute({
        kind: 'rate-per-unit',
        rateFen: 2 ** 40,
        quantityFrom: constant(2 ** 20, 'integer'),
      });
      expect(ids(outcome)).toEqual([BUILT_IN_CONDITIONS.outOfRange]);
    });
    it('waits for the form', () => {
      const outcome = compute({
        kind: 'rate-per-unit',
        rateFen: 500,
        quantityFrom: formValue('areaM2', 'area_m2'),
      });
      expect(outcome).toMatchObject({ amountFen: null, formPending: true, unmet: [] });
    });
  });

  describe('percentage-of-base', () => {
    const rule = (base: unknown): CompiledAmount => ({
      kind: 'percentage-of-base',
      baseFrom: constant(base),
      rateBasisPoints: 1_000,
      minBaseFen: 500_000_000,
      capFen: 1_000_000_000,
    });
    it('accepts a base of exactly the minimum', () => {
      expect(compute(rule(500_000_000)).amountFen).toBe(50_000_000);
    });
    it('refuses a base one fen below the minimum', () => {
      const outcome = compute(rule(499_999_999));
      expect(outcome.amountFen).toBe(0);
      expect(ids(outcome)).toEqual([BUILT_IN_CONDITIONS.belowMinimumBase]);
      expect(outcome.unmet[0].reason.zh).toBe('base 4,999,999.99 元，未达到 5,000,000.00 元');
    });
    it('rounds down to the fen', () => {
      expect(compute(rule(500_000_009)).amountFen).toBe(50_000_000); // 50,000,000.9 fen
    });
    it('pays the cap when the percentage reaches it exactly', () => {
      const outcome = compute(rule(10_000_000_000));
      expect(outcome.amountFen).toBe(1_000_000_000);
      expect(outcome.capsApplied).toEqual([]);
    });
    it('caps a percentage one fen above the cap', () => {
      const outcome = compute(rule(10_000_000_010));
      expect(outcome.amountFen).toBe(1_000_000_000);
      expect(outcome.capsApplied).toEqual(['amount.capFen']);
    });
    it('shows the cap as "up to" without a form', () => {
      const outcome = compute({
        ...(rule(0) as Extract<CompiledAmount, { kind: 'percentage-of-base' }>),
        baseFrom: formValue('x'),
      });
      expect(outcome).toMatchObject({ amountFen: null, maxAmountFen: 1_000_000_000, formPending: true });
    });
    it('names a missing base', () => {
      const outcome = compute({ kind: 'percentage-of-base', baseFrom: missingFact, rateBasisPoints: 1_000 });
      expect(outcome.amountFen).toBeNull();
      expect(outcome.unmet).toEqual([
        {
          clauseId: BUILT_IN_CONDITIONS.missingValue,
          reason: { zh: '缺少数据', en: 'missing data' },
          missing: [{ kind: 'fact', key: 'rnd_expense_fen', subject: null, period: '2024' }],
        },
      ]);
    });
  });

  describe('percentage-of-increase', () => {
    const rule = (current: number, previous: number): CompiledAmount => ({
      kind: 'percentage-of-increase',
      currentFrom: constant(current),
      previousFrom: constant(previous),
      rateBasisPoints: 500,
      capFen: 1_000_000_000,
    });
    it('pays a share of the increase', () => {
      expect(compute(rule(1_200_000_000, 1_000_000_000)).amountFen).toBe(10_000_000);
    });
    it.each([
      [900, 1_000],
      [1_000, 1_000],
    ])('gives zero for %d after %d', (current, previous) => {
      const outcome = compute(rule(current, previous));
      expect(outcome.amountFen).toBe(0);
      expect(ids(outcome)).toEqual([BUILT_IN_CONDITIONS.noIncrease]);
    });
    it('caps the reward', () => {
      expect(compute(rule(30_000_000_000, 0)).amountFen).toBe(1_000_000_000);
    });
  });

  it('computes an installment and says which one', () => {
    const outcome = compute(
      {
        kind: 'installments-of-prior-year',
        baseFrom: constant(1_234_567),
        rateBasisPoints: 10_000,
        years: 3,
      },
      2,
    );
    expect(outcome.amountFen).toBe(1_234_567);
    expect(outcome.installment).toEqual({ index: 2, years: 3, fiscalYear: 2025, baseFiscalYear: 2024 });
    expect(outcome.steps[0].en).toContain('Installment 2 of 3');
  });
});
