import {
  api,
  bearer,
  createStaff,
  expectProblem,
  registerEnterprise,
  TestEnterprise,
  TestUser,
  uniqueName,
} from '../support/api-client';
import { act, ensurePool } from '../support/applications';
import { sql } from '../support/db';
import { caseInDirectorApproval, caseInFirstReview, NATIONAL_FEN, PLATFORM } from './cases';

interface BulkView {
  id: string;
  status: string;
  total: number;
  done: number;
  succeeded: number;
  failed: number;
  items: {
    applicationId: string;
    outcome: 'succeeded' | 'failed' | null;
    stateAfter: string | null;
    error: { type: string; detail: string } | null;
  }[];
}

async function waitForBulk(token: string, id: string, timeoutMs = 60_000): Promise<BulkView> {
  const deadline = Date.now() + timeoutMs;
  let last: BulkView | undefined;
  while (Date.now() < deadline) {
    const res = await api().get(`/bulk-actions/${id}`).set(bearer(token));
    expect(res.status).toBe(200);
    last = res.body as BulkView;
    if (last.status === 'completed' || last.status === 'failed') return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`bulk action ${id} did not finish (last: ${JSON.stringify(last)})`);
}

function bulk(token: string, body: Record<string, unknown>) {
  return api().post('/bulk-actions').set(bearer(token)).send(body);
}

async function poolDetail(financeToken: string, poolId: string) {
  return (await api().get(`/fund-pools/${poolId}`).set(bearer(financeToken)).expect(200)).body as {
    reservedFen: number;
    availableFen: number;
    consistent: boolean;
  };
}

