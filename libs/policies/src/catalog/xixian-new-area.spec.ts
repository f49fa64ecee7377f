import { BUILT_IN_CONDITIONS } from '../evaluation-types';
import { validateForm } from '../form';
import { compiledSeed, evaluateWith, fact, personId } from '../testing';

const ids = (e: { unmet: { clauseId: string }[] }) => e.unmet.map((u) => u.clauseId);

describe('Xixian — innovative talents plan (auto, 3 installments)', () => {
  const program = compiledSeed('xixian-new-area.innovative-talents-plan');
  const talent = personId(1);
  const recognition = (programme: string, recognisedOn: string) =>
    fact('talent_recognition', { tier: 'innovative', programme, recognisedOn }, { subject: talent });
  const contribution = fact('personal_tax_contribution_fen', 12_345_600, { period: 2024, subject: talent });

  it('grants 100% of the previous year’s contribution as installment 1 of 3', () => {
    const evaluation = evaluateWith(
      program,
      [recognition('qinchuangyuan-innovative-talents', '2024-03-20'), contribution],
      {
        subject: talent,
      },
    );
    expect(evaluation).toMatchObject({
      eligible: true,
      amountFen: 12_345_600,
      beneficiary: 'person',
      mode: 'auto',
    });
    expect(evaluation.amount.installment).toMatchObject({ index: 1, years: 3 });
    expect(program.settings.installments).toEqual({ years: 3 });
  });

  it('needs a recognition under this plan', () => {
    const evaluation = evaluateWith(
      program,
      [recognition('pearl-river-talents', '2024-03-20'), contribution],
      { subject: talent },
    );
    expect(ids(evaluation)).toEqual(['recognised-under-the-plan']);
  });

  it('starts the plan the fiscal year after recognition (assumption)', () => {
    const evaluation = evaluateWith(
      program,
      [recognition('qinchuangyuan-innovative-talents', '2025-01-10'), contribution],
      {
        subject: talent,
      },
    );
    expect(ids(evaluation)).toEqual(['plan-starts-in-fiscal-year']);
    expect(evaluation.unmet[0].reason.en).toBe(
      'The first installment year must be 1 year(s) after the year of recognition (evaluated: fiscal year 2025)',
    );
  });

  it('waits for the previous year’s tax data', () => {
    const evaluation = evaluateWith(
      program,
      [recognition('qinchuangyuan-innovative-talents', '2024-03-20')],
      { subject: talent },
    );
    expect(ids(evaluation)).toEqual([BUILT_IN_CONDITIONS.missingValue]);
  });
});

describe('Xixian — talent project co-funding', () => {
  const program = compiledSeed('xixian-new-area.talent-project-co-funding');
  const form = (projectTotalFen: number, fundingAuthorityLevel = 'provincial') => ({
    projectName: 'Photonics',
    fundingAuthorityLevel,
    projectTotalFen,
    fundingDocumentNo: '陕科发〔2022〕8号',
  });

  it.each([
    [100_000_000, 50_000_000, []],
    [200_000_000, 100_000_000, []],
    [200_000_001, 100_000_000, []], // 100,000,000.5 fen rounds down to exactly the cap
    [200_000_002, 100_000_000, ['amount.capFen']],
    [999, 499, []],
  ])('pays 50%% of a %d fen project: %d fen', (total, expected, caps) => {
    expect(validateForm(program, form(total)).ok).toBe(true);
    expect(evaluateWith(program, [], { form: form(total) })).toMatchObject({
      amountFen: expected,
      amount: { capsApplied: caps },
    });
  });

  it.each(['national', 'provincial', 'municipal'])('accepts projects funded at %s level', (level) => {
    expect(evaluateWith(program, [], { form: form(1_000, level) }).eligible).toBe(true);
  });

  it.each(['district', 'none'])('refuses projects funded at %s level', (level) => {
    expect(ids(evaluateWith(program, [], { form: form(1_000, level) }))).toEqual([
      'funded-by-eligible-authority',
    ]);
  });

  it('shows "up to 1,000,000 yuan" in the calculator', () => {
    expect(evaluateWith(program, [])).toMatchObject({
      eligible: true,
      amountFen: null,
      maxAmountFen: 100_000_000,
    });
  });
});

describe('Xixian — technology project introduction', () => {
  const program = compiledSeed('xixian-new-area.technology-project-introduction');
  const form = {
    investorName: 'Qin Capital',
    investorType: 'enterprise',
    investorCreditCode: '91110000802100433B',
    projectName: 'Chip fab',
  };
  const facts = (investmentFen: number, reachedOn = '2025-10-01') => [
    fact('established_on', '2023-04-01'),
    fact('agreed_capacity_reached', { reachedOn }),
    fact('actual_investment_fen', investmentFen),
  ];

  it('rewards the investor with 1% of the actual investment', () => {
    expect(evaluateWith(program, facts(5_000_000_000), { form })).toMatchObject({
      eligible: true,
      amountFen: 50_000_000,
      beneficiary: 'investor',
    });
  });

  it('pays exactly 3,000,000 yuan at the cap and no fen more', () => {
    expect(evaluateWith(program, facts(30_000_000_000), { form })).toMatchObject({
      amountFen: 300_000_000,
      amount: { capsApplied: [] },
    });
    expect(evaluateWith(program, facts(30_000_000_100), { form })).toMatchObject({
      amountFen: 300_000_000,
      amount: { capsApplied: ['amount.capFen'] },
    });
  });

  it('waits until the agreed capacity is reached', () => {
    expect(ids(evaluateWith(program, facts(1_000_000, '2026-06-01'), { form }))).toEqual([
      'agreed-capacity-reached',
    ]);
    const notYet = evaluateWith(
      program,
      [fact('established_on', '2023-04-01'), fact('actual_investment_fen', 1)],
      { form },
    );
    expect(notYet.unmet[0].reason.zh).toBe('项目须达到约定产能（缺少数据：达到约定产能（达产日期））');
  });

  it('needs the investor identified by credit code or ID number', () => {
    const { investorCreditCode: _code, ...anonymous } = form;
    expect(ids(evaluateWith(program, facts(1_000_000), { form: anonymous }))).toEqual([
      'investor-identified',
    ]);
    const person = { ...anonymous, investorType: 'person', investorIdNumber: '11010519491231002X' };
    expect(evaluateWith(program, facts(1_000_000), { form: person }).eligible).toBe(true);
  });
});
