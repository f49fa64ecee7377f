import { DEFAULT_WORKING_CALENDAR, WorkingCalendar, workingDaysBetween } from '@huiqi/workflow';
import { api, bearer, createStaff, expectProblem, registerEnterprise, TestUser } from '../support/api-client';
import { makeIdNumber, uploadDocument, waitForState } from '../support/applications';
import { passStageDeadline, sql } from '../support/db';
import {
  approvedGrant,
  Grant,
  inFirstReview,
  MUNICIPAL_FEN,
  privateFiscalYear,
  PROGRAM,
  ZONE,
} from '../finance/support/grants';
import { bankDate } from '../support/bank-dates';

const COMMITMENT_ZONE = 'guangzhou-science-city';
const COMMITMENT = 'guangzhou-science-city.entrepreneurship-subsidy';
const HEADER = 'transaction_id,value_date,direction,amount,payment_reference,status,reason';

jest.setTimeout(180_000);

interface FundMonth {
  poolId: string;
  fiscalYear: number;
  month: string;
  allocatedFen: number;
  reservedFen: number;
  paidFen: number;
  availableFen: number;
}
interface Dashboard {
  zoneCode: string;
  year: number;
  fiscalYear: number | null;
  funds: FundMonth[];
  states: { state: string; count: number }[];
  overdueCount: number;
  approvedCount: number;
  paidCount: number;
  medianWorkingDaysToPayment: number | null;
  screeningRefusedCount: number;
  screeningRefusals: { clauseId: string; reasonZh: string; reasonEn: string; count: number }[];
}

async function dashboard(token: string, query: Record<string, unknown> = {}): Promise<Dashboard> {
  const res = await api().get('/dashboard').query(query).set(bearer(token));
  expect(res.status).toBe(200);
  return res.body as Dashboard;
}

const beijingMonth = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);

/**
 * The zone leader's dashboard against data made here through the real API and worker: a fund pool,
 * grants approved, paid through a batch and a bank statement, one left reserved, an overdue case, and
 * a screening refusal in another zone.
 */
