import fc from 'fast-check';

import { compileProgram } from './compile';
import { evaluateProgram } from './evaluate';
import { BUILT_IN_CONDITIONS, type Evaluation } from './evaluation-types';
import { indexFacts } from './fact-index';
import type { FactRecord } from './facts';
import { type ProgramDefinitionInput, parseProgramDefinition } from './program-definition';
import { evaluateWith, fact, personId } from './testing';
import { baseProgram } from './testing/programs';

const compile = (overrides: Partial<ProgramDefinitionInput> = {}) =>
  compileProgram(parseProgramDefinition(baseProgram(overrides)));
const sample = compile();

const eligibleFacts = () => [
  fact('employees', 50, { period: 2025, id: 'emp-2025' }),
  fact('equipment_investment_fen', 1_000_000, { period: 2025, id: 'eq-2025' }),
];

describe('evaluateProgram', () => {
  it('grants when every clause holds, explaining the amount', () => {
    const evaluation = evaluateWith(sample, eligibleFacts(), { form: { projectName: 'Line 3' } });
    expect(evaluation).toMatchObject({
      programCode: 'test-zone.sample-program',
      version: 1,
      fiscalYear: 2025,
      asOf: '2026-03-31',
      subject: null,
      eligible: true,
      provisional: false,
      amountFen: 100_000,
      unmet: [],
      amount: { kind: 'percentage-of-base', capsApplied: [] },
    });
    expect(evaluation.amount.steps.map((s) => s.en)).toEqual([
      'Equipment investment (fiscal year 2025): 10,000.00 yuan',
      'Meets the minimum base of 1,000.00 yuan',
      '10,000.00 yuan × 10% = 1,000.00 yuan (rounded down to the fen)',
    ]);
  });

  it('keeps self-contained evidence of every fact used', () => {
    const facts = eligibleFacts();
    const evaluation = evaluateWith(sample, facts, { form: { projectName: 'Line 3' } });
    expect(evaluation.evidence).toEqual([
      {
        clauseId: 'enough-employees',
        passed: true,
        facts: [
          {
            factId: 'emp-2025',
            key: 'employees',
            subject: null,
            period: '2025',
            value: 50,
            source: 'human_resources',
            receivedAt: '2026-01-15T08:00:00.000Z',
          },
        ],
      },
      {
        clauseId: 'amount',
        passed: true,
        facts: [expect.objectContaining({ factId: 'eq-2025', value: 1_000_000, source: 'tax_bureau' })],
      },
    ]);
    expect(JSON.parse(JSON.stringify(evaluation))).toEqual(evaluation);
  });

  it('is not rewritten by later changes to the fact records', () => {
    const records = [
      fact('high_tech_certificate', { certificateNo: 'GR1', grantedOn: '2025-03-01' }, { id: 'cert' }),
    ] as FactRecord[];
    const program = compile({
      eligibility: [
        {
          id: 'certified',
          rule: {
            date_in_fiscal_year: [{ var: 'facts.high_tech_certificate.latest.grantedOn' }, { var: 'fy' }],
          },
          reason: { zh: '认定', en: 'certified' },
        },
      ],
      amount: { kind: 'fixed', amountFen: 100 },
    });
    const evaluation = evaluateWith(program, records, { form: { projectName: 'x' } });
    (records[0].value as { grantedOn: string }).grantedOn = '2020-01-01';
    expect(evaluation.evidence[0].facts[0].value).toEqual({ certificateNo: 'GR1', grantedOn: '2025-03-01' });
  });

  it('uses the corrected fact when a newer record arrives', () => {
    const facts = [
      ...eligibleFacts(),
      fact('employees', 5, { period: 2025, id: 'emp-fix', receivedAt: '2026-02-01T00:00:00Z' }),
    ];
    const evaluation = evaluateWith(sample, facts, { form: { projectName: 'x' } });
    expect(evaluation.eligible).toBe(false);
    expect(evaluation.evidence[0].facts[0].factId).toBe('emp-fix');
  });

  it('names missing facts in both languages', () => {
    const evaluation = evaluateWith(sample, [], { form: { projectName: 'x' } });
    expect(evaluation.eligible).toBe(false);
    expect(evaluation.amountFen).toBe(0);
    expect(evaluation.unmet).toEqual([
      {
        clauseId: 'enough-employees',
        reason: {
          zh: '2025年度员工须不少于 10 人（缺少数据：从业人数（2025年度））',
          en: 'At least 10 employees in 2025 (missing data: employees (fiscal year 2025))',
        },
        missing: [{ kind: 'fact', key: 'employees', subject: null, period: '2025' }],
      },
      {
        clauseId: BUILT_IN_CONDITIONS.missingValue,
        reason: {
          zh: '缺少数据：设备投资额（2025年度）',
          en: 'missing data: equipment investment (fiscal year 2025)',
        },
        missing: [{ kind: 'fact', key: 'equipment_investment_fen', subject: null, period: '2025' }],
      },
    ]);
    expect(evaluation.evidence[0]).toMatchObject({
      passed: false,
      facts: [],
      missing: [{ key: 'employees' }],
    });
  });

  it('reads a fixed fiscal year of a fact', () => {
    const program = compile({
      eligibility: [
        {
          id: 'grew-since-2023',
          rule: { '>': [{ var: 'facts.employees.fy' }, { var: 'facts.employees.2023' }] },
          reason: { zh: '增长', en: 'grew' },
        },
      ],
    });
    const facts = [...eligibleFacts(), fact('employees', 40, { period: 2023 })];
    expect(evaluateWith(program, facts, { form: { projectName: 'x' } }).eligible).toBe(true);
    const shrunk = [...eligibleFacts(), fact('employees', 60, { period: 2023 })];
    expect(
      evaluateWith(program, shrunk, { form: { projectName: 'x' } }).unmet.map((u) => u.clauseId),
    ).toEqual(['grew-since-2023']);
  });

  it('reads only the form’s own fields', () => {
    const program = compile({
      eligibility: [
        { id: 'named', rule: { '!!': [{ var: 'form.constructor' }] }, reason: { zh: '名称', en: 'named' } },
      ],
      formFields: [
        { name: 'projectName', type: 'string', required: true, label: { zh: '项目', en: 'Project' } },
        { name: 'constructor', type: 'string', required: false, label: { zh: '施工方', en: 'Constructor' } },
      ],
    });
    const without = evaluateWith(program, eligibleFacts(), { form: { projectName: 'x' } });
    expect(without.unmet.map((u) => u.clauseId)).toEqual(['named']);
    expect(without.evidence[0].form).toEqual({ constructor: null });
    const withIt = evaluateWith(program, eligibleFacts(), {
      form: { projectName: 'x', constructor: 'CSCEC' },
    });
    expect(withIt.eligible).toBe(true);
  });

  it('runs the rule on null when the clause says so', () => {
    const program = compile({
      eligibility: [
        {
          id: 'not-listed',
          whenMissing: 'evaluate',
          rule: { '!': [{ var: 'facts.listing.latest.listedOn' }] },
          reason: { zh: '未上市', en: 'not listed' },
        },
      ],
    });
    expect(evaluateWith(program, eligibleFacts(), { form: { projectName: 'x' } }).eligible).toBe(true);
    const listed = [
      ...eligibleFacts(),
      fact('listing', { exchange: 'SSE', ticker: '688001', listedOn: '2024-01-01' }),
    ];
    expect(
      evaluateWith(program, listed, { form: { projectName: 'x' } }).unmet.map((u) => u.clauseId),
    ).toEqual(['not-listed']);
  });

  describe('as a calculator (no form)', () => {
    const formProgram = compile({
      eligibility: [
        {
          id: 'new-project',
          rule: { '==': [{ var: 'form.kind' }, 'new'] },
          reason: { zh: '新项目', en: 'a new project' },
        },
      ],
      amount: {
        kind: 'percentage-of-base',
        baseFrom: { form: 'investmentFen' },
        rateBasisPoints: 1_000,
        capFen: 5_000_000,
      },
      formFields: [
        {
          name: 'kind',
          type: 'enum',
          required: false,
          label: { zh: '类型', en: 'Kind' },
          options: ['new', 'upgrade'],
        },
        {
          name: 'investmentFen',
          type: 'money_fen',
          required: true,
          label: { zh: '投资额', en: 'Investment' },
        },
      ],
    });

    it('leaves form clauses pending and shows the most it can be', () => {
      const evaluation = evaluateWith(formProgram, []);
      expect(evaluation).toMatchObject({
        eligible: true,
        provisional: true,
        amountFen: null,
        maxAmountFen: 5_000_000,
        unmet: [],
      });
      expect(evaluation.evidence).toEqual([{ clauseId: 'new-project', passed: null, facts: [] }]);
    });

    it('computes exactly once the form is given', () => {
      const evaluation = evaluateWith(formProgram, [], { form: { kind: 'new', investmentFen: 3_000_000 } });
      expect(evaluation).toMatchObject({ eligible: true, provisional: false, amountFen: 300_000 });
      expect(evaluation.evidence).toEqual([
        { clauseId: 'new-project', passed: true, facts: [], form: { kind: 'new' } },
        { clauseId: 'amount', passed: true, facts: [], form: { investmentFen: 3_000_000 } },
      ]);
      expect(evaluation.maxAmountFen).toBeUndefined();
    });

    it('names a missing optional form field', () => {
      const evaluation = evaluateWith(formProgram, [], { form: { investmentFen: 3_000_000 } });
      expect(evaluation.unmet).toEqual([
        {
          clauseId: 'new-project',
          reason: { zh: '新项目（缺少表单字段：类型）', en: 'a new project (missing form field: Kind)' },
          missing: [{ kind: 'form', field: 'kind' }],
        },
      ]);
    });

    it('fails a clause that also needs a missing fact, even without a form', () => {
      const program = compile({
        eligibility: [
          {
            id: 'mixed',
            rule: { and: [{ '>': [{ var: 'facts.employees.fy' }, 0] }, { var: 'form.projectName' }] },
            reason: { zh: '混合', en: 'mixed' },
          },
        ],
      });
      const evaluation = evaluateWith(program, [
        fact('equipment_investment_fen', 1_000_000, { period: 2025 }),
      ]);
      expect(evaluation.eligible).toBe(false);
      expect(evaluation.evidence[0].passed).toBe(false);
    });
  });

  it('only trusts authoritative facts in auto programs', () => {
    const auto = compile({ mode: 'auto', formFields: [], sla: { ...baseProgram().sla, confirmation: 10 } });
    const declared = [
      fact('employees', 50, { period: 2025, source: 'self_declared' }),
      fact('equipment_investment_fen', 1_000_000, { period: 2025, source: 'self_declared' }),
    ];
    const evaluation = evaluateWith(auto, declared);
    expect(evaluation.eligible).toBe(false);
    expect(evaluation.unmet.map((u) => u.clauseId)).toEqual([
      'enough-employees',
      BUILT_IN_CONDITIONS.missingValue,
    ]);
    expect(evaluateWith(sample, declared, { form: { projectName: 'x' } }).eligible).toBe(true);
  });

  it.each([
    [2023, false],
    [2024, true],
    [2030, true],
  ])('checks the effective period for fiscal year %d', (fiscalYear, inEffect) => {
    const program = compile({ effectiveFrom: '2024-07-01', effectiveTo: '2030-06-30' });
    const facts = [
      fact('employees', 50, { period: fiscalYear }),
      fact('equipment_investment_fen', 1_000_000, { period: fiscalYear }),
    ];
    const evaluation = evaluateWith(program, facts, { fiscalYear, form: { projectName: 'x' } });
    expect(evaluation.unmet.some((u) => u.clauseId === BUILT_IN_CONDITIONS.effectivePeriod)).toBe(!inEffect);
  });

  it('reports the fiscal year after the effective period', () => {
    const program = compile({ effectiveFrom: '2024-07-01', effectiveTo: '2030-06-30' });
    const evaluation = evaluateWith(program, [], { fiscalYear: 2031, form: { projectName: 'x' } });
    expect(evaluation.unmet[0]).toEqual({
      clauseId: BUILT_IN_CONDITIONS.effectivePeriod,
      reason: {
        zh: '2031年度不在本项目有效期（2024-07-01 至 2030-06-30）内',
        en: "fiscal year 2031 is outside the program's effective period (from 2024-07-01 to 2030-06-30)",
      },
    });
  });

  it('applies caps with what was already granted', () => {
    const program = compile({ caps: { perEnterprisePerFiscalYearFen: 150_000 } });
    const evaluation = evaluateWith(program, eligibleFacts(), {
      form: { projectName: 'x' },
      history: { enterpriseGrantedThisFiscalYearFen: 100_000 },
    });
    expect(evaluation.amountFen).toBe(50_000);
    expect(evaluation.amount.capsApplied).toEqual(['caps.perEnterprisePerFiscalYearFen']);
  });

  it('refuses a zero amount', () => {
    const program = compile({
      amount: {
        kind: 'rate-per-unit',
        rateFen: 5_000,
        quantityFrom: { fact: 'upper_floor_workshop_area_m2' },
      },
    });
    const evaluation = evaluateWith(
      program,
      [fact('employees', 50, { period: 2025 }), fact('upper_floor_workshop_area_m2', 0)],
      {
        form: { projectName: 'x' },
      },
    );
    expect(evaluation.eligible).toBe(false);
    expect(evaluation.unmet.map((u) => u.clauseId)).toEqual([BUILT_IN_CONDITIONS.zero]);
  });

  it('reads per-person facts for the subject evaluated', () => {
    const program = compile({
      beneficiary: 'person',
      eligibility: [
        {
          id: 'pays-tax',
          rule: { '>': [{ var: 'facts.personal_tax_contribution_fen.prev' }, 0] },
          reason: { zh: '{prev}年度有个人贡献', en: 'a contribution in {prev}' },
        },
      ],
      formFields: [
        { name: 'idNumber', type: 'id_number', required: true, label: { zh: '身份证', en: 'ID' } },
      ],
      amount: { kind: 'fixed', amountFen: 100 },
    });
    const facts = [fact('personal_tax_contribution_fen', 1, { period: 2024, subject: personId(1) })];
    const form = { idNumber: '11010519491231002X' };
    expect(evaluateWith(program, facts, { subject: personId(1), form }).eligible).toBe(true);
    const other = evaluateWith(program, facts, { subject: personId(2), form });
    expect(other.unmet[0].reason.en).toBe(
      'a contribution in 2024 (missing data: personal local fiscal contribution (fiscal year 2024))',
    );
    expect(evaluateWith(program, facts, { form }).eligible).toBe(false);
  });

  it('reports a rule that fails at run time as unmet, without aborting the evaluation', () => {
    class Hostile {
      toString(): string {
        throw new Error('boom');
      }
    }
    const program = compile({
      eligibility: [
        {
          id: 'odd',
          rule: { cat: [{ var: 'facts.established_on.latest' }] },
          reason: { zh: '异常', en: 'odd' },
        },
      ],
    });
    const facts = [
      ...eligibleFacts(),
      { ...fact('established_on', '2020-01-01'), value: new Hostile() as unknown as string },
    ];
    const evaluation = evaluateWith(program, facts, { form: { projectName: 'x' } });
    expect(evaluation.unmet).toEqual([{ clauseId: 'odd', reason: { zh: '异常', en: 'odd' }, error: 'boom' }]);
  });

  it.each([
    [{ fiscalYear: 2025.5 }, /fiscalYear/],
    [{ asOf: '2026-02-30' }, /asOf/],
    [{ subject: '' }, /subject/],
    [{ history: { enterpriseGrantedThisFiscalYearFen: -1 } }, /history/],
  ])('refuses a malformed input %j', (override, message) => {
    expect(() =>
      evaluateProgram(sample, {
        facts: indexFacts(eligibleFacts()),
        fiscalYear: 2025,
        asOf: '2026-03-31',
        form: { projectName: 'x' },
        ...override,
      }),
    ).toThrow(message);
  });
});

