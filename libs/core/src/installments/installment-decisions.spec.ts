import { BUILT_IN_CONDITIONS, computeInstallment, indexFacts } from '@huiqi/policies';
import { compiledSeed, evaluateWith, fact, personId } from '@huiqi/policies/testing';
import { decideInstallment, installmentEvaluation, planStopReason } from './installment-decisions';

const PLAN = compiledSeed('xixian-new-area.innovative-talents-plan');
const talent = personId(7);
const recognition = fact(
  'talent_recognition',
  { tier: 'innovative', programme: 'qinchuangyuan-innovative-talents', recognisedOn: '2023-05-10' },
  { subject: talent },
);
const tax = (year: number, fen: number) =>
  fact('personal_tax_contribution_fen', fen, { subject: talent, period: year });

/** A plan granted for fiscal year 2024 (recognised in 2023): installments for 2024, 2025, 2026. */
const compute = (index: number, records = [recognition, tax(2023, 1_000_000), tax(2024, 2_345_678)]) =>
  computeInstallment(PLAN, index, {
    facts: indexFacts(records),
    startFiscalYear: 2024,
    asOf: '2026-11-20',
    subject: talent,
  });

describe('decideInstallment', () => {
  it('does not compute an installment whose fiscal year has not come', () => {
    const computeSpy = jest.fn(() => compute(3));
    expect(decideInstallment(2027, 2026, computeSpy)).toEqual({
      decision: { status: 'scheduled', unmet: [] },
      result: null,
    });
    expect(computeSpy).not.toHaveBeenCalled();
  });

  it('offers 100% of the base year’s contribution once it has arrived', () => {
    const { decision, result } = decideInstallment(2025, 2026, () => compute(2));
    expect(decision).toEqual({ status: 'offer', amountFen: 2_345_678 });
    expect(result?.installment).toMatchObject({ index: 2, fiscalYear: 2025, baseFiscalYear: 2024 });
  });

  it('waits for the base year’s tax data', () => {
    const { decision } = decideInstallment(2026, 2026, () => compute(3));
    expect(decision.status).toBe('awaiting-data');
    expect(decision.status !== 'offer' && decision.unmet.map((u) => u.clauseId)).toEqual([
      BUILT_IN_CONDITIONS.missingValue,
    ]);
  });

  it('owes nothing for a year without contribution', () => {
    const { decision } = decideInstallment(2025, 2026, () =>
      compute(2, [recognition, tax(2023, 1_000_000), tax(2024, 0)]),
    );
    expect(decision.status).toBe('nothing-due');
  });
});

describe('installmentEvaluation', () => {
  const firstCase = evaluateWith(PLAN, [recognition, tax(2023, 1_000_000)], {
    subject: talent,
    fiscalYear: 2024,
    asOf: '2024-06-01',
  });

  it('keeps the plan’s eligibility evidence and adds this installment’s computation', () => {
    expect(firstCase.eligible).toBe(true);
    const evaluation = installmentEvaluation(PLAN, { evidence: firstCase }, compute(2));
    expect(evaluation).toMatchObject({
      programCode: PLAN.code,
      version: PLAN.version,
      fiscalYear: 2025,
      subject: talent,
      eligible: true,
      amountFen: 2_345_678,
      unmet: [],
      amount: { kind: 'installments-of-prior-year', installment: { index: 2, baseFiscalYear: 2024 } },
    });
    const clauses = evaluation.evidence.map((c) => c.clauseId);
    expect(clauses).toEqual([...PLAN.clauses.map((c) => c.id), 'amount']);
    const amount = evaluation.evidence.at(-1)!;
    expect(amount.facts.map((f) => [f.key, f.period, f.value])).toEqual([
      ['personal_tax_contribution_fen', '2024', 2_345_678],
    ]);
  });

  it('refuses an installment that is not due', () => {
    expect(() => installmentEvaluation(PLAN, { evidence: firstCase }, compute(3))).toThrow(/not due/);
  });
});

describe('planStopReason', () => {
  it.each(['declined', 'rejected', 'cancelled', 'clawed_back'])(
    'ends the plan when the first case is %s',
    (s) => {
      expect(planStopReason(s)).toBe(`first case ${s}`);
    },
  );

  it.each(['offered', 'publicity', 'approved', 'paid', 'lapsed'])('keeps it going when it is %s', (s) => {
    expect(planStopReason(s)).toBeNull();
  });
});
