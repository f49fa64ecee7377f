import { BUILT_IN_CONDITIONS } from '../evaluation-types';
import { resolveExclusivity } from '../exclusivity';
import { reviewStagesFor } from '../settings';
import { compiledSeed, evaluateWith, fact } from '../testing';

const YUAN = 100;
const ids = (e: { unmet: { clauseId: string }[] }) => e.unmet.map((u) => u.clauseId);

describe('Changsha ETDZ — R&D investment (auto)', () => {
  const program = compiledSeed('changsha-etdz.rnd-investment');
  const run = (current: number, previous: number, source: 'tax_bureau' | 'self_declared' = 'tax_bureau') =>
    evaluateWith(program, [
      fact('rnd_expense_fen', current, { period: 2025, source }),
      fact('rnd_expense_fen', previous, { period: 2024, source }),
    ]);

  it('pays 10% of the year-on-year increase', () => {
    expect(run(1_500_000_000, 1_200_000_000)).toMatchObject({ eligible: true, amountFen: 30_000_000 }); // 3,000,000 yuan × 10%
  });

  it('accepts R&D of exactly the threshold and refuses one fen less', () => {
    expect(run(1_000_000_000, 900_000_000).amountFen).toBe(10_000_000);
    const below = run(999_999_999, 900_000_000);
    expect(ids(below)).toEqual(['rnd-scale-reached']);
    expect(below.unmet[0].reason).toEqual({
      zh: '2025年度研发费用须达到 10,000,000.00 元',
      en: 'R&D expense in fiscal year 2025 must reach 10,000,000.00 yuan',
    });
    expect(program.definition.parameters.rndScaleThresholdFen.origin).toBe('assumption');
  });

  it('gives zero for a year-on-year decrease', () => {
    const evaluation = run(1_100_000_000, 1_200_000_000);
    expect(evaluation).toMatchObject({ eligible: false, amountFen: 0 });
    expect(ids(evaluation)).toEqual([BUILT_IN_CONDITIONS.noIncrease]);
  });

  it('pays exactly 2,000,000 yuan at the cap and no fen more', () => {
    expect(run(3_000_000_000, 1_000_000_000)).toMatchObject({
      amountFen: 200_000_000,
      amount: { capsApplied: [] },
    });
    expect(run(3_000_000_010, 1_000_000_000)).toMatchObject({
      amountFen: 200_000_000,
      amount: { capsApplied: ['amount.capFen'] },
    });
  });

  it('never grants on self-declared figures', () => {
    expect(run(1_500_000_000, 1_200_000_000, 'self_declared').eligible).toBe(false);
  });

  it('names a missing previous year', () => {
    const evaluation = evaluateWith(program, [fact('rnd_expense_fen', 1_500_000_000, { period: 2025 })]);
    expect(evaluation.unmet).toEqual([
      expect.objectContaining({
        clauseId: BUILT_IN_CONDITIONS.missingValue,
        reason: { zh: '缺少数据：研发费用（2024年度）', en: 'missing data: R&D expense (fiscal year 2024)' },
      }),
    ]);
  });
});

describe('Changsha ETDZ — achievement transformation', () => {
  const program = compiledSeed('changsha-etdz.achievement-transformation');
  const form = (implementedInZone: boolean) => ({
    projectName: 'Solid-state battery',
    projectSummary: 'Pilot line',
    achievementSource: 'university',
    implementedInZone,
    totalInvestmentFen: 2_000_000_000,
  });

  it('is set by expert review, up to 5,000,000 yuan', () => {
    const evaluation = evaluateWith(program, [], { form: form(true) });
    expect(evaluation).toMatchObject({
      eligible: true,
      amountFen: null,
      maxAmountFen: 500_000_000,
      provisional: false,
    });
    expect(reviewStagesFor(program.settings, 1)).toEqual({ directorApproval: false, expertReview: true });
  });

  it('is not in effect before the 2025 measures', () => {
    expect(
      ids(evaluateWith(program, [], { fiscalYear: 2024, asOf: '2024-12-01', form: form(true) })),
    ).toEqual([BUILT_IN_CONDITIONS.effectivePeriod]);
  });

  it('needs the project carried out in the zone', () => {
    expect(ids(evaluateWith(program, [], { form: form(false) }))).toEqual(['implemented-in-zone']);
  });
});

describe('Changsha ETDZ — future industry (auto)', () => {
  const program = compiledSeed('changsha-etdz.future-industry');
  const run = (current: number, previous: number, recognisedOn = '2025-04-01') =>
    evaluateWith(program, [
      fact('future_industry_recognition', { field: 'future-energy', recognisedOn }),
      fact('sales_revenue_fen', current, { period: 2025 }),
      fact('sales_revenue_fen', previous, { period: 2024 }),
    ]);

  it('pays 5% of the year-on-year increase in sales', () => {
    expect(run(12_000_000_000, 10_000_000_000).amountFen).toBe(100_000_000); // 20,000,000 yuan × 5%
  });

  it('pays exactly 10,000,000 yuan at the cap and no fen more', () => {
    expect(run(20_000_000_000, 0)).toMatchObject({ amountFen: 1_000_000_000, amount: { capsApplied: [] } });
    expect(run(20_000_000_020, 0)).toMatchObject({
      amountFen: 1_000_000_000,
      amount: { capsApplied: ['amount.capFen'] },
    });
  });

  it('gives zero for a decrease', () => {
    expect(run(9_000_000_000, 10_000_000_000)).toMatchObject({ eligible: false, amountFen: 0 });
  });

  it('needs a recognition by the end of the fiscal year', () => {
    expect(run(12_000_000_000, 10_000_000_000, '2025-12-31').eligible).toBe(true);
    expect(ids(run(12_000_000_000, 10_000_000_000, '2026-01-01'))).toEqual([
      'recognised-future-industry-enterprise',
    ]);
  });
});