describe('compileProgram', () => {
  it('works out which facts and form fields each clause reads', () => {
    expect(sample.clauses[0].factReads).toEqual([{ key: 'employees', selector: 'fy' }]);
    expect(sample.factReads).toEqual([
      { key: 'employees', selector: 'fy' },
      { key: 'equipment_investment_fen', selector: 'fy' },
    ]);
    expect(sample.settings).toMatchObject({
      publicityWorkingDays: 5,
      blacklistYears: 3,
      caps: { perApplicationFen: 5_000_000 },
    });
  });

  it('freezes its result without freezing the caller’s definition', () => {
    const definition = parseProgramDefinition(baseProgram());
    const compiled = compileProgram(definition);
    expect(Object.isFrozen(compiled)).toBe(true);
    expect(Object.isFrozen(compiled.clauses[0].rule)).toBe(true);
    expect(Object.isFrozen(definition)).toBe(false);
    expect(Object.isFrozen(definition.eligibility[0].rule)).toBe(false);
  });

  it('refuses an invalid definition', () => {
    expect(() => compileProgram({ ...parseProgramDefinition(baseProgram()), version: 0 })).toThrow(/version/);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over generated programs and facts.

const money = fc.integer({ min: 0, max: 10 ** 13 });
const optionalMoney = fc.option(money, { nil: undefined });

const amountRule = fc.oneof(
  fc.record({ kind: fc.constant('fixed' as const), amountFen: money }),
  fc.record({ kind: fc.constant('set-by-review' as const), maxFen: money }),
  fc.record({
    kind: fc.constant('rate-per-unit' as const),
    rateFen: fc.integer({ min: 0, max: 1_000_000 }),
    quantityFrom: fc.constant({ fact: 'upper_floor_workshop_area_m2' }),
    multiplierFrom: fc.constant({ fact: 'lease_months', period: 'fy' as const }),
  }),
  fc.record(
    {
      kind: fc.constant('percentage-of-base' as const),
      baseFrom: fc.constant({ fact: 'equipment_investment_fen', period: 'fy' as const }),
      rateBasisPoints: fc.integer({ min: 0, max: 10_000 }),
      minBaseFen: money,
      capFen: money,
    },
    { requiredKeys: ['kind', 'baseFrom', 'rateBasisPoints'] },
  ),
  fc.record(
    {
      kind: fc.constant('percentage-of-increase' as const),
      currentFrom: fc.constant({ fact: 'sales_revenue_fen', period: 'fy' as const }),
      previousFrom: fc.constant({ fact: 'sales_revenue_fen', period: 'prev' as const }),
      rateBasisPoints: fc.integer({ min: 0, max: 10_000 }),
      capFen: money,
    },
    { requiredKeys: ['kind', 'currentFrom', 'previousFrom', 'rateBasisPoints'] },
  ),
);

const scenario = fc.record({
  amount: amountRule,
  perApplicationFen: optionalMoney,
  perEnterprisePerFiscalYearFen: optionalMoney,
  granted: money,
  equipment: money,
  salesNow: money,
  salesBefore: money,
  area: fc.integer({ min: 0, max: 100_000_000 }),
  months: fc.integer({ min: 0, max: 12 }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function run(s: Scenario): { evaluation: Evaluation; capFen?: number } {
  const caps = {
    ...(s.perApplicationFen !== undefined ? { perApplicationFen: s.perApplicationFen } : {}),
    ...(s.perEnterprisePerFiscalYearFen !== undefined
      ? { perEnterprisePerFiscalYearFen: s.perEnterprisePerFiscalYearFen }
      : {}),
  };
  const program = compileProgram(
    parseProgramDefinition(baseProgram({ amount: s.amount, caps, eligibility: [] })),
  );
  const facts = [
    fact('equipment_investment_fen', s.equipment, { period: 2025 }),
    fact('sales_revenue_fen', s.salesNow, { period: 2025 }),
    fact('sales_revenue_fen', s.salesBefore, { period: 2024 }),
    fact('upper_floor_workshop_area_m2', s.area),
    fact('lease_months', s.months, { period: 2025 }),
  ];
  const evaluation = evaluateWith(program, facts, {
    form: { projectName: 'x' },
    history: { enterpriseGrantedThisFiscalYearFen: s.granted },
  });
  return {
    evaluation,
    ...('capFen' in s.amount && s.amount.capFen !== undefined ? { capFen: s.amount.capFen } : {}),
  };
}

const paid = (e: Evaluation) => (e.eligible ? (e.amountFen ?? 0) : 0);

describe('amount properties', () => {
  it('never exceeds a cap, never goes negative, is always a safe integer', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { evaluation, capFen } = run(s);
        for (const value of [evaluation.amountFen, evaluation.maxAmountFen]) {
          if (value === null || value === undefined) continue;
          expect(Number.isSafeInteger(value)).toBe(true);
          expect(value).toBeGreaterThanOrEqual(0);
          if (capFen !== undefined) expect(value).toBeLessThanOrEqual(capFen);
          if (s.perApplicationFen !== undefined) expect(value).toBeLessThanOrEqual(s.perApplicationFen);
          if (s.perEnterprisePerFiscalYearFen !== undefined) {
            expect(value).toBeLessThanOrEqual(Math.max(0, s.perEnterprisePerFiscalYearFen - s.granted));
          }
        }
        if (!evaluation.eligible) expect(evaluation.amountFen).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  it('never decreases when its base grows', () => {
    fc.assert(
      fc.property(scenario, money, fc.integer({ min: 0, max: 1_000_000 }), (s, moreMoney, moreArea) => {
        const before = paid(run(s).evaluation);
        const after = paid(
          run({
            ...s,
            equipment: s.equipment + moreMoney,
            salesNow: s.salesNow + moreMoney,
            area: Math.min(100_000_000, s.area + moreArea),
          }).evaluation,
        );
        expect(after).toBeGreaterThanOrEqual(before);
      }),
      { numRuns: 500 },
    );
  });

  it('never pays more than the exact percentage of the base', () => {
    fc.assert(
      fc.property(money, fc.integer({ min: 0, max: 10_000 }), (base, rate) => {
        const { evaluation } = run({
          amount: {
            kind: 'percentage-of-base',
            baseFrom: { fact: 'equipment_investment_fen', period: 'fy' },
            rateBasisPoints: rate,
          },
          perApplicationFen: undefined,
          perEnterprisePerFiscalYearFen: undefined,
          granted: 0,
          equipment: base,
          salesNow: 0,
          salesBefore: 0,
          area: 0,
          months: 0,
        });
        const exact = (BigInt(base) * BigInt(rate)) / 10_000n;
        expect(BigInt(paid(evaluation))).toBe(exact);
      }),
    );
  });
});
