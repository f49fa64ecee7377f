import fc from 'fast-check';

import { SEED_CATALOG, seedProgram } from './catalog';
import {
  type ProgramDefinition,
  type ProgramDefinitionInput,
  ProgramDefinitionError,
  parseProgramDefinition,
  unlabelledOptions,
} from './program-definition';
import { baseProgram } from './testing/programs';

function issuesOf(raw: unknown): { path: string; message: string }[] {
  try {
    parseProgramDefinition(raw);
  } catch (error) {
    if (error instanceof ProgramDefinitionError) return error.issues;
    throw error;
  }
  return [];
}

function mutate(change: (def: Record<string, unknown>) => void): unknown {
  const def = JSON.parse(JSON.stringify(baseProgram())) as Record<string, unknown>;
  change(def);
  return def;
}

const person = (def: Record<string, unknown>) => {
  def.beneficiary = 'person';
};

describe('parseProgramDefinition', () => {
  it('accepts the base program and applies defaults', () => {
    const parsed = parseProgramDefinition(baseProgram());
    expect(parsed.blacklistYears).toBe(3);
    expect(parsed.eligibility[0].whenMissing).toBe('fail');
    expect(parsed.exclusivityGroup).toBeUndefined();
  });

  it('fills defaults for omitted collections', () => {
    const raw = mutate((d) => {
      delete d.caps;
      delete d.documents;
      delete d.blacklistYears;
      delete d.effectiveTo;
    });
    const parsed = parseProgramDefinition(raw);
    expect(parsed.caps).toEqual({});
    expect(parsed.documents).toEqual([]);
    expect(parsed.effectiveTo).toBeNull();
  });

  // Each malformation must be reported at the named path (and the definition rejected).
  const cases: [string, (d: Record<string, unknown>) => void, string][] = [
    ['not an object', () => undefined, '(root)'],
    ['bad code', (d) => (d.code = 'Test Zone/Program'), 'code'],
    ['code without the zone prefix', (d) => (d.code = 'other-zone.sample'), 'code'],
    ['bad zone', (d) => (d.zone = 'Test_Zone'), 'zone'],
    ['version 0', (d) => (d.version = 0), 'version'],
    ['fractional version', (d) => (d.version = 1.5), 'version'],
    ['impossible date', (d) => (d.effectiveFrom = '2025-02-30'), 'effectiveFrom'],
    ['effectiveTo before effectiveFrom', (d) => (d.effectiveTo = '2023-12-31'), 'effectiveTo'],
    ['effectiveTo equal to effectiveFrom', (d) => (d.effectiveTo = '2024-01-01'), 'effectiveTo'],
    [
      'bad policy document role',
      (d) => ((d.policyDocument as Record<string, unknown>).role = 'primary'),
      'policyDocument.role',
    ],
    [
      'policy document of another zone',
      (d) => ((d.policyDocument as Record<string, unknown>).code = 'x.main'),
      'policyDocument.code',
    ],
    ['blank English title', (d) => ((d.title as Record<string, unknown>).en = '  '), 'title.en'],
    ['missing Chinese summary', (d) => delete (d.summary as Record<string, unknown>).zh, 'summary.zh'],
    ['unknown category', (d) => (d.category = 'misc'), 'category'],
    ['unknown mode', (d) => (d.mode = 'manual'), 'mode'],
    ['unknown beneficiary', (d) => (d.beneficiary = 'family'), 'beneficiary'],
    ['unknown period', (d) => (d.period = 'monthly'), 'period'],
    ['unknown top-level field', (d) => (d.colour = 'red'), 'colour'],
    ['missing amount', (d) => delete d.amount, 'amount'],
    ['assumption without a note', (d) => delete params(d).minEmployees.note, 'parameters.minEmployees.note'],
    ['fractional parameter', (d) => (params(d).minEmployees.value = 0.5), 'parameters.minEmployees.value'],
    ['bad parameter name', (d) => (params(d)['Bad-Name'] = params(d).rate), 'parameters.Bad-Name'],
    [
      'money parameter below zero',
      (d) => (params(d).rate = { ...params(d).rate, unit: 'fen', value: -1 }),
      'parameters.rate.value',
    ],
    [
      'date parameter not a date',
      (d) => (params(d).start = { ...params(d).rate, unit: 'date', value: '2025-13-01' }),
      'parameters.start.value',
    ],
    ['bad clause id', (d) => (clause(d).id = 'Enough Employees'), 'eligibility.0.id'],
    ['duplicate clause id', (d) => (d.eligibility = [clause(d), clause(d)]), 'eligibility.1.id'],
    [
      'rule reading an unknown fact',
      (d) => (clause(d).rule = { '>': [{ var: 'facts.profit_fen.fy' }, 0] }),
      'eligibility.0.rule.>.0.var',
    ],
    [
      'rule reading an unknown parameter',
      (d) => (clause(d).rule = { '>': [{ var: 'params.nope' }, 0] }),
      'eligibility.0.rule.>.0.var',
    ],
    [
      'rule reading an undeclared form field',
      (d) => (clause(d).rule = { '==': [{ var: 'form.area' }, 1] }),
      'eligibility.0.rule.==.0.var',
    ],
    [
      'rule reading an unknown root',
      (d) => (clause(d).rule = { var: 'enterprise.name' }),
      'eligibility.0.rule.var',
    ],
    [
      'rule reading a period-less fact by year',
      (d) => (clause(d).rule = { var: 'facts.established_on.fy' }),
      'eligibility.0.rule.var',
    ],
    [
      'rule reading an object fact without a field',
      (d) => (clause(d).rule = { var: 'facts.listing.latest' }),
      'eligibility.0.rule.var',
    ],
    [
      'rule reading a missing field',
      (d) => (clause(d).rule = { var: 'facts.listing.latest.price' }),
      'eligibility.0.rule.var',
    ],
    [
      'rule with a bad period',
      (d) => (clause(d).rule = { var: 'facts.employees.last' }),
      'eligibility.0.rule.var',
    ],
    [
      'rule with an unknown operation',
      (d) => (clause(d).rule = { frobnicate: [1] }),
      'eligibility.0.rule.frobnicate',
    ],
    ['rule using log', (d) => (clause(d).rule = { log: 'x' }), 'eligibility.0.rule.log'],
    [
      'rule with a computed var',
      (d) => (clause(d).rule = { var: { cat: ['fy'] } }),
      'eligibility.0.rule.var',
    ],
    [
      'rule node with two operators',
      (d) => (clause(d).rule = { '==': [1, 1], '!=': [1, 2] }),
      'eligibility.0.rule',
    ],
    [
      'reason with an unknown placeholder',
      (d) => ((clause(d).reason as Record<string, string>).en = 'In {year}'),
      'eligibility.0.reason.en',
    ],
    [
      'reason with an unknown parameter',
      (d) => ((clause(d).reason as Record<string, string>).zh = '{params.nope}'),
      'eligibility.0.reason.zh',
    ],
    [
      'per-person fact in an enterprise program',
      (d) => (clause(d).rule = { var: 'facts.personal_tax_contribution_fen.fy' }),
      'eligibility.0.rule.var',
    ],
    ['unknown amount kind', (d) => (amount(d).kind = 'lottery'), 'amount.kind'],
    ['rate above 100%', (d) => (amount(d).rateBasisPoints = 10_001), 'amount.rateBasisPoints'],
    ['negative rate', (d) => (amount(d).rateBasisPoints = -1), 'amount.rateBasisPoints'],
    ['fractional rate', (d) => (amount(d).rateBasisPoints = 12.5), 'amount.rateBasisPoints'],
    [
      'rate from an unknown parameter',
      (d) => (amount(d).rateBasisPoints = { param: 'nope' }),
      'amount.rateBasisPoints.param',
    ],
    [
      'rate parameter without unit bp',
      (d) => (amount(d).rateBasisPoints = { param: 'minEmployees' }),
      'amount.rateBasisPoints.param',
    ],
    ['rate parameter above 100%', (d) => (params(d).rate.value = 20_000), 'amount.rateBasisPoints.param'],
    [
      'malformed param reference',
      (d) => (amount(d).rateBasisPoints = { param: 3 }),
      'amount.rateBasisPoints.param',
    ],
    ['negative cap', (d) => (amount(d).capFen = -1), 'amount.capFen'],
    ['unsafe cap', (d) => (amount(d).capFen = 2 ** 53), 'amount.capFen'],
    ['fractional minimum base', (d) => (amount(d).minBaseFen = 0.5), 'amount.minBaseFen'],
    [
      'negative annual cap',
      (d) => (d.caps = { perEnterprisePerFiscalYearFen: -1 }),
      'caps.perEnterprisePerFiscalYearFen',
    ],
    ['per-person cap for an enterprise', (d) => (d.caps = { perPersonFen: 100 }), 'caps.perPersonFen'],
    ['unknown cap', (d) => (d.caps = { perDayFen: 100 }), 'caps.perDayFen'],
    ['base from an unknown fact', (d) => (amount(d).baseFrom = { fact: 'profit_fen' }), 'amount.baseFrom'],
    [
      'base from a non-money fact',
      (d) => (amount(d).baseFrom = { fact: 'employees', period: 'fy' }),
      'amount.baseFrom',
    ],
    [
      'base with a bad period',
      (d) => (amount(d).baseFrom = { fact: 'rnd_expense_fen', period: 'yesterday' }),
      'amount.baseFrom.period',
    ],
    [
      'base mixing fact and form',
      (d) => (amount(d).baseFrom = { fact: 'rnd_expense_fen', form: 'x' }),
      'amount.baseFrom',
    ],
    [
      'base from an undeclared form field',
      (d) => (amount(d).baseFrom = { form: 'investmentFen' }),
      'amount.baseFrom',
    ],
    ['base from a text form field', (d) => (amount(d).baseFrom = { form: 'projectName' }), 'amount.baseFrom'],
    [
      'field on a scalar fact',
      (d) => (amount(d).baseFrom = { fact: 'rnd_expense_fen', field: 'x' }),
      'amount.baseFrom',
    ],
    [
      'tier missing for an option',
      (d) => (d.amount = { kind: 'fixed-by-tier', tierFrom: { form: 'kind' }, tiers: { new: 100 } }),
      'amount.tiers',
    ],
    [
      'tier that is not an option',
      (d) =>
        (d.amount = {
          kind: 'fixed-by-tier',
          tierFrom: { form: 'kind' },
          tiers: { new: 1, upgrade: 2, other: 3 },
        }),
      'amount.tiers.other',
    ],
    [
      'no tiers',
      (d) =>
        (d.amount = {
          kind: 'fixed-by-tier',
          tierFrom: { fact: 'talent_recognition', field: 'tier' },
          tiers: {},
        }),
      'amount.tiers',
    ],
    [
      'tier from a number',
      (d) => (d.amount = { kind: 'fixed-by-tier', tierFrom: { fact: 'employees' }, tiers: { a: 1 } }),
      'amount.tierFrom',
    ],
    [
      'quantity from money',
      (d) => (d.amount = { kind: 'rate-per-unit', rateFen: 100, quantityFrom: { fact: 'rnd_expense_fen' } }),
      'amount.quantityFrom',
    ],
    ['installment plan without installments', (d) => (d.amount = plan()), 'installments'],
    ['installments for another kind', (d) => (d.installments = { years: 3 }), 'installments'],
    [
      'installment years disagree',
      (d) => Object.assign(d, { amount: plan(), installments: { years: 2 }, beneficiary: 'person' }),
      'installments.years',
    ],
    [
      'installment years zero',
      (d) => Object.assign(d, { amount: { ...plan(), years: 0 }, installments: { years: 3 } }),
      'amount.years',
    ],
    [
      'installment base not per year',
      (d) =>
        Object.assign(d, {
          amount: { ...plan(), baseFrom: { fact: 'actual_investment_fen' } },
          installments: { years: 3 },
        }),
      'amount.baseFrom.fact',
    ],
    [
      'installment base for the current year',
      (d) =>
        Object.assign(d, {
          amount: { ...plan(), baseFrom: { fact: 'rnd_expense_fen', period: 'fy' } },
          installments: { years: 3 },
        }),
      'amount.baseFrom.period',
    ],
    [
      'expert review above without threshold',
      (d) => (d.route = { directorApprovalAboveFen: 1, expertReview: 'above' }),
      'route.expertReviewAboveFen',
    ],
    [
      'expert threshold without "above"',
      (d) => (d.route = { directorApprovalAboveFen: 1, expertReview: 'never', expertReviewAboveFen: 5 }),
      'route.expertReviewAboveFen',
    ],
    ['zero-day deadline', (d) => ((d.sla as Record<string, unknown>).firstReview = 0), 'sla.firstReview'],
    ['too long publicity', (d) => (d.publicityWorkingDays = 61), 'publicityWorkingDays'],
    ['negative blacklist', (d) => (d.blacklistYears = -1), 'blacklistYears'],
    ['auto program with a form', (d) => (d.mode = 'auto'), 'formFields'],
    [
      'auto program reading the form',
      (d) =>
        Object.assign(d, {
          mode: 'auto',
          formFields: [],
          eligibility: [{ ...clause(d), rule: { var: 'form.projectName' } }],
        }),
      'eligibility.0.rule.var',
    ],
    [
      'auto program without a confirmation deadline',
      (d) => Object.assign(d, { mode: 'auto', formFields: [] }),
      'sla.confirmation',
    ],
    ['commitment without post-verification', (d) => (d.mode = 'commitment'), 'sla.postVerification'],
    ['person program without an ID number field', person, 'formFields'],
    ['duplicate form field', (d) => (d.formFields = [form(d, 0), form(d, 0)]), 'formFields.1.name'],
    [
      'enum without options',
      (d) => (d.formFields = [{ ...form(d, 1), options: [] }]),
      'formFields.0.options',
    ],
    [
      'duplicate options',
      (d) => (d.formFields = [{ ...form(d, 1), options: ['a', 'a'] }]),
      'formFields.0.options',
    ],
    [
      'options on a string',
      (d) => (d.formFields = [{ ...form(d, 0), options: ['a'] }]),
      'formFields.0.options',
    ],
    ['min on a string', (d) => (d.formFields = [{ ...form(d, 0), min: 1 }]), 'formFields.0.min'],
    [
      'min above max',
      (d) => (d.formFields = [{ ...form(d, 0), type: 'integer', min: 5, max: 4 }]),
      'formFields.0.max',
    ],
    [
      'negative minimum money',
      (d) => (d.formFields = [{ ...form(d, 0), type: 'money_fen', min: -1 }]),
      'formFields.0.min',
    ],
    [
      'maxLength on an integer',
      (d) => (d.formFields = [{ ...form(d, 0), type: 'integer', maxLength: 5 }]),
      'formFields.0.maxLength',
    ],
    [
      'unknown form field type',
      (d) => (d.formFields = [{ ...form(d, 0), type: 'colour' }]),
      'formFields.0.type',
    ],
    [
      'bad form field name',
      (d) => (d.formFields = [{ ...form(d, 0), name: 'project-name' }]),
      'formFields.0.name',
    ],
    ['duplicate document type', (d) => (d.documents = [doc(d), doc(d)]), 'documents.1.type'],
    [
      'bad content type',
      (d) => (d.documents = [{ ...doc(d), contentTypes: ['pdf'] }]),
      'documents.0.contentTypes.0',
    ],
    [
      'zero document size',
      (d) => (d.documents = [{ ...doc(d), maxSizeBytes: 0 }]),
      'documents.0.maxSizeBytes',
    ],
    ['exclusivity group of another zone', (d) => (d.exclusivityGroup = 'other.group'), 'exclusivityGroup'],
  ];

  it.each(cases)('reports %s at %s', (_name, change, path) => {
    const raw = _name === 'not an object' ? 'a string' : mutate(change);
    const issues = issuesOf(raw);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.map((i) => i.path)).toContain(path);
    for (const issue of issues) expect(issue.message.length).toBeGreaterThan(0);
  });

  it('reports every issue at once, in the error message too', () => {
    const raw = mutate((d) => {
      d.version = 0;
      amount(d).rateBasisPoints = 10_001;
      d.zone = 'BAD';
    });
    try {
      parseProgramDefinition(raw);
      throw new Error('expected a ProgramDefinitionError');
    } catch (error) {
      expect(error).toBeInstanceOf(ProgramDefinitionError);
      const e = error as ProgramDefinitionError;
      expect(e.issues.map((i) => i.path).sort()).toEqual(['amount.rateBasisPoints', 'version', 'zone']);
      expect(e.message).toContain('- amount.rateBasisPoints:');
      expect(e.message).toContain('- version:');
      expect(e.name).toBe('ProgramDefinitionError');
    }
  });

  it('allows variables relative to the element inside array operations', () => {
    const raw = mutate((d) => {
      clause(d).rule = {
        some: [[1, 2, 3], { '>': [{ var: '' }, { var: 'params.minEmployees' }] }],
      };
    });
    expect(issuesOf(raw)).toEqual([]);
  });

  it('accepts a whenMissing override', () => {
    const raw = mutate((d) => (clause(d).whenMissing = 'evaluate'));
    expect(parseProgramDefinition(raw).eligibility[0].whenMissing).toBe('evaluate');
  });

  it('accepts a person program with an ID number field', () => {
    const raw = mutate((d) => {
      person(d);
      d.formFields = [
        ...(d.formFields as unknown[]),
        { name: 'idNumber', type: 'id_number', required: true, label: { zh: '身份证', en: 'ID' } },
      ];
      d.caps = { perPersonFen: 100 };
    });
    expect(issuesOf(raw)).toEqual([]);
  });
});