describe('bulk approval and return (worker, per-case outcomes, no partial money write)', () => {
  let officer: TestUser;
  let director: TestUser;
  let director2: TestUser;
  let finance: TestUser;
  let enterprise: TestEnterprise;
  let otherZoneDirector: TestUser;

  beforeAll(async () => {
    [officer, director, director2, finance, otherZoneDirector] = await Promise.all([
      createStaff('officer', 'ningxiang-htz'),
      createStaff('director', 'ningxiang-htz'),
      createStaff('director', 'ningxiang-htz'),
      createStaff('finance', 'ningxiang-htz'),
      createStaff('director', 'changsha-etdz'),
    ]);
    enterprise = await registerEnterprise('ningxiang-htz');
  });

  it('a pool that runs out in the middle: earlier cases fully approved, later ones refused with insufficient-funds, ledger and audit consistent', async () => {
    const FY = 2028;
    const poolId = await ensurePool(finance.token, PLATFORM, FY, 3 * NATIONAL_FEN);
    const before = await poolDetail(finance.token, poolId);
    expect(before.availableFen).toBe(3 * NATIONAL_FEN); // this test owns the 2028 pool
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await caseInDirectorApproval(enterprise, officer, FY));
    const versions = await sql<{ id: string; version: number }>(
      'SELECT id, version FROM applications WHERE id = ANY($1)',
      [ids],
    );

    const created = await bulk(director.token, {
      action: 'approve',
      comment: '同意（批量）',
      applicationIds: ids,
    });
    expect(created.status).toBe(202);
    expect(created.headers.location).toBe(`/bulk-actions/${created.body.id}`);
    expect(created.body).toMatchObject({ status: 'queued', total: 5, done: 0 });

    const done = await waitForBulk(director.token, created.body.id);
    expect(done).toMatchObject({ status: 'completed', total: 5, done: 5, succeeded: 3, failed: 2 });
    expect(done.items.map((i) => i.applicationId)).toEqual(ids);
    expect(done.items.slice(0, 3).map((i) => [i.outcome, i.stateAfter])).toEqual(
      Array(3).fill(['succeeded', 'publicity']),
    );
    for (const item of done.items.slice(3)) {
      expect(item).toMatchObject({
        outcome: 'failed',
        stateAfter: null,
        error: { type: 'insufficient-funds' },
      });
    }

    // Money: exactly the three approved cases hold a reservation; the pool equals its entries.
    const pool = await poolDetail(finance.token, poolId);
    expect(pool).toMatchObject({ reservedFen: 3 * NATIONAL_FEN, availableFen: 0, consistent: true });
    const reservations = await sql<{ application_id: string; amount_fen: string }>(
      `SELECT application_id, amount_fen FROM fund_reservations WHERE application_id = ANY($1) AND status = 'reserved'`,
      [ids],
    );
    expect(reservations.map((r) => r.application_id).sort()).toEqual(ids.slice(0, 3).sort());
    const journals = await sql<{ unbalanced: string }>(
      `SELECT count(*) AS unbalanced FROM (SELECT journal_id FROM ledger_entries GROUP BY journal_id HAVING sum(amount_fen) <> 0) j`,
    );
    expect(journals[0].unbalanced).toBe('0');

    // The refused cases are untouched: same state, same version, no approve event; every chain verifies.
    const after = await sql<{
      id: string;
      state: string;
      version: number;
      approved_amount_fen: string | null;
    }>('SELECT id, state, version, approved_amount_fen FROM applications WHERE id = ANY($1)', [ids.slice(3)]);
    for (const row of after) {
      expect(row).toMatchObject({ state: 'director_approval', approved_amount_fen: null });
      expect(row.version).toBe(versions.find((v) => v.id === row.id)!.version);
    }
    for (const [index, id] of ids.entries()) {
      const history = await api().get(`/applications/${id}/history`).set(bearer(director.token)).expect(200);
      const approvals = history.body.filter(
        (e: { action: string; actorRole: string }) => e.action === 'approve' && e.actorRole === 'director',
      );
      expect(approvals).toHaveLength(index < 3 ? 1 : 0);
      if (index < 3) expect(approvals[0]).toMatchObject({ actorId: director.id, comment: '同意（批量）' });
      const verdict = await api()
        .get(`/applications/${id}/history/verify`)
        .set(bearer(director.token))
        .expect(200);
      expect(verdict.body.valid).toBe(true);
    }
  });

  it('a bulk approval racing single approvals of the same cases: each case is approved exactly once', async () => {
    const FY = 2029;
    const poolId = await ensurePool(finance.token, PLATFORM, FY, 20 * NATIONAL_FEN);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await caseInDirectorApproval(enterprise, officer, FY));
    const [created, ...singles] = await Promise.all([
      bulk(director.token, { action: 'approve', comment: '批量同意', applicationIds: ids }),
      ...ids.map((id) => act(director2.token, id, { type: 'approve', comment: '单独同意' })),
    ]);
    expect(created.status).toBe(202);
    const done = await waitForBulk(director.token, created.body.id);
    expect(done.done).toBe(4);
    for (const [i, id] of ids.entries()) {
      const single = singles[i];
      expect([200, 409]).toContain(single.status);
      const bulkWon = done.items[i].outcome === 'succeeded';
      // Exactly one of the two won.
      expect(bulkWon).toBe(single.status === 409);
      if (!bulkWon) expect(['transition-not-allowed', 'stale-version']).toContain(done.items[i].error!.type);
      const approvals = await sql<{ n: string }>(
        `SELECT count(*) AS n FROM audit_events WHERE stream = $1 AND action = 'approve' AND actor_role = 'director'`,
        [`application:${id}`],
      );
      expect(approvals[0].n).toBe('1');
    }
    const reservations = await sql<{ n: string }>(
      `SELECT count(*) AS n FROM fund_reservations WHERE application_id = ANY($1)`,
      [ids],
    );
    expect(reservations[0].n).toBe('4');
    const pool = await poolDetail(finance.token, poolId);
    expect(pool).toMatchObject({ reservedFen: 4 * NATIONAL_FEN, consistent: true });
  });

  it('an officer returns all their matching cases at first review with one comment (filter selection)', async () => {
    const other = await registerEnterprise('ningxiang-htz', { name: uniqueName('批量退回测试有限公司') });
    const colleague = await createStaff('officer', 'ningxiang-htz');
    const mine = [await caseInFirstReview(other, officer), await caseInFirstReview(other, officer)];
    const theirs = await caseInFirstReview(other, colleague);
    const created = await bulk(officer.token, {
      action: 'return',
      comment: '请补充平台认定文件原件',
      filter: { q: other.uscc },
    });
    expect(created.status).toBe(202);
    // A colleague's case is not selected by a filter: officers act on their own (or unassigned) work.
    expect(created.body.total).toBe(2);
    const done = await waitForBulk(officer.token, created.body.id);
    expect(done).toMatchObject({ status: 'completed', succeeded: 2, failed: 0 });
    expect(done.items.map((i) => i.applicationId).sort()).toEqual([...mine].sort());
    for (const id of mine) {
      const res = await api().get(`/applications/${id}`).set(bearer(other.token)).expect(200);
      expect(res.body.state).toBe('amending');
    }
    const untouched = await api().get(`/applications/${theirs}`).set(bearer(officer.token)).expect(200);
    expect(untouched.body.state).toBe('first_review');

    // Explicit ids of a colleague's case: the machine refuses it for this officer, reported per case.
    const explicit = await bulk(officer.token, {
      action: 'approve',
      comment: '同意',
      applicationIds: [theirs],
    });
    const refused = await waitForBulk(officer.token, explicit.body.id);
    expect(refused.items[0]).toMatchObject({ outcome: 'failed', error: { type: 'transition-forbidden' } });
  });

  it('roles and zones: only officers and directors start one; another zone sees nothing', async () => {
    const id = await caseInFirstReview(enterprise, officer);
    for (const role of ['expert', 'finance', 'auditor', 'policy_admin']) {
      const user = await createStaff(role, 'ningxiang-htz');
      expectProblem(await bulk(user.token, { action: 'approve', comment: 'x', applicationIds: [id] }), 403);
    }
    expectProblem(
      await bulk(enterprise.token, { action: 'approve', comment: 'x', applicationIds: [id] }),
      403,
    );

    // Another zone's director: the case id is a 404, and so is the bulk action.
    expectProblem(
      await bulk(otherZoneDirector.token, { action: 'approve', comment: 'x', applicationIds: [id] }),
      404,
    );
    const mine = await bulk(officer.token, { action: 'return', comment: '补正', applicationIds: [id] });
    expect(mine.status).toBe(202);
    expectProblem(await api().get(`/bulk-actions/${mine.body.id}`).set(bearer(otherZoneDirector.token)), 404);
    const list = await api().get('/bulk-actions').set(bearer(otherZoneDirector.token)).expect(200);
    expect(list.body.map((b: { id: string }) => b.id)).not.toContain(mine.body.id);
    await waitForBulk(officer.token, mine.body.id);
  });

  it('names the bad field: neither or both selections, unknown action, empty comment', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ action: 'approve', comment: 'x' }, 'applicationIds'],
      [{ action: 'approve', comment: 'x', applicationIds: [], filter: {} }, 'applicationIds'],
      [{ action: 'pay', comment: 'x', applicationIds: [crypto.randomUUID()] }, 'action'],
      [{ action: 'approve', comment: '', applicationIds: [crypto.randomUUID()] }, 'comment'],
      [{ action: 'approve', comment: 'x', applicationIds: ['not-a-uuid'] }, 'applicationIds'],
      [{ action: 'approve', comment: 'x', filter: { sort: 'bogus' } }, 'filter.sort'],
    ];
    for (const [body, field] of cases) {
      const res = await bulk(director.token, body);
      expectProblem(res, 400);
      expect(res.body.errors.map((e: { field: string }) => e.field).join(' ')).toContain(field);
    }
  });
});
