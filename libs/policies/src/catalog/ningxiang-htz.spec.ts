import { BUILT_IN_CONDITIONS } from '../evaluation-types';
import { validateForm } from '../form';
import { compiledSeed, evaluateWith, fact } from '../testing';

const YUAN = 100;
const ids = (e: { unmet: { clauseId: string }[] }) => e.unmet.map((u) => u.clauseId);

describe('Ningxiang — talent introduction', () => {
  const program = compiledSeed('ningxiang-htz.talent-introduction');
  const form = (tier: string, joinedOn = '2025-03-01') => ({
    talentName: '张三',
    idNumber: '11010519491231002X',
    tier,
    joinedOn,
  });

  it.each([
    ['leading', 1_000_000],
    ['management-or-research', 500_000],
    ['professional-technician', 100_000],
  ])('pays a %s talent %d yuan', (tier, yuan) => {
    const checked = validateForm(program, form(tier));
    expect(checked.ok).toBe(true);
    const evaluation = evaluateWith(program, [], { form: checked.ok ? checked.form : {} });
    expect(evaluation).toMatchObject({
      eligible: true,
      amountFen: yuan * YUAN,
      beneficiary: 'person',
      period: 'once',
    });
  });

  it('shows the calculator "up to 1,000,000 yuan"', () => {
    expect(evaluateWith(program, [])).toMatchObject({
      eligible: true,
      provisional: true,
      amountFen: null,
      maxAmountFen: 100_000_000,
    });
  });

  it('refuses a talent who joined before the policy, in both languages', () => {
    const evaluation = evaluateWith(program, [], { form: form('leading', '2021-05-23') });
    expect(evaluation.unmet).toEqual([
      {
        clauseId: 'introduced-after-policy',
        reason: {
          zh: '人才须于 2021-05-24 及以后引进',
          en: 'The talent must have joined on or after 2021-05-24',
        },
      },
    ]);
  });

  it('refuses a second award to the same person', () => {
    const evaluation = evaluateWith(program, [], {
      form: form('leading'),
      history: { personGrantedFen: 100_000_000 },
    });
    expect(ids(evaluation)).toEqual([BUILT_IN_CONDITIONS.personCapReached]);
  });

  it('requires a valid ID number (hashed by the API for one person, one award)', () => {
    const checked = validateForm(program, { ...form('leading'), idNumber: '110105194912310021' });
    expect(checked).toEqual({
      ok: false,
      issues: [
        {
          path: 'form.idNumber',
          message: expect.stringContaining('check character'),
          text: expect.anything(),
        },
      ],
    });
  });
});

describe('Ningxiang — platform construction', () => {
  const program = compiledSeed('ningxiang-htz.platform-construction');
  const form = (platformType: string, recognisedOn = '2025-09-01') => ({
    platformName: 'Lab',
    platformType,
    recognisedOn,
    approvalDocumentNo: '湘科发〔2025〕1号',
  });

  it.each([
    ['national-platform', 2_000_000],
    ['provincial-platform', 1_000_000],
    ['municipal-platform', 500_000],
    ['postdoctoral-station', 1_000_000],
    ['academician-workstation', 1_000_000],
  ])('pays a %s %d yuan', (type, yuan) => {
    expect(validateForm(program, form(type)).ok).toBe(true);
    expect(evaluateWith(program, [], { form: form(type) })).toMatchObject({
      eligible: true,
      amountFen: yuan * YUAN,
    });
  });

  it('refuses a platform recognised before the policy', () => {
    expect(ids(evaluateWith(program, [], { form: form('national-platform', '2020-12-31') }))).toEqual([
      'recognised-after-policy',
    ]);
  });

  it('refuses a platform type it does not know', () => {
    expect(validateForm(program, form('district-platform')).ok).toBe(false);
  });
});

describe('Ningxiang — multi-storey plant', () => {
  const program = compiledSeed('ningxiang-htz.multi-storey-plant');
  const form = { projectName: 'Plant 2', propertyCertificateNo: '湘(2024)宁乡市不动产权第0001号' };
  const facts = (plotRatioMilli: number, area = 12_000) => [
    fact('plot_ratio_milli', plotRatioMilli),
    fact('upper_floor_workshop_area_m2', area),
  ];

  it('refuses a plot ratio of exactly 1.5', () => {
    const evaluation = evaluateWith(program, facts(1500), { form });
    expect(evaluation.eligible).toBe(false);
    expect(evaluation.unmet).toEqual([
      {
        clauseId: 'plot-ratio-above-minimum',
        reason: { zh: '容积率须高于 1.5', en: 'The plot ratio must be above 1.5' },
      },
    ]);
  });

  it.each([1501, 1510, 3000])('pays 50 yuan per m² at a plot ratio of %d/1000', (ratio) => {
    const evaluation = evaluateWith(program, facts(ratio), { form });
    expect(evaluation).toMatchObject({ eligible: true, amountFen: 50 * 12_000 * YUAN }); // 600,000 yuan
    expect(evaluation.amount.steps.at(-1)?.zh).toBe('50.00 元 × 12,000 = 600,000.00 元');
  });

  it('needs upper-floor workshops', () => {
    expect(ids(evaluateWith(program, facts(1600, 0), { form }))).toEqual(['has-upper-floor-workshops']);
  });

  it('names a missing plot ratio', () => {
    const evaluation = evaluateWith(program, [fact('upper_floor_workshop_area_m2', 100)], { form });
    expect(evaluation.unmet[0].reason).toEqual({
      zh: '容积率须高于 1.5（缺少数据：容积率（×1000））',
      en: 'The plot ratio must be above 1.5 (missing data: plot ratio (×1000))',
    });
  });
});