describe('GET /dashboard (数据看板)', () => {
  let fy: number;
  let finance: TestUser;
  let officer: TestUser;
  let director: TestUser;
  let poolId: string;
  let grants: Grant[];
  let overdueId: string;
  let before: Dashboard;

  beforeAll(async () => {
    fy = await privateFiscalYear();
    [finance, officer, director] = await Promise.all([
      createStaff('finance', ZONE),
      createStaff('officer', ZONE),
      createStaff('director', ZONE),
    ]);
    before = await dashboard(director.token);
    const pool = await api()
      .post('/fund-pools')
      .set(bearer(finance.token))
      .send({ programCode: PROGRAM, fiscalYear: fy, allocatedFen: 10 * MUNICIPAL_FEN })
      .expect(201);
    poolId = pool.body.id;
    grants = [];
    for (let i = 0; i < 3; i++) grants.push(await approvedGrant(officer, fy));

    // Pay two of the three through a batch and a bank statement; the third stays reserved (disbursing).
    const batch = await api()
      .post('/disbursement-batches')
      .set(bearer(finance.token))
      .send({ programCode: PROGRAM, fiscalYear: fy })
      .expect(201);
    const references = new Map<string, string>(
      batch.body.items.map((i: { applicationId: string; paymentReference: string }) => [
        i.applicationId,
        i.paymentReference,
      ]),
    );
    await api()
      .post(`/disbursement-batches/${batch.body.id}/lock`)
      .set(bearer(finance.token))
      .send()
      .expect(200);
    await api()
      .post(`/disbursement-batches/${batch.body.id}/export`)
      .set(bearer(finance.token))
      .send()
      .expect(200);
    const lines = grants
      .slice(0, 2)
      .map((g, i) => `DASH-${fy}-${i},${bankDate()},debit,500000.00,${references.get(g.id)},success,`);
    await api()
      .post('/bank-statements')
      .set(bearer(finance.token))
      .send({ fileName: 'dashboard.csv', content: [HEADER, ...lines].join('\r\n') })
      .expect(201);
    for (const g of grants.slice(0, 2)) await waitForState(finance.token, g.id, 'paid');

    // One case past its first-review deadline.
    overdueId = (await inFirstReview(officer, fy)).id;
    await passStageDeadline(overdueId);
  });

  it('money per pool and month comes from the ledger: allocated, reserved, paid, available', async () => {
    const d = await dashboard(director.token, { fiscalYear: fy });
    expect(d).toMatchObject({ zoneCode: ZONE, fiscalYear: fy });
    const rows = d.funds.filter((f) => f.poolId === poolId);
    // The pool moved this month only: one row, at the current month.
    expect(rows).toEqual([
      expect.objectContaining({
        fiscalYear: fy,
        month: beijingMonth(new Date()),
        allocatedFen: 10 * MUNICIPAL_FEN,
        reservedFen: MUNICIPAL_FEN,
        paidFen: 2 * MUNICIPAL_FEN,
        availableFen: 7 * MUNICIPAL_FEN,
      }),
    ]);
    // Only pools of the fiscal year asked for.
    expect(d.funds.every((f) => f.fiscalYear === fy)).toBe(true);
    // A past year: the pool had not moved yet, so it has no row.
    const past = await dashboard(director.token, { fiscalYear: fy, year: 2020 });
    expect(past.funds).toEqual([]);
  });

  it('counts cases per state, overdue, approved and paid', async () => {
    // Other test files work in the same zone at the same time: the zone-wide counts are checked against
    // the database read just before and just after the dashboard, on a read where the two agree.
    const zoneCounts = async () => {
      const rows = await sql<{ state: string; n: string; overdue: string }>(
        `SELECT a.state, count(*) AS n, count(*) FILTER (WHERE a.stage IS NOT NULL AND a.stage_due_at < now()) AS overdue
         FROM applications a JOIN zones z ON z.id = a.zone_id
         WHERE z.code = $1 AND a.state <> 'draft' GROUP BY a.state ORDER BY a.state`,
        [ZONE],
      );
      return {
        states: rows.map((r) => ({ state: r.state, count: Number(r.n) })),
        overdue: rows.reduce((sum, r) => sum + Number(r.overdue), 0),
      };
    };
    let d: Dashboard | undefined;
    let quiet: Awaited<ReturnType<typeof zoneCounts>> | undefined;
    for (let attempt = 0; attempt < 20 && !quiet; attempt++) {
      const first = await zoneCounts();
      d = await dashboard(director.token, { fiscalYear: fy });
      const second = await zoneCounts();
      if (JSON.stringify(first) === JSON.stringify(second)) quiet = first;
    }
    expect(quiet).toBeDefined();
    expect(d!.states).toEqual(quiet!.states);
    expect(d!.overdueCount).toBe(quiet!.overdue);
    expect(d!.states.some((s) => s.state === 'draft')).toBe(false);
    // What this test made is in those counts: two paid, one reserved, one overdue in first review.
    const ours = await sql<{ id: string; state: string; overdue: boolean }>(
      `SELECT id, state, (stage IS NOT NULL AND stage_due_at < now()) AS overdue FROM applications WHERE id = ANY($1)`,
      [[...grants.map((g) => g.id), overdueId]],
    );
    const stateOf = (id: string) => ours.find((r) => r.id === id);
    expect(grants.map((g) => stateOf(g.id)?.state)).toEqual(['paid', 'paid', 'disbursing']);
    expect(stateOf(overdueId)).toMatchObject({ state: 'first_review', overdue: true });
    // Approved and paid are counted within the fiscal year asked for, which only this test uses.
    expect(d!.approvedCount).toBe(3);
    expect(d!.paidCount).toBe(2);
  });

  it('the median working days from submission to payment follow the zone calendar', async () => {
    // Move the two submissions back: 3 and 12 calendar days before payment.
    await sql(`UPDATE applications SET submitted_at = paid_at - interval '3 days' WHERE id = $1`, [
      grants[0].id,
    ]);
    await sql(`UPDATE applications SET submitted_at = paid_at - interval '12 days' WHERE id = $1`, [
      grants[1].id,
    ]);
    const rows = await sql<{ submitted_at: Date; paid_at: Date }>(
      `SELECT submitted_at, paid_at FROM applications WHERE id = ANY($1)`,
      [[grants[0].id, grants[1].id]],
    );
    const stored = await sql<{ holidays: string[]; extra_workdays: string[] }>(
      `SELECT holidays, extra_workdays FROM working_calendars WHERE scope = ANY($1) ORDER BY scope = $2 DESC`,
      [[ZONE, 'default'], ZONE],
    );
    const calendar: WorkingCalendar = stored[0]
      ? { timeZone: 'Asia/Shanghai', holidays: stored[0].holidays, extraWorkdays: stored[0].extra_workdays }
      : DEFAULT_WORKING_CALENDAR;
    const days = rows
      .map((r) => workingDaysBetween(r.submitted_at, r.paid_at, calendar))
      .sort((a, b) => a - b);
    expect(days[1]).toBeGreaterThan(days[0]);
    const d = await dashboard(director.token, { fiscalYear: fy });
    expect(d.medianWorkingDaysToPayment).toBe((days[0] + days[1]) / 2);
  });

  it('screening refusals by reason, in the refusing zone only', async () => {
    const [gzOfficer, gzDirector] = await Promise.all([
      createStaff('officer', COMMITMENT_ZONE),
      createStaff('director', COMMITMENT_ZONE),
    ]);
    const gzBefore = await dashboard(gzDirector.token, { fiscalYear: 2026 });
    const old = await registerEnterprise(COMMITMENT_ZONE);
    await api()
      .post(`/enterprises/${old.enterpriseId}/facts`)
      .set(bearer(gzOfficer.token))
      .send({ key: 'established_on', value: '2015-01-01', source: 'market_regulation' })
      .expect(201);
    const created = await api()
      .post('/applications')
      .set(bearer(old.token))
      .send({
        programCode: COMMITMENT,
        fiscalYear: 2026,
        form: { founderName: '赵六', idNumber: makeIdNumber(), commitmentSigned: true },
      })
      .expect(201);
    await uploadDocument(old.token, created.body.id, 'signed-commitment').expect(201);
    await api()
      .post(`/applications/${created.body.id}/submit`)
      .set(bearer(old.token))
      .send({ commitmentSigned: true })
      .expect(200);
    const rejected = await waitForState(old.token, created.body.id, 'rejected');
    const unmet = (rejected.evidence as { unmet: { clauseId: string; reason: { zh: string; en: string } }[] })
      .unmet;
    expect(unmet.length).toBeGreaterThan(0);

    const gz = await dashboard(gzDirector.token, { fiscalYear: 2026 });
    expect(gz.zoneCode).toBe(COMMITMENT_ZONE);
    expect(gz.screeningRefusedCount - gzBefore.screeningRefusedCount).toBe(1);
    for (const u of unmet) {
      const was = gzBefore.screeningRefusals.find((r) => r.clauseId === u.clauseId)?.count ?? 0;
      expect(gz.screeningRefusals.find((r) => r.clauseId === u.clauseId)).toEqual({
        clauseId: u.clauseId,
        reasonZh: u.reason.zh,
        reasonEn: u.reason.en,
        count: was + 1,
      });
    }
    // Zone-scoped: neither zone sees the other's pools or refusals.
    expect(gz.funds.some((f) => f.poolId === poolId)).toBe(false);
    const nx = await dashboard(director.token, { fiscalYear: 2026 });
    expect(nx.screeningRefusals.filter((r) => unmet.some((u) => u.clauseId === r.clauseId))).toEqual(
      before.screeningRefusals.filter((r) => unmet.some((u) => u.clauseId === r.clauseId)),
    );
  });

  it('is for directors only; a bad year is a 400 naming it', async () => {
    const enterprise = await registerEnterprise(ZONE);
    const [expert, auditor] = await Promise.all([createStaff('expert', ZONE), createStaff('auditor', ZONE)]);
    for (const token of [enterprise.token, expert.token, officer.token, finance.token, auditor.token]) {
      expectProblem(await api().get('/dashboard').set(bearer(token)), 403);
    }
    expectProblem(await api().get('/dashboard'), 401);
    const bad = await api().get('/dashboard').query({ year: 'last' }).set(bearer(director.token));
    expectProblem(bad, 400);
    expect(JSON.stringify(bad.body.errors)).toMatch(/year/);
  });
});
