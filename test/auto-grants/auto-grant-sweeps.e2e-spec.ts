import { api, bearer, createStaff, expectProblem, registerEnterprise, TestUser } from '../support/api-client';
import { act, ensurePool, waitForState } from '../support/applications';
import { makeDeadlinesDue, sql } from '../support/db';
import {
  currentFiscalYear,
  eventually,
  offersOf,
  recordFact,
  seedEnterprises,
  seedFact,
  startSweep,
  waitForSweep,
} from './support';

const HIGH_TECH = 'ningxiang-htz.high-tech-enterprise';
const LISTING = 'ningxiang-htz.listing';
const HIGH_TECH_FEN = 10_000_000; // 100,000 yuan once
const LISTING_FEN = 100_000_000; // 1,000,000 yuan once
const FY = currentFiscalYear();

describe('auto-grant sweeps (免申即享) end to end', () => {
  let admin: TestUser;
  let finance: TestUser;
  let officer: TestUser;

  beforeAll(async () => {
    [admin, finance, officer] = await Promise.all([
      createStaff('policy_admin', 'ningxiang-htz'),
      createStaff('finance', 'ningxiang-htz'),
      createStaff('officer', 'ningxiang-htz'),
    ]);
    await ensurePool(finance.token, HIGH_TECH, FY, 1_000_000_000);
    await ensurePool(finance.token, LISTING, FY, 1_000_000_000);
  });

  it('a sweep offers a certified and listed enterprise both awards with their evidence; confirm → approved, decline → declined', async () => {
    const enterprise = await registerEnterprise('ningxiang-htz');
    // Facts already in the database (fed before this test): only a sweep finds them.
    await seedFact([enterprise.enterpriseId], {
      key: 'high_tech_certificate',
      value: { certificateNo: 'GR202643001234', grantedOn: `${FY}-03-15` },
      source: 'science_technology_bureau',
    });
    await seedFact([enterprise.enterpriseId], {
      key: 'listing',
      value: { exchange: 'SSE', ticker: '688123', listedOn: `${FY}-06-18` },
      source: 'stock_exchange',
    });
    expect(await offersOf(enterprise.token)).toEqual([]);

    const started = await startSweep(admin.token);
    expect(started).toMatchObject({
      status: 'pending',
      zoneCode: 'ningxiang-htz',
      programCode: null,
      fiscalYear: FY,
      processed: 0,
      trigger: 'manual',
    });
    expect(started.total).toBeGreaterThan(0);
    expect((started.programVersions as { code: string }[]).map((p) => p.code)).toEqual(
      expect.arrayContaining([HIGH_TECH, LISTING]),
    );
    const done = await waitForSweep(admin.token, started.id);
    expect(done).toMatchObject({ status: 'completed', errorCount: 0, errors: [] });
    expect(done.processed).toBe(done.total);
    expect(done.offersCreated).toBeGreaterThanOrEqual(2);

    const offers = await offersOf(enterprise.token);
    const byCode = new Map(offers.map((o) => [o.programCode, o]));
    expect(offers).toHaveLength(2);
    expect(byCode.get(HIGH_TECH)).toMatchObject({ state: 'offered', computedAmountFen: HIGH_TECH_FEN });
    expect(byCode.get(LISTING)).toMatchObject({ state: 'offered', computedAmountFen: LISTING_FEN });

    // The evidence that justified the offer is stored with it.
    const highTech = await api()
      .get(`/applications/${byCode.get(HIGH_TECH)!.id}`)
      .set(bearer(enterprise.token))
      .expect(200);
    expect(highTech.body.evidence).toMatchObject({ eligible: true, amountFen: HIGH_TECH_FEN });
    const certificate = highTech.body.evidence.evidence[0].facts[0];
    expect(certificate).toMatchObject({ key: 'high_tech_certificate', value: { grantedOn: `${FY}-03-15` } });

    // Confirm (bank account on file) → funds reserved → publicity → approved.
    const confirmed = await act(enterprise.token, byCode.get(HIGH_TECH)!.id, {
      type: 'confirm',
      bankAccountConfirmed: true,
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ state: 'publicity', approvedAmountFen: HIGH_TECH_FEN });
    expect(await makeDeadlinesDue(byCode.get(HIGH_TECH)!.id, 'publicity-end')).toBe(1);
    await waitForState(enterprise.token, byCode.get(HIGH_TECH)!.id, 'approved');

    const declined = await act(enterprise.token, byCode.get(LISTING)!.id, {
      type: 'decline',
      comment: '已获其他渠道奖励',
    });
    expect(declined.status).toBe(200);
    expect(declined.body.state).toBe('declined');

    // The sweep's history: started by the policy admin, completed by the system.
    const history = await sql<{ action: string; actor_id: string | null }>(
      `SELECT action, actor_id FROM audit_events WHERE stream = $1 ORDER BY seq`,
      [`auto-grant-sweep:${started.id}`],
    );
    expect(history).toEqual([
      { action: 'auto-grant-sweep.started', actor_id: admin.id },
      { action: 'auto-grant-sweep.completed', actor_id: null },
    ]);
  });

  it('a new fact triggers a targeted check that offers within seconds, without a sweep', async () => {
    const enterprise = await registerEnterprise('ningxiang-htz');
    const recorded = await recordFact(officer.token, enterprise.enterpriseId, {
      key: 'high_tech_certificate',
      value: { certificateNo: 'GR202643009876', grantedOn: `${FY}-09-01` },
      source: 'science_technology_bureau',
    });
    expect(recorded.status).toBe(201);
    const [offer] = await eventually(
      () => offersOf(enterprise.token),
      (offers) => offers.length > 0,
      'an offer after the certificate',
    );
    expect(offer).toMatchObject({
      programCode: HIGH_TECH,
      state: 'offered',
      computedAmountFen: HIGH_TECH_FEN,
    });
    const history = await api()
      .get(`/applications/${offer.id}/history`)
      .set(bearer(enterprise.token))
      .expect(200);
    expect(history.body[0]).toMatchObject({
      action: 'offered',
      actorRole: 'system',
      data: expect.objectContaining({ trigger: 'check-enterprise', reason: 'facts-changed' }),
    });
    const evidence = (await api().get(`/applications/${offer.id}`).set(bearer(enterprise.token))).body
      .evidence;
    expect(evidence.evidence[0].facts[0].factId).toBe(recorded.body.fact.id);
  });

  it('confirming needs a bank account', async () => {
    const enterprise = await registerEnterprise('ningxiang-htz', { bankAccount: undefined });
    await recordFact(officer.token, enterprise.enterpriseId, {
      key: 'listing',
      value: { exchange: 'SZSE', ticker: '301234', listedOn: `${FY}-02-01` },
      source: 'stock_exchange',
    }).expect(201);
    const [offer] = await eventually(
      () => offersOf(enterprise.token),
      (offers) => offers.length > 0,
      'an offer after the listing',
    );
    const res = await act(enterprise.token, offer.id, { type: 'confirm', bankAccountConfirmed: true });
    expectProblem(res, 422);
    expect(res.body.errors[0].field).toBe('bankAccount');
  });

  it('the same sweep run twice, and two sweeps at once, grant each award once; blacklisted enterprises are skipped', async () => {
    const changshaAdmin = await createStaff('policy_admin', 'changsha-etdz');
    const ids = await seedEnterprises('changsha-etdz', 240, `dup-${Date.now()}`);
    const giants = ids.filter((_, i) => i % 2 === 0);
    const champions = ids.filter((_, i) => i % 3 === 0);
    const barred = ids.slice(0, 6);
    await seedFact(giants, {
      key: 'little_giant_recognition',
      value: { level: 'national', recognisedOn: `${FY}-05-20` },
      source: 'officer',
    });
    await seedFact(champions, {
      key: 'single_champion_recognition',
      value: { level: 'national', recognisedOn: `${FY}-07-01` },
      source: 'officer',
    });
    await sql(
      `INSERT INTO enterprise_blacklist (enterprise_id, zone_id, reason, barred_until)
       SELECT id, zone_id, 'false-claim-upheld: test', now() + interval '3 years' FROM enterprises WHERE id = ANY($1::uuid[])`,
      [barred],
    );

    // Two sweeps of the zone at once.
    const [a, b] = await Promise.all([startSweep(changshaAdmin.token), startSweep(changshaAdmin.token)]);
    const [doneA, doneB] = await Promise.all([
      waitForSweep(changshaAdmin.token, a.id),
      waitForSweep(changshaAdmin.token, b.id),
    ]);
    const grants = async () =>
      sql<{ enterprise_id: string; program_code: string; n: number }>(
        `SELECT enterprise_id, program_code, count(*)::int AS n FROM applications
         WHERE enterprise_id = ANY($1::uuid[]) GROUP BY enterprise_id, program_code ORDER BY 1, 2`,
        [ids],
      );
    const expected = ids
      .filter((id) => !barred.includes(id) && (giants.includes(id) || champions.includes(id)))
      .map((id) => ({
        enterprise_id: id,
        // Not combined (不重复享受): the single champion award is the higher one.
        program_code: champions.includes(id) ? 'changsha-etdz.single-champion' : 'changsha-etdz.little-giant',
        n: 1,
      }));
    expect(await grants()).toEqual(expected);
    for (const done of [doneA, doneB]) {
      expect(done.processed).toBe(done.total);
      expect(done.errorCount).toBe(0);
      expect(done.skipped).toBeGreaterThanOrEqual(barred.length);
    }
    // Every offer is counted by exactly one of the two sweeps.
    const counted = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'offered' AND data->>'sweepId' = ANY($1::text[])`,
      [[a.id, b.id]],
    );
    expect(doneA.offersCreated + doneB.offersCreated).toBe(counted[0].n);
    expect(counted[0].n).toBeGreaterThanOrEqual(expected.length);

    // The same sweep again: nothing new.
    const again = await waitForSweep(changshaAdmin.token, (await startSweep(changshaAdmin.token)).id);
    expect(await grants()).toEqual(expected);
    expect(again.duplicates).toBeGreaterThanOrEqual(expected.length);
    const newOffers = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'offered' AND data->>'sweepId' = $1
         AND enterprise_id = ANY($2::uuid[])`,
      [again.id, ids],
    );
    expect(newOffers[0].n).toBe(0);
  });

  it('refuses a program that is not an auto program of the zone, a future year, and other roles', async () => {
    const notAuto = await api()
      .post('/auto-grant-sweeps')
      .set(bearer(admin.token))
      .send({ programCode: 'ningxiang-htz.platform-construction' });
    expectProblem(notAuto, 400);
    expect(notAuto.body.errors[0].field).toBe('programCode');
    const otherZone = await api()
      .post('/auto-grant-sweeps')
      .set(bearer(admin.token))
      .send({ programCode: 'changsha-etdz.little-giant' });
    expectProblem(otherZone, 400);
    const future = await api()
      .post('/auto-grant-sweeps')
      .set(bearer(admin.token))
      .send({ fiscalYear: FY + 1 });
    expectProblem(future, 400);
    expect(future.body.errors[0].field).toBe('fiscalYear');
    const bad = await api().post('/auto-grant-sweeps').set(bearer(admin.token)).send({ fiscalYear: '2026x' });
    expectProblem(bad, 400);
    expectProblem(await api().post('/auto-grant-sweeps').set(bearer(officer.token)).send({}), 403);
  });

  it('shows a zone its own sweeps only', async () => {
    const started = await startSweep(admin.token, { programCode: LISTING });
    const list = await api()
      .get('/auto-grant-sweeps')
      .query({ zone: 'ningxiang-htz', pageSize: 100 })
      .set(bearer(admin.token))
      .expect(200);
    expect(list.body.items.map((s: { id: string }) => s.id)).toContain(started.id);
    const auditor = await createStaff('auditor', 'ningxiang-htz');
    await api().get(`/auto-grant-sweeps/${started.id}`).set(bearer(auditor.token)).expect(200);
    const stranger = await createStaff('policy_admin', 'xixian-new-area');
    expectProblem(await api().get(`/auto-grant-sweeps/${started.id}`).set(bearer(stranger.token)), 404);
    expectProblem(
      await api().get('/auto-grant-sweeps').query({ zone: 'ningxiang-htz' }).set(bearer(stranger.token)),
      404,
    );
    await waitForSweep(admin.token, started.id);
  });
});
