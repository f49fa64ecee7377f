import {
  api,
  bearer,
  createStaff,
  expectProblem,
  registerEnterprise,
  TestEnterprise,
  TestUser,
} from '../support/api-client';
import { privateFiscalYear } from './support/grants';

const ZONE = 'changsha-etdz';
const PROGRAM = 'changsha-etdz.equipment-upgrade';
const DOCUMENT = 'changsha-etdz.new-quality-productivity-measures-2025';

/**
 * A fiscal year no other test (of this file or another) uses, since pools are unique per code and
 * year: a random year here collided with the file's own other pools often enough to fail runs.
 */
const year = () => privateFiscalYear();

describe('fund pools', () => {
  let finance: TestUser;
  let auditor: TestUser;
  let officer: TestUser;
  let director: TestUser;
  let otherZoneFinance: TestUser;
  let enterprise: TestEnterprise;

  beforeAll(async () => {
    [finance, auditor, officer, director, otherZoneFinance] = await Promise.all([
      createStaff('finance', ZONE),
      createStaff('auditor', ZONE),
      createStaff('officer', ZONE),
      createStaff('director', ZONE),
      createStaff('finance', 'ningxiang-htz'),
    ]);
    enterprise = await registerEnterprise(ZONE);
  });

  async function createPool(body: Record<string, unknown>) {
    return api().post('/fund-pools').set(bearer(finance.token)).send(body);
  }

  it('finance creates a pool, changes its allocation, and every change is in the ledger and the audit log', async () => {
    const fiscalYear = await year();
    const created = await createPool({
      programCode: PROGRAM,
      fiscalYear,
      allocatedFen: 500_000_00,
      comment: '预算批复',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      scope: 'program',
      programCode: PROGRAM,
      policyDocumentCode: null,
      fiscalYear,
      allocatedFen: 500_000_00,
      availableFen: 500_000_00,
      reservedFen: 0,
      paidFen: 0,
    });
    expect(created.body.name).toContain(String(fiscalYear));
    const id = created.body.id as string;

    const raised = await api()
      .put(`/fund-pools/${id}/allocation`)
      .set(bearer(finance.token))
      .send({ allocatedFen: 800_000_00, comment: '追加预算' })
      .expect(200);
    expect(raised.body).toMatchObject({ allocatedFen: 800_000_00, availableFen: 800_000_00 });
    await api()
      .put(`/fund-pools/${id}/allocation`)
      .set(bearer(finance.token))
      .send({ allocatedFen: 700_000_00, comment: '调减' })
      .expect(200);

    const detail = await api().get(`/fund-pools/${id}`).set(bearer(auditor.token)).expect(200);
    expect(detail.body).toMatchObject({ allocatedFen: 700_000_00, consistent: true });
    expect(detail.body.balancesFromEntries).toMatchObject({
      allocatedFen: 700_000_00,
      availableFen: 700_000_00,
    });

    const ledger = await api().get(`/fund-pools/${id}/ledger`).set(bearer(finance.token)).expect(200);
    expect(ledger.body.items.map((j: { kind: string; amountFen: number }) => [j.kind, j.amountFen])).toEqual([
      ['deallocate', 100_000_00],
      ['allocate', 300_000_00],
      ['allocate', 500_000_00],
    ]);
    for (const journal of ledger.body.items as { entries: { amountFen: number }[] }[]) {
      expect(journal.entries.reduce((s, e) => s + e.amountFen, 0)).toBe(0);
    }
    // Running balances after each journal, newest first; a page further down keeps the older ones.
    type Running = { balancesAfter: { allocatedFen: number; availableFen: number } };
    const after = (items: Running[]) =>
      items.map((j) => [j.balancesAfter.allocatedFen, j.balancesAfter.availableFen]);
    expect(after(ledger.body.items)).toEqual([
      [700_000_00, 700_000_00],
      [800_000_00, 800_000_00],
      [500_000_00, 500_000_00],
    ]);
    const second = await api()
      .get(`/fund-pools/${id}/ledger?page=2&pageSize=2`)
      .set(bearer(finance.token))
      .expect(200);
    expect(after(second.body.items)).toEqual([[500_000_00, 500_000_00]]);

    const history = await api().get(`/fund-pools/${id}/history`).set(bearer(auditor.token)).expect(200);
    expect(history.body.map((e: { action: string }) => e.action)).toEqual([
      'fund-pool.created',
      'fund-pool.allocation-changed',
      'fund-pool.allocation-changed',
    ]);
    expect(history.body[2]).toMatchObject({
      actorId: finance.id,
      comment: '调减',
      data: { deltaFen: -100_000_00 },
    });
  });

  it('a pool per policy document; one pool per code and year', async () => {
    const fiscalYear = await year();
    const doc = await createPool({ policyDocumentCode: DOCUMENT, fiscalYear, allocatedFen: 0 });
    expect(doc.status).toBe(201);
    expect(doc.body).toMatchObject({
      scope: 'policy_document',
      policyDocumentCode: DOCUMENT,
      allocatedFen: 0,
    });
    const again = await createPool({ policyDocumentCode: DOCUMENT, fiscalYear, allocatedFen: 1 });
    expectProblem(again, 409);
    expect(again.body.errors[0].field).toBe('policyDocumentCode');
  });

  it('names the bad field of a bad request', async () => {
    const cases: [Record<string, unknown>, string[]][] = [
      [{ programCode: PROGRAM, allocatedFen: 1 }, ['fiscalYear']],
      [{ programCode: PROGRAM, fiscalYear: 2030, allocatedFen: 1.5 }, ['allocatedFen']],
      [{ programCode: PROGRAM, fiscalYear: 2030, allocatedFen: -1 }, ['allocatedFen']],
      [{ programCode: PROGRAM, fiscalYear: 2030, allocatedFen: '100' }, ['allocatedFen']],
      [{ programCode: PROGRAM, fiscalYear: 2030, allocatedFen: 2 ** 60 }, ['allocatedFen']],
      [{ fiscalYear: 2030, allocatedFen: 1 }, ['programCode', 'policyDocumentCode']],
      [
        { programCode: PROGRAM, policyDocumentCode: DOCUMENT, fiscalYear: 2030, allocatedFen: 1 },
        ['programCode', 'policyDocumentCode'],
      ],
      [{ programCode: 'ningxiang-htz.listing', fiscalYear: 2030, allocatedFen: 1 }, ['programCode']],
      [{ programCode: PROGRAM, fiscalYear: 2030, allocatedFen: 1, reservedFen: 0 }, ['reservedFen']],
    ];
    for (const [body, fields] of cases) {
      const res = await createPool(body);
      expectProblem(res, 400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([...fields].sort());
    }
  });

  it('requires a reason for an allocation change', async () => {
    const created = await createPool({ programCode: PROGRAM, fiscalYear: await year(), allocatedFen: 100 });
    const res = await api()
      .put(`/fund-pools/${created.body.id}/allocation`)
      .set(bearer(finance.token))
      .send({ allocatedFen: 99, comment: '' });
    expectProblem(res, 400);
    expect(res.body.errors[0].field).toBe('comment');
  });

  it('only finance of the zone touches its pools; auditors of the zone read; other zones get 404', async () => {
    const created = await createPool({ programCode: PROGRAM, fiscalYear: await year(), allocatedFen: 1_000 });
    const id = created.body.id as string;
    for (const user of [officer, director, enterprise]) {
      expectProblem(await api().get('/fund-pools').set(bearer(user.token)), 403);
      expectProblem(await api().get(`/fund-pools/${id}`).set(bearer(user.token)), 403);
      expectProblem(
        await api()
          .post('/fund-pools')
          .set(bearer(user.token))
          .send({ programCode: PROGRAM, fiscalYear: 2030, allocatedFen: 1 }),
        403,
      );
    }
    expectProblem(
      await api()
        .post('/fund-pools')
        .set(bearer(auditor.token))
        .send({ programCode: PROGRAM, fiscalYear: 2030, allocatedFen: 1 }),
      403,
    );
    expectProblem(
      await api()
        .put(`/fund-pools/${id}/allocation`)
        .set(bearer(auditor.token))
        .send({ allocatedFen: 5, comment: 'x' }),
      403,
    );
    await api().get(`/fund-pools/${id}/ledger`).set(bearer(auditor.token)).expect(200);

    for (const path of [`/fund-pools/${id}`, `/fund-pools/${id}/ledger`, `/fund-pools/${id}/history`]) {
      const res = await api().get(path).set(bearer(otherZoneFinance.token));
      expectProblem(res, 404);
      expect(res.body.detail).toBe('fund pool not found');
    }
    expectProblem(
      await api()
        .put(`/fund-pools/${id}/allocation`)
        .set(bearer(otherZoneFinance.token))
        .send({ allocatedFen: 1, comment: 'x' }),
      404,
    );
    const theirs = await api()
      .get('/fund-pools')
      .query({ pageSize: 100 })
      .set(bearer(otherZoneFinance.token))
      .expect(200);
    expect(theirs.body.items.map((p: { id: string }) => p.id)).not.toContain(id);
    const ours = await api()
      .get('/fund-pools')
      .query({ code: PROGRAM, pageSize: 100 })
      .set(bearer(auditor.token))
      .expect(200);
    expect(ours.body.items.map((p: { id: string }) => p.id)).toContain(id);
  });
});