describe('serialisation', () => {
  it('round-trips every seed program through JSON', () => {
    for (const def of SEED_CATALOG) {
      expect(parseProgramDefinition(JSON.parse(JSON.stringify(def)))).toEqual(def);
    }
  });

  it('round-trips arbitrary valid definitions', () => {
    fc.assert(
      fc.property(validDefinition, (raw) => {
        const parsed = parseProgramDefinition(raw);
        const again = parseProgramDefinition(JSON.parse(JSON.stringify(parsed)));
        expect(again).toEqual(parsed);
      }),
      { numRuns: 200 },
    );
  });
});

const fen = fc.integer({ min: 0, max: 10 ** 12 });
const bp = fc.integer({ min: 0, max: 10_000 });
const text = fc.record({
  zh: fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''),
  en: fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''),
});

const amountArb = fc.oneof(
  fc.record({
    kind: fc.constant('fixed' as const),
    amountFen: fc.oneof(fen, fc.constant({ param: 'money' })),
  }),
  fc.record({
    kind: fc.constant('fixed-by-tier' as const),
    tierFrom: fc.constant({ form: 'kind' }),
    tiers: fc.record({ new: fen, upgrade: fen }),
  }),
  fc.record(
    {
      kind: fc.constant('rate-per-unit' as const),
      rateFen: fen,
      quantityFrom: fc.constantFrom({ fact: 'upper_floor_workshop_area_m2' }, { form: 'area' }),
      multiplierFrom: fc.option(fc.constant({ fact: 'lease_months', period: 'fy' as const }), {
        nil: undefined,
      }),
    },
    { requiredKeys: ['kind', 'rateFen', 'quantityFrom'] },
  ),
  fc.record(
    {
      kind: fc.constant('percentage-of-base' as const),
      baseFrom: fc.constantFrom(
        { fact: 'rnd_expense_fen', period: 'prev' as const },
        { form: 'investmentFen' },
      ),
      rateBasisPoints: fc.oneof(bp, fc.constant({ param: 'rate' })),
      minBaseFen: fen,
      capFen: fen,
    },
    { requiredKeys: ['kind', 'baseFrom', 'rateBasisPoints'] },
  ),
  fc.record(
    {
      kind: fc.constant('percentage-of-increase' as const),
      currentFrom: fc.constant({ fact: 'sales_revenue_fen', period: 'fy' as const }),
      previousFrom: fc.constant({ fact: 'sales_revenue_fen', period: 'prev' as const }),
      rateBasisPoints: bp,
      capFen: fen,
    },
    { requiredKeys: ['kind', 'currentFrom', 'previousFrom', 'rateBasisPoints'] },
  ),
  fc.record({ kind: fc.constant('set-by-review' as const), maxFen: fen }),
);

