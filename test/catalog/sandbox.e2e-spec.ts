import { Client } from 'pg';
import { api, bearer, createStaff, expectProblem, TestUser } from '../support/api-client';
import {
  connectPg,
  createTestZone,
  eventually,
  importRows,
  insertEnterprises,
  publishNewProgram,
  rndProgram,
} from './support/catalog-fixtures';

const YUAN = 100;
const WAN = 10_000 * YUAN;

interface RunView {
  id: string;
  status: string;
  baselineVersion: number | null;
  progress: { processed: number; total: number | null; percent: number | null };
  report: {
    enterprises: number;
    fiscalYears: {
      fiscalYear: number;
      candidate: Record<string, number>;
      baseline: Record<string, number> | null;
      deltaFen: number;
      gains: number;
      losses: number;
      gainFen: number;
      lossFen: number;
      pool: Record<string, unknown> | null;
    }[];
  } | null;
  final: boolean;
  topChanges: {
    enterpriseId: string;
    oldAmountFen: number;
    newAmountFen: number;
    deltaFen: number;
    kind: string;
  }[];
}

async function completed(token: string, id: string): Promise<RunView> {
  return eventually(async () => {
    const res = await api().get(`/sandbox-runs/${id}`).set(bearer(token));
    if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    const run = res.body as RunView;
    if (run.status === 'failed') throw new Error(`sandbox run failed: ${JSON.stringify(res.body)}`);
    return run.status === 'completed' ? run : undefined;
  });
}

/**
 * Enterprise i has R&D expense of (i mod 10) × 500,000 yuan in 2025. Version 1: 10 % from 1,000,000
 * yuan, at most 500,000; version 2: 20 % from 2,000,000 yuan, at most 600,000. Per ten enterprises:
 * v1 pays 100k..450k to 8 (2,200,000 yuan), v2 pays 400k, 500k and 600k × 4 to 6 (3,300,000 yuan);
 * the 1.0M and 1.5M ones lose, the 2.0M..4.5M ones gain.
 */