describe('Changsha ETDZ — equipment upgrade', () => {
  const program = compiledSeed('changsha-etdz.equipment-upgrade');
  const run = (newEquipmentInvestmentFen: number | undefined, investmentYear = 2025) =>
    evaluateWith(program, [], {
      form: {
        projectName: 'Press line',
        investmentYear,
        ...(newEquipmentInvestmentFen !== undefined ? { newEquipmentInvestmentFen } : {}),
      },
    });

  it('accepts exactly 5,000,000 yuan of new equipment: 10% of it', () => {
    expect(run(5_000_000 * YUAN)).toMatchObject({ eligible: true, amountFen: 500_000 * YUAN });
  });

  it('refuses one fen less than 5,000,000 yuan', () => {
    const evaluation = run(5_000_000 * YUAN - 1);
    expect(evaluation).toMatchObject({ eligible: false, amountFen: 0 });
    expect(evaluation.unmet[0]).toEqual({
      clauseId: BUILT_IN_CONDITIONS.belowMinimumBase,
      reason: {
        zh: '年度新增设备投资（分） 4,999,999.99 元，未达到 5,000,000.00 元',
        en: 'New equipment investment in the year (fen) of 4,999,999.99 yuan is below the minimum of 5,000,000.00 yuan',
      },
    });
  });

  it('pays exactly 10,000,000 yuan per project at the cap and no fen more', () => {
    expect(run(100_000_000 * YUAN)).toMatchObject({
      amountFen: 10_000_000 * YUAN,
      amount: { capsApplied: [] },
    });
    expect(run(100_000_000 * YUAN + 10)).toMatchObject({
      amountFen: 10_000_000 * YUAN,
      amount: { capsApplied: ['amount.capFen'] },
    });
  });

  it('needs the investment in the fiscal year evaluated', () => {
    expect(ids(run(6_000_000 * YUAN, 2024))).toEqual(['invested-in-fiscal-year']);
  });

  it('shows "up to 10,000,000 yuan" in the calculator and routes large projects to experts', () => {
    expect(evaluateWith(program, [])).toMatchObject({
      eligible: true,
      amountFen: null,
      maxAmountFen: 1_000_000_000,
    });
    expect(reviewStagesFor(program.settings, 500_000 * YUAN)).toEqual({
      directorApproval: false,
      expertReview: false,
    });
    expect(reviewStagesFor(program.settings, 1_000_000 * YUAN + 1)).toEqual({
      directorApproval: true,
      expertReview: true,
    });
  });
});

describe('Changsha ETDZ — little giant and single champion (auto, exclusive)', () => {
  const littleGiant = compiledSeed('changsha-etdz.little-giant');
  const champion = compiledSeed('changsha-etdz.single-champion');
  const honours = (littleGiantOn: string, championOn: string) => [
    fact('little_giant_recognition', { level: 'national', recognisedOn: littleGiantOn }),
    fact('single_champion_recognition', { level: 'national', recognisedOn: championOn }),
  ];

  it('rewards each new national honour (assumed amounts)', () => {
    const facts = honours('2025-07-01', '2026-05-01');
    expect(evaluateWith(littleGiant, facts)).toMatchObject({ eligible: true, amountFen: 500_000 * YUAN });
    expect(evaluateWith(champion, facts, { fiscalYear: 2026, asOf: '2027-03-31' })).toMatchObject({
      eligible: true,
      amountFen: 1_000_000 * YUAN,
    });
    expect(littleGiant.definition.parameters.rewardFen.origin).toBe('assumption');
    expect(champion.definition.parameters.rewardFen.origin).toBe('assumption');
  });

  it('pays only the higher award when both are recognised the same year', () => {
    const facts = honours('2025-07-01', '2025-11-01');
    const [lg, sc] = resolveExclusivity([evaluateWith(littleGiant, facts), evaluateWith(champion, facts)]);
    expect(sc).toMatchObject({ eligible: true, amountFen: 100_000_000 });
    expect(lg).toMatchObject({ eligible: false, amountFen: 0, excludedBy: 'changsha-etdz.single-champion' });
    expect(lg.unmet[0].reason.zh).toBe(
      '与“国家级制造业单项冠军企业奖励”不重复享受，按就高原则享受“国家级制造业单项冠军企业奖励”',
    );
  });

  it('pays both when they come in different years', () => {
    const facts = honours('2025-07-01', '2026-05-01');
    const result = resolveExclusivity([evaluateWith(littleGiant, facts), evaluateWith(champion, facts)]);
    expect(result.map((e) => e.eligible)).toEqual([true, false]); // the champion belongs to fiscal year 2026's sweep
    expect(ids(result[1])).toEqual(['newly-recognised-in-fiscal-year']);
  });
});