const validDefinition = fc
  .record({
    version: fc.integer({ min: 1, max: 1000 }),
    title: text,
    summary: text,
    amount: amountArb,
    publicityWorkingDays: fc.integer({ min: 0, max: 60 }),
    blacklistYears: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
    caps: fc.record({ perApplicationFen: fen, perEnterprisePerFiscalYearFen: fen }, { requiredKeys: [] }),
    effectiveTo: fc.option(fc.constantFrom('2024-12-31', '2030-06-30'), { nil: null }),
    money: fen,
    threshold: fc.integer({ min: -1000, max: 1000 }),
  })
  .map((r): ProgramDefinitionInput => {
    const base = baseProgram();
    return {
      ...base,
      version: r.version,
      title: r.title,
      summary: r.summary,
      amount: r.amount,
      publicityWorkingDays: r.publicityWorkingDays,
      ...(r.blacklistYears !== undefined ? { blacklistYears: r.blacklistYears } : {}),
      caps: r.caps,
      effectiveTo: r.effectiveTo,
      parameters: {
        ...base.parameters,
        money: { value: r.money, unit: 'fen', description: { zh: '金额', en: 'Amount' }, origin: 'source' },
      },
      eligibility: [
        {
          id: 'threshold',
          rule: { '>': [{ var: 'facts.employees.fy' }, r.threshold] },
          reason: { zh: '门槛', en: 'Threshold {params.money} in {fy}' },
        },
      ],
      formFields: [
        ...(base.formFields ?? []),
        { name: 'area', type: 'area_m2', required: true, label: { zh: '面积', en: 'Area' } },
        { name: 'investmentFen', type: 'money_fen', required: true, label: { zh: '投资', en: 'Investment' } },
      ],
    };
  });