describe('policy sandbox', () => {
  const WITH_FACTS = 300;
  const WITHOUT_FACTS = 20;
  let pg: Client;
  let zone: { id: string; code: string };
  let admin: TestUser;
  let auditor: TestUser;
  let officer: TestUser;
  let otherAdmin: TestUser;
  let code: string;

  beforeAll(async () => {
    pg = await connectPg();
    zone = await createTestZone(pg);
    let finance: TestUser;
    [admin, auditor, officer, finance, otherAdmin] = await Promise.all([
      createStaff('policy_admin', zone.code),
      createStaff('auditor', zone.code),
      createStaff('officer', zone.code),
      createStaff('finance', zone.code),
      createStaff('policy_admin', 'changsha-etdz'),
    ]);
    code = `${zone.code}.rnd-reward`;
    await publishNewProgram(admin.token, rndProgram(zone.code, code));
    const enterprises = await insertEnterprises(pg, zone.id, WITH_FACTS + WITHOUT_FACTS);
    const imported = await importRows(
      admin.token,
      enterprises.slice(0, WITH_FACTS).map((e, i) => ({
        uscc: e.uscc,
        key: 'rnd_expense_fen',
        period: '2025',
        value: (i % 10) * 50 * WAN,
        source: 'tax_bureau',
      })),
    );
    expect(imported.body).toMatchObject({ written: WITH_FACTS, rejected: 0 });
    await api()
      .post('/fund-pools')
      .set(bearer(finance.token))
      .send({ programCode: code, fiscalYear: 2025, allocatedFen: 8_000 * WAN })
      .expect(201);
    await api()
      .post(`/programs/${code}/versions`)
      .set(bearer(admin.token))
      .send(
        rndProgram(zone.code, code, {
          rateBasisPoints: 2_000,
          minBaseFen: 200 * WAN,
          capFen: 60 * WAN,
          version: 2,
        }),
      )
      .expect(201);
  });
  afterAll(() => pg.end());

  it('runs a draft over every enterprise of the zone: who qualifies, the cost against the pool, who gains or loses', async () => {
    const factsBefore = await pg.query(`SELECT count(*)::int AS n FROM enterprise_facts WHERE zone_id = $1`, [
      zone.id,
    ]);
    const created = await api()
      .post(`/programs/${code}/versions/2/sandbox-runs`)
      .set(bearer(admin.token))
      .send({ fiscalYears: [2025, 2026] });
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({
      programCode: code,
      version: 2,
      programStatus: 'draft',
      baselineVersion: 1,
      fiscalYears: [2025, 2026],
    });
    expect(['queued', 'running', 'completed']).toContain(created.body.status);

    const run = await completed(auditor.token, created.body.id);
    expect(run.progress).toEqual({ processed: 320, total: 320, percent: 100 });
    expect(run.final).toBe(true);
    const [fy2025, fy2026] = run.report!.fiscalYears;
    expect(run.report!.enterprises).toBe(320);
    expect(fy2025).toMatchObject({
      fiscalYear: 2025,
      candidate: {
        eligible: 180,
        provisional: 0,
        totalFen: 30 * 330 * WAN,
        upToFen: 0,
        projectedFen: 30 * 330 * WAN,
      },
      baseline: { eligible: 240, totalFen: 30 * 220 * WAN, projectedFen: 30 * 220 * WAN },
      deltaFen: 30 * 110 * WAN,
      gains: 180,
      losses: 60,
      lossFen: 30 * (10 + 15) * WAN,
      gainFen: 30 * (20 + 25 + 30 + 25 + 20 + 15) * WAN,
      pool: {
        scope: 'program',
        allocatedFen: 8_000 * WAN,
        projectedFen: 9_900 * WAN,
        headroomFen: -1_900 * WAN,
        withinAllocation: false,
      },
    });
    // No facts for 2026: nobody qualifies under either version, and there is no pool.
    expect(fy2026).toMatchObject({
      candidate: { eligible: 0 },
      baseline: { eligible: 0 },
      gains: 0,
      losses: 0,
      pool: null,
    });

    expect(run.topChanges).toHaveLength(20);
    expect(run.topChanges[0]).toMatchObject({
      kind: 'gain',
      oldAmountFen: 30 * WAN,
      newAmountFen: 60 * WAN,
      deltaFen: 30 * WAN,
    });
    const losses = await api()
      .get(`/sandbox-runs/${run.id}/changes?kind=loss&pageSize=100`)
      .set(bearer(admin.token))
      .expect(200);
    expect(losses.body.total).toBe(60);
    expect(new Set(losses.body.items.map((c: { oldAmountFen: number }) => c.oldAmountFen))).toEqual(
      new Set([10 * WAN, 15 * WAN]),
    );
    expect(losses.body.items[0]).toMatchObject({
      kind: 'loss',
      newAmountFen: 0,
      oldEligible: true,
      newEligible: false,
      fiscalYear: 2025,
    });
    const gains = await api()
      .get(`/sandbox-runs/${run.id}/changes?kind=gain&fiscalYear=2025`)
      .set(bearer(admin.token))
      .expect(200);
    expect(gains.body.total).toBe(180);

    // The facts it read are untouched (that it writes nothing but its report is checked in sandbox-runner.int-spec).
    const after = await pg.query(`SELECT count(*)::int AS n FROM enterprise_facts WHERE zone_id = $1`, [
      zone.id,
    ]);
    expect(after.rows[0].n).toBe(factsBefore.rows[0].n);
  });

  it('a published version run against itself changes nothing', async () => {
    const created = await api()
      .post(`/programs/${code}/versions/1/sandbox-runs`)
      .set(bearer(admin.token))
      .send({ fiscalYears: [2025] });
    expect(created.status).toBe(202);
    const run = await completed(admin.token, created.body.id);
    expect(run.report!.fiscalYears[0]).toMatchObject({
      candidate: { eligible: 240 },
      baseline: { eligible: 240 },
      deltaFen: 0,
      gains: 0,
      losses: 0,
    });
    expect(run.topChanges).toEqual([]);
  });

  it("only the zone's policy admins run it; only its policy admins and auditors read it", async () => {
    const created = await api()
      .post(`/programs/${code}/versions/2/sandbox-runs`)
      .set(bearer(admin.token))
      .send({});
    expect(created.status).toBe(202);
    expect(created.body.fiscalYears).toEqual([expect.any(Number)]);
    expectProblem(
      await api().post(`/programs/${code}/versions/2/sandbox-runs`).set(bearer(otherAdmin.token)).send({}),
      404,
    );
    expectProblem(
      await api().post(`/programs/${code}/versions/1/sandbox-runs`).set(bearer(otherAdmin.token)).send({}),
      404,
    );
    expectProblem(
      await api().post(`/programs/${code}/versions/1/sandbox-runs`).set(bearer(officer.token)).send({}),
      403,
    );
    expectProblem(await api().get(`/sandbox-runs/${created.body.id}`).set(bearer(otherAdmin.token)), 404);
    expectProblem(await api().get(`/sandbox-runs/${created.body.id}`).set(bearer(officer.token)), 403);
    const bad = await api()
      .post(`/programs/${code}/versions/2/sandbox-runs`)
      .set(bearer(admin.token))
      .send({ fiscalYears: [2025, 2025, 1800] });
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['fiscalYears']);
    await completed(admin.token, created.body.id);
  });
});
