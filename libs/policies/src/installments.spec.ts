import { indexFacts } from './fact-index';
import { computeInstallment } from './installments';
import { compiledSeed, evaluateWith, fact, personId } from './testing';

const PLAN = 'xixian-new-area.innovative-talents-plan';
const talent = personId(7);

/** Recognised in 2024; contributions: 2024 → 80,000.00, 2025 → 95,000.50, 2026 → 0. */
const facts = [
  fact(
    'talent_recognition',
    { tier: 'a', programme: 'qinchuangyuan-innovative-talents', recognisedOn: '2024-05-10' },
    { subject: talent },
  ),
  fact('personal_tax_contribution_fen', 8_000_000, { period: 2024, subject: talent, id: 'tax-2024' }),
  fact('personal_tax_contribution_fen', 9_500_050, { period: 2025, subject: talent, id: 'tax-2025' }),
  fact('personal_tax_contribution_fen', 0, { period: 2026, subject: talent, id: 'tax-2026' }),
];

describe('installment plans', () => {
  const program = compiledSeed(PLAN);

  it('grants installment 1 from the year before the first installment year', () => {
    const evaluation = evaluateWith(program, facts, {
      fiscalYear: 2025,
      asOf: '2025-06-30',
      subject: talent,
    });
    expect(evaluation).toMatchObject({ eligible: true, amountFen: 8_000_000, subject: talent });
    expect(evaluation.amount.installment).toEqual({
      index: 1,
      years: 3,
      fiscalYear: 2025,
      baseFiscalYear: 2024,
    });
  });

  it.each([
    [1, 2025, 2024, 8_000_000, 'tax-2024'],
    [2, 2026, 2025, 9_500_050, 'tax-2025'],
    [3, 2027, 2026, 0, 'tax-2026'],
  ])(
    'computes installment %d (fiscal year %d) from %d',
    (index, fiscalYear, baseFiscalYear, amountFen, factId) => {
      const result = computeInstallment(program, index, {
        facts: indexFacts(facts),
        startFiscalYear: 2025,
        asOf: `${fiscalYear}-06-30`,
        subject: talent,
      });
      expect(result).toMatchObject({
        programCode: PLAN,
        status: 'due',
        amountFen,
        installment: { index, years: 3, fiscalYear, baseFiscalYear },
      });
      expect(result.evidence.facts.map((f) => f.factId)).toEqual([factId]);
      expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    },
  );

  it('waits for the base year’s data to arrive', () => {
    const early = computeInstallment(program, 2, {
      facts: indexFacts(facts.slice(0, 2)),
      startFiscalYear: 2025,
      asOf: '2026-01-10',
      subject: talent,
    });
    expect(early).toMatchObject({ status: 'awaiting-data', amountFen: null });
    expect(early.unmet[0].reason.en).toBe(
      'missing data: personal local fiscal contribution (fiscal year 2025)',
    );
  });

  it('uses the latest correction of a year’s contribution', () => {
    const corrected = [
      ...facts,
      fact('personal_tax_contribution_fen', 9_000_000, {
        period: 2025,
        subject: talent,
        receivedAt: '2026-05-01T00:00:00Z',
      }),
    ];
    const result = computeInstallment(program, 2, {
      facts: indexFacts(corrected),
      startFiscalYear: 2025,
      asOf: '2026-06-30',
      subject: talent,
    });
    expect(result.amountFen).toBe(9_000_000);
  });

  it('never reads another person’s contribution', () => {
    const result = computeInstallment(program, 1, {
      facts: indexFacts(facts),
      startFiscalYear: 2025,
      asOf: '2025-06-30',
      subject: personId(8),
    });
    expect(result.status).toBe('awaiting-data');
  });

  it('refuses an index outside the plan and a program that is not a plan', () => {
    const input = { facts: indexFacts(facts), startFiscalYear: 2025, asOf: '2025-06-30', subject: talent };
    expect(() => computeInstallment(program, 0, input)).toThrow(RangeError);
    expect(() => computeInstallment(program, 4, input)).toThrow(RangeError);
    expect(() => computeInstallment(program, 1.5, input)).toThrow(RangeError);
    expect(() => computeInstallment(compiledSeed('ningxiang-htz.listing'), 1, input)).toThrow(TypeError);
  });
});
