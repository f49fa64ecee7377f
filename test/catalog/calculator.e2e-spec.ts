import {
  api,
  bearer,
  createStaff,
  expectProblem,
  registerEnterprise,
  TestEnterprise,
  TestUser,
} from '../support/api-client';
import { importRows, makeIdNumber } from './support/catalog-fixtures';

const YUAN = 100;
const WAN = 10_000 * YUAN;

interface Result {
  programCode: string;
  subject: string | null;
  eligible: boolean;
  provisional: boolean;
  amountFen: number | null;
  maxAmountFen: number | null;
  unmet: { clauseId: string; reason: { zh: string; en: string } }[];
  evidence: {
    clauseId: string;
    passed: boolean | null;
    facts: { key: string; source: string; period: string | null; receivedAt: string }[];
  }[];
  amount: { steps: { zh: string; en: string }[]; capsApplied: string[] };
  excludedBy: string | null;
}

async function calculate(token: string, body: Record<string, unknown>) {
  const res = await api().post('/calculator').set(bearer(token)).send(body);
  if (res.status !== 200) throw new Error(`calculator: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { fiscalYear: number; summary: Record<string, number>; results: Result[] };
}

const resultOf = (body: { results: Result[] }, code: string) => {
  const found = body.results.find((r) => r.programCode === code);
  if (!found) throw new Error(`no result for ${code}`);
  return found;
};

async function feed(token: string, rows: Record<string, unknown>[]) {
  const res = await importRows(token, rows);
  if (res.status !== 201 || res.body.rejected !== 0)
    throw new Error(`feed: ${res.status} ${JSON.stringify(res.body)}`);
}

describe('policy calculator', () => {
  describe('Changsha ETDZ', () => {
    const ZONE = 'changsha-etdz';
    let officer: TestUser;
    let capped: TestEnterprise;
    let modest: TestEnterprise;
    let small: TestEnterprise;
    let declared: TestEnterprise;
    let honours: TestEnterprise;
    let rnd: (e: TestEnterprise, period: string, yuan: number, source?: string) => Record<string, unknown>;

    beforeAll(async () => {
      [officer, capped, modest, small, declared, honours] = await Promise.all([
        createStaff('officer', ZONE),
        registerEnterprise(ZONE),
        registerEnterprise(ZONE),
        registerEnterprise(ZONE),
        registerEnterprise(ZONE),
        registerEnterprise(ZONE),
      ]);
      rnd = (e: TestEnterprise, period: string, yuan: number, source = 'tax_bureau') => ({
        uscc: e.uscc,
        key: 'rnd_expense_fen',
        period,
        value: yuan * YUAN,
        source,
      });
      await feed(officer.token, [
        rnd(capped, '2024', 5_000 * 10_000),
        rnd(capped, '2025', 8_000 * 10_000),
        rnd(modest, '2024', 1_200 * 10_000),
        rnd(modest, '2025', 1_500 * 10_000),
        rnd(small, '2024', 500 * 10_000),
        rnd(small, '2025', 900 * 10_000),
        rnd(declared, '2024', 1_200 * 10_000, 'self_declared'),
        rnd(declared, '2025', 1_500 * 10_000, 'self_declared'),
        {
          uscc: honours.uscc,
          key: 'little_giant_recognition',
          value: { level: 'national', recognisedOn: '2025-07-15' },
          source: 'officer',
        },
        {
          uscc: honours.uscc,
          key: 'single_champion_recognition',
          value: { level: 'national', recognisedOn: '2025-11-20' },
          source: 'officer',
        },
      ]);
    });

    it('R&D investment: 10% of the year-on-year increase, capped at 2,000,000 yuan', async () => {
      const big = await calculate(capped.token, { enterpriseId: capped.enterpriseId, fiscalYear: 2025 });
      expect(big.fiscalYear).toBe(2025);
      const r = resultOf(big, 'changsha-etdz.rnd-investment');
      // (80,000,000 − 50,000,000) × 10% = 3,000,000 → the cap.
      expect(r).toMatchObject({ eligible: true, provisional: false, amountFen: 200 * WAN, unmet: [] });
      expect(r.amount.capsApplied.length).toBeGreaterThan(0);
      const clause = r.evidence.find((e) => e.clauseId === 'rnd-scale-reached')!;
      expect(clause.passed).toBe(true);
      expect(clause.facts).toEqual([
        expect.objectContaining({
          key: 'rnd_expense_fen',
          source: 'tax_bureau',
          period: '2025',
          receivedAt: expect.any(String),
        }),
      ]);
      const amountEvidence = r.evidence.find((e) => e.clauseId === 'amount')!;
      expect(amountEvidence.facts.map((f) => f.period).sort()).toEqual(['2024', '2025']);
      expect(big.results[0].eligible).toBe(true);

      const mid = await calculate(officer.token, { enterpriseId: modest.enterpriseId, fiscalYear: 2025 });
      // (15,000,000 − 12,000,000) × 10% = 300,000 yuan.
      expect(resultOf(mid, 'changsha-etdz.rnd-investment')).toMatchObject({
        eligible: true,
        amountFen: 30 * WAN,
      });
    });

    it('a newer self-declared figure does not hide the tax bureau figure an auto program is judged on', async () => {
      const overclaim = await registerEnterprise(ZONE);
      await feed(officer.token, [
        rnd(overclaim, '2024', 1_200 * 10_000),
        rnd(overclaim, '2025', 1_500 * 10_000),
      ]);
      await feed(officer.token, [rnd(overclaim, '2025', 9_000 * 10_000, 'self_declared')]);
      const r = resultOf(
        await calculate(overclaim.token, { enterpriseId: overclaim.enterpriseId, fiscalYear: 2025 }),
        'changsha-etdz.rnd-investment',
      );
      // (15,000,000 − 12,000,000) × 10% from the tax bureau, not the self-declared 90,000,000.
      expect(r).toMatchObject({ eligible: true, amountFen: 30 * WAN });
      const used = r.evidence.find((e) => e.clauseId === 'amount')!.facts;
      expect(used.every((f) => f.source === 'tax_bureau')).toBe(true);
    });

    it('R&D investment below the scale threshold, or on self-declared figures only, is unmet with reasons', async () => {
      const below = resultOf(
        await calculate(small.token, { enterpriseId: small.enterpriseId, fiscalYear: 2025 }),
        'changsha-etdz.rnd-investment',
      );
      expect(below).toMatchObject({ eligible: false, amountFen: 0 });
      expect(below.unmet).toEqual([
        {
          clauseId: 'rnd-scale-reached',
          reason: {
            zh: '2025年度研发费用须达到 10,000,000.00 元',
            en: 'R&D expense in fiscal year 2025 must reach 10,000,000.00 yuan',
          },
        },
      ]);
      expect(below.evidence.find((e) => e.clauseId === 'rnd-scale-reached')).toMatchObject({
        passed: false,
        facts: [expect.objectContaining({ period: '2025', source: 'tax_bureau', value: 900 * WAN })],
      });

      // An auto grant is never based on the enterprise's own word.
      const selfDeclared = resultOf(
        await calculate(declared.token, { enterpriseId: declared.enterpriseId, fiscalYear: 2025 }),
        'changsha-etdz.rnd-investment',
      );
      expect(selfDeclared.eligible).toBe(false);
      expect(selfDeclared.unmet[0].reason.en).toContain('missing data');
    });

    it('equipment upgrade: "up to" without a form; exactly 5,000,000 yuan qualifies, one fen less does not', async () => {
      const code = 'changsha-etdz.equipment-upgrade';
      const open = resultOf(
        await calculate(modest.token, { enterpriseId: modest.enterpriseId, fiscalYear: 2025 }),
        code,
      );
      expect(open).toMatchObject({
        eligible: true,
        provisional: true,
        amountFen: null,
        maxAmountFen: 1_000 * WAN,
      });

      const form = (fen: number) => ({
        [code]: { projectName: '产线智能化改造', investmentYear: 2025, newEquipmentInvestmentFen: fen },
      });
      const exact = resultOf(
        await calculate(modest.token, {
          enterpriseId: modest.enterpriseId,
          fiscalYear: 2025,
          forms: form(500 * WAN),
        }),
        code,
      );
      expect(exact).toMatchObject({ eligible: true, provisional: false, amountFen: 50 * WAN });
      const less = resultOf(
        await calculate(modest.token, {
          enterpriseId: modest.enterpriseId,
          fiscalYear: 2025,
          forms: form(500 * WAN - 1),
        }),
        code,
      );
      expect(less).toMatchObject({ eligible: false, amountFen: 0 });
      expect(less.unmet.map((u) => u.clauseId)).toEqual(['amount.below-minimum-base']);
      const huge = resultOf(
        await calculate(modest.token, {
          enterpriseId: modest.enterpriseId,
          fiscalYear: 2025,
          forms: form(20_000 * WAN),
        }),
        code,
      );
      expect(huge).toMatchObject({ eligible: true, amountFen: 1_000 * WAN });

      const badForm = await api()
        .post('/calculator')
        .set(bearer(modest.token))
        .send({
          enterpriseId: modest.enterpriseId,
          forms: { [code]: { newEquipmentInvestmentFen: -1 }, 'ningxiang-htz.listing': {} },
        });
      expectProblem(badForm, 400);
      expect(badForm.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        `forms.${code}.newEquipmentInvestmentFen`,
        'forms.ningxiang-htz.listing',
      ]);
    });

    it('little giant and single champion in the same year: the higher award only', async () => {
      const body = await calculate(honours.token, { enterpriseId: honours.enterpriseId, fiscalYear: 2025 });
      expect(resultOf(body, 'changsha-etdz.single-champion')).toMatchObject({
        eligible: true,
        amountFen: 100 * WAN,
      });
      const giant = resultOf(body, 'changsha-etdz.little-giant');
      expect(giant).toMatchObject({
        eligible: false,
        amountFen: 0,
        excludedBy: 'changsha-etdz.single-champion',
      });
      expect(giant.unmet.map((u) => u.clauseId)).toEqual(['exclusivity.excluded']);
      expect(body.summary).toMatchObject({ totalFen: 100 * WAN });
      // The year after, neither is "newly recognised".
      const later = await calculate(honours.token, { enterpriseId: honours.enterpriseId, fiscalYear: 2026 });
      expect(resultOf(later, 'changsha-etdz.single-champion').eligible).toBe(false);
    });

    it("answers 404 outside the caller's scope, 400 for a bad request", async () => {
      const [otherZoneOfficer, stranger] = await Promise.all([
        createStaff('officer', 'ningxiang-htz'),
        registerEnterprise(ZONE),
      ]);
      expectProblem(
        await api()
          .post('/calculator')
          .set(bearer(stranger.token))
          .send({ enterpriseId: capped.enterpriseId }),
        404,
      );
      expectProblem(
        await api()
          .post('/calculator')
          .set(bearer(otherZoneOfficer.token))
          .send({ enterpriseId: capped.enterpriseId }),
        404,
      );
      expectProblem(
        await api()
          .post('/calculator')
          .set(bearer(officer.token))
          .send({ enterpriseId: '0b1c3a5e-1111-4222-8333-944455556666' }),
        404,
      );
      const bad = await api()
        .post('/calculator')
        .set(bearer(officer.token))
        .send({ enterpriseId: 'x', fiscalYear: 1999, asOf: '2025-02-30' });
      expectProblem(bad, 400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'asOf',
        'enterpriseId',
        'fiscalYear',
      ]);
      expectProblem(await api().post('/calculator').send({ enterpriseId: capped.enterpriseId }), 401);
    });
  });

  describe('Ningxiang High-tech Zone', () => {
    const ZONE = 'ningxiang-htz';
    let officer: TestUser;
    let listed: TestEnterprise;
    let quoted: TestEnterprise;

    beforeAll(async () => {
      [officer, listed, quoted] = await Promise.all([
        createStaff('officer', ZONE),
        registerEnterprise(ZONE),
        registerEnterprise(ZONE),
      ]);
      await feed(officer.token, [
        {
          uscc: listed.uscc,
          key: 'high_tech_certificate',
          value: { certificateNo: 'GR202543001234', grantedOn: '2025-06-01' },
          source: 'science_technology_bureau',
        },
        {
          uscc: listed.uscc,
          key: 'listing',
          value: { exchange: 'SSE', ticker: '688123', listedOn: '2025-09-09' },
          source: 'stock_exchange',
        },
        { uscc: listed.uscc, key: 'plot_ratio_milli', value: 1500, source: 'officer' },
        { uscc: listed.uscc, key: 'upper_floor_workshop_area_m2', value: 2_000, source: 'officer' },
        {
          uscc: quoted.uscc,
          key: 'listing',
          value: { exchange: 'NEEQ', ticker: '830001', listedOn: '2025-09-09' },
          source: 'stock_exchange',
        },
        { uscc: quoted.uscc, key: 'plot_ratio_milli', value: 1501, source: 'officer' },
        { uscc: quoted.uscc, key: 'upper_floor_workshop_area_m2', value: 2_000, source: 'officer' },
      ]);
    });

    it('high-tech certification and listing are granted automatically; NEEQ quotation is not a listing', async () => {
      const body = await calculate(listed.token, { enterpriseId: listed.enterpriseId, fiscalYear: 2025 });
      expect(resultOf(body, 'ningxiang-htz.high-tech-enterprise')).toMatchObject({
        eligible: true,
        amountFen: 10 * WAN,
      });
      expect(resultOf(body, 'ningxiang-htz.listing')).toMatchObject({ eligible: true, amountFen: 100 * WAN });
      // Plot ratio exactly 1.5 is not "above 1.5".
      const plant = resultOf(body, 'ningxiang-htz.multi-storey-plant');
      expect(plant.eligible).toBe(false);
      expect(plant.unmet.map((u) => u.clauseId)).toEqual(['plot-ratio-above-minimum']);

      const other = await calculate(officer.token, { enterpriseId: quoted.enterpriseId, fiscalYear: 2025 });
      const listing = resultOf(other, 'ningxiang-htz.listing');
      expect(listing.eligible).toBe(false);
      expect(listing.unmet.map((u) => u.clauseId)).toEqual(['listed-on-a-stock-exchange']);
      expect(listing.unmet[0].reason.zh).toEqual(expect.any(String));
      // 1.501 is above: 50 yuan × 2,000 m².
      expect(resultOf(other, 'ningxiang-htz.multi-storey-plant')).toMatchObject({
        eligible: true,
        amountFen: 10 * WAN,
      });
      expect(resultOf(other, 'ningxiang-htz.high-tech-enterprise').unmet[0].reason.en).toContain(
        'missing data',
      );
    });
  });

  describe('Xixian New Area', () => {
    it('evaluates a person program per recognised talent, identified by the hashed ID number', async () => {
      const [officer, enterprise] = await Promise.all([
        createStaff('officer', 'xixian-new-area'),
        registerEnterprise('xixian-new-area'),
      ]);
      const [talent, other] = [makeIdNumber(), makeIdNumber()];
      await feed(officer.token, [
        {
          uscc: enterprise.uscc,
          key: 'talent_recognition',
          idNumber: talent,
          value: { tier: 'A', programme: 'qinchuangyuan-innovative-talents', recognisedOn: '2024-05-01' },
          source: 'human_resources',
        },
        {
          uscc: enterprise.uscc,
          key: 'personal_tax_contribution_fen',
          idNumber: talent,
          period: '2024',
          value: 86_000 * YUAN,
          source: 'tax_bureau',
        },
        {
          uscc: enterprise.uscc,
          key: 'talent_recognition',
          idNumber: other,
          value: { tier: 'B', programme: 'another-plan', recognisedOn: '2024-05-01' },
          source: 'human_resources',
        },
      ]);
      const body = await calculate(enterprise.token, {
        enterpriseId: enterprise.enterpriseId,
        fiscalYear: 2025,
      });
      const results = body.results.filter((r) => r.programCode === 'xixian-new-area.innovative-talents-plan');
      expect(results).toHaveLength(2);
      for (const r of results) expect(r.subject).toMatch(/^[0-9a-f]{64}$/);
      expect(results.filter((r) => r.eligible)).toEqual([
        expect.objectContaining({ amountFen: 86_000 * YUAN }),
      ]);
      expect(results.find((r) => !r.eligible)!.unmet.map((u) => u.clauseId)).toContain(
        'recognised-under-the-plan',
      );
      expect(JSON.stringify(body)).not.toContain(talent.slice(0, 17));
    });
  });
});