function params(d: Record<string, unknown>): Record<string, Record<string, unknown>> {
  return d.parameters as Record<string, Record<string, unknown>>;
}

function clause(d: Record<string, unknown>): Record<string, unknown> {
  return (d.eligibility as Record<string, unknown>[])[0];
}

function amount(d: Record<string, unknown>): Record<string, unknown> {
  return d.amount as Record<string, unknown>;
}

function form(d: Record<string, unknown>, i: number): Record<string, unknown> {
  return (d.formFields as Record<string, unknown>[])[i];
}

function doc(d: Record<string, unknown>): Record<string, unknown> {
  return (d.documents as Record<string, unknown>[])[0];
}

function plan(): Record<string, unknown> {
  return {
    kind: 'installments-of-prior-year',
    baseFrom: { fact: 'rnd_expense_fen' },
    rateBasisPoints: 10_000,
    years: 3,
  };
}

describe('option labels of enum form fields', () => {
  const platform = () =>
    structuredClone(seedProgram('ningxiang-htz.platform-construction')) as ProgramDefinition;
  const enumField = (def: ProgramDefinition) => def.formFields.find((f) => f.type === 'enum')!;

  it('the seed catalog labels every option', () => {
    for (const program of SEED_CATALOG) {
      expect(unlabelledOptions(program)).toEqual([]);
    }
  });

  it('a new definition must label every option; a stored one still loads without', () => {
    const def = platform();
    const field = enumField(def);
    delete field.optionLabels!['provincial-platform'];
    const i = def.formFields.indexOf(field);
    expect(() => parseProgramDefinition(def, { requireOptionLabels: true })).toThrow(
      expect.objectContaining({
        issues: [{ path: `formFields.${i}.optionLabels.provincial-platform`, message: expect.any(String) }],
      }),
    );
    expect(() => parseProgramDefinition(def)).not.toThrow();
  });

  it('refuses a label for an option that does not exist, and labels on a non-enum field', () => {
    const def = platform();
    enumField(def).optionLabels!['galactic-platform'] = { zh: '银河级平台', en: 'Galactic platform' };
    const text = def.formFields.find((f) => f.type !== 'enum')!;
    text.optionLabels = { x: { zh: '某', en: 'x' } };
    const error = (() => {
      try {
        parseProgramDefinition(def);
      } catch (e) {
        return e as ProgramDefinitionError;
      }
      throw new Error('accepted');
    })();
    expect(error.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^formFields\.\d+\.optionLabels\.galactic-platform$/),
        expect.stringMatching(/^formFields\.\d+\.optionLabels$/),
      ]),
    );
  });
});