describe('Ningxiang — standard plant rent', () => {
  const program = compiledSeed('ningxiang-htz.standard-plant-rent');
  const form = { leaseContractNo: 'L-2025-01' };

  it('pays 5 yuan per m² per month of lease in the fiscal year (the assumed unit)', () => {
    const facts = [
      fact('standard_plant_rented_upper_floor_m2', 2_000, { period: 2025 }),
      fact('lease_months', 9, { period: 2025 }),
    ];
    expect(evaluateWith(program, facts, { form })).toMatchObject({
      eligible: true,
      amountFen: 5 * 2_000 * 9 * YUAN,
    }); // 90,000 yuan
    expect(program.definition.parameters.rateFenPerM2PerMonth).toMatchObject({
      value: 500,
      origin: 'assumption',
    });
  });

  it('reads the fiscal year evaluated, not another', () => {
    const facts = [
      fact('standard_plant_rented_upper_floor_m2', 2_000, { period: 2024 }),
      fact('lease_months', 12, { period: 2024 }),
    ];
    const evaluation = evaluateWith(program, facts, { form });
    expect(evaluation.unmet[0].reason.en).toBe(
      'The enterprise must rent standard plant on the 2nd floor or higher in fiscal year 2025 (missing data: standard plant rented on the 2nd floor or higher (m²) (fiscal year 2025))',
    );
  });

  it('needs at least one month of lease', () => {
    const facts = [
      fact('standard_plant_rented_upper_floor_m2', 2_000, { period: 2025 }),
      fact('lease_months', 0, { period: 2025 }),
    ];
    expect(ids(evaluateWith(program, facts, { form }))).toEqual(['leased-in-fiscal-year']);
  });
});

describe('Ningxiang — equipment upgrading', () => {
  const program = compiledSeed('ningxiang-htz.equipment-upgrading');
  const form = { projectName: 'Line 5' };
  const run = (investmentFen: number, granted = 0) =>
    evaluateWith(program, [fact('equipment_investment_fen', investmentFen, { period: 2025 })], {
      form,
      history: { enterpriseGrantedThisFiscalYearFen: granted },
    });

  it('pays the assumed 10% of the fiscal year’s equipment investment', () => {
    expect(run(1_234_567_89).amountFen).toBe(12_345_678); // 123,456.789 yuan rounds down
    expect(program.definition.parameters.rateBasisPoints).toMatchObject({
      value: 1000,
      origin: 'assumption',
    });
  });

  it('pays exactly 3,000,000 yuan at the cap and no fen more', () => {
    expect(run(3_000_000_000)).toMatchObject({ amountFen: 300_000_000, amount: { capsApplied: [] } });
    expect(run(3_000_000_010)).toMatchObject({
      amountFen: 300_000_000,
      amount: { capsApplied: ['amount.capFen'] },
    });
  });

  it('counts what the enterprise already received this year', () => {
    expect(run(3_000_000_000, 100_000_000).amountFen).toBe(200_000_000);
    expect(ids(run(3_000_000_000, 300_000_000))).toEqual([BUILT_IN_CONDITIONS.enterpriseAnnualCapReached]);
  });

  it('sends amounts above 1,000,000 yuan to experts', () => {
    const { route } = program.settings;
    expect(route).toMatchObject({ expertReview: 'above', expertReviewAboveFen: 100_000_000 });
  });
});

describe('Ningxiang — high-tech enterprise (auto)', () => {
  const program = compiledSeed('ningxiang-htz.high-tech-enterprise');

  it('grants 100,000 yuan once, in the fiscal year of certification', () => {
    const facts = [
      fact('high_tech_certificate', { certificateNo: 'GR202543000123', grantedOn: '2025-11-20' }),
    ];
    expect(evaluateWith(program, facts)).toMatchObject({
      eligible: true,
      amountFen: 10_000_000,
      mode: 'auto',
      period: 'once',
    });
    expect(ids(evaluateWith(program, facts, { fiscalYear: 2026, asOf: '2027-03-31' }))).toEqual([
      'certified-in-fiscal-year',
    ]);
  });

  it('explains a missing certificate in both languages', () => {
    expect(evaluateWith(program, []).unmet).toEqual([
      {
        clauseId: 'certified-in-fiscal-year',
        reason: {
          zh: '须于2025年度获高新技术企业认定（缺少数据：高新技术企业证书（发证日期））',
          en: 'The enterprise must have been certified as a high-tech enterprise in fiscal year 2025 (missing data: high-tech enterprise certificate (date granted))',
        },
        missing: [
          { kind: 'fact', key: 'high_tech_certificate', subject: null, period: null, field: 'grantedOn' },
        ],
      },
    ]);
  });
});

describe('Ningxiang — listing (auto)', () => {
  const program = compiledSeed('ningxiang-htz.listing');
  const listed = (exchange: 'SSE' | 'NEEQ' | 'HKEX', listedOn = '2025-07-08') =>
    evaluateWith(program, [fact('listing', { exchange, ticker: '688999', listedOn })]);

  it.each(['SSE', 'HKEX'] as const)('grants 1,000,000 yuan for a listing on %s', (exchange) => {
    expect(listed(exchange)).toMatchObject({ eligible: true, amountFen: 100_000_000 });
  });

  it('does not count a NEEQ quotation', () => {
    expect(ids(listed('NEEQ'))).toEqual(['listed-on-a-stock-exchange']);
  });

  it('grants in the fiscal year of the listing only', () => {
    expect(ids(listed('SSE', '2024-12-31'))).toEqual(['listed-in-fiscal-year']);
  });
});
