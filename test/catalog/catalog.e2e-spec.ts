import { Client } from 'pg';
import { api, bearer, createStaff, expectProblem, registerEnterprise, TestUser } from '../support/api-client';
import {
  applyProgram,
  connectPg,
  createTestZone,
  publishNewProgram,
  rndProgram,
} from './support/catalog-fixtures';

describe('catalog: programs, versions, drafts and publishing', () => {
  let pg: Client;
  let zone: { id: string; code: string };
  let admin: TestUser;
  let otherAdmin: TestUser;
  let officer: TestUser;
  let auditor: TestUser;

  beforeAll(async () => {
    pg = await connectPg();
    zone = await createTestZone(pg);
    [admin, otherAdmin, officer, auditor] = await Promise.all([
      createStaff('policy_admin', zone.code),
      createStaff('policy_admin', 'changsha-etdz'),
      createStaff('officer', zone.code),
      createStaff('auditor', zone.code),
    ]);
  });
  afterAll(() => pg.end());

  it('lists the programs in force of a zone with filters; an enterprise defaults to its own zone', async () => {
    const enterprise = await registerEnterprise('changsha-etdz');
    const own = await api().get('/programs').set(bearer(enterprise.token)).expect(200);
    const codes = (own.body as { code: string }[]).map((p) => p.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'changsha-etdz.rnd-investment',
        'changsha-etdz.equipment-upgrade',
        'changsha-etdz.little-giant',
      ]),
    );
    expect(codes.every((c) => c.startsWith('changsha-etdz.'))).toBe(true);

    const auto = await api()
      .get('/programs?zone=ningxiang-htz&mode=auto')
      .set(bearer(enterprise.token))
      .expect(200);
    expect((auto.body as { code: string }[]).map((p) => p.code).sort()).toEqual([
      'ningxiang-htz.high-tech-enterprise',
      'ningxiang-htz.listing',
    ]);
    const talent = await api()
      .get('/programs?zone=ningxiang-htz&category=talent')
      .set(bearer(enterprise.token))
      .expect(200);
    expect(talent.body).toEqual([
      expect.objectContaining({
        code: 'ningxiang-htz.talent-introduction',
        mode: 'apply',
        beneficiary: 'person',
      }),
    ]);

    expectProblem(await api().get('/programs?zone=atlantis').set(bearer(enterprise.token)), 400);
    expectProblem(await api().get('/programs?mode=free').set(bearer(enterprise.token)), 400);
  });

  it('shows a program with its current version, settings and version history', async () => {
    const enterprise = await registerEnterprise('changsha-etdz');
    const res = await api()
      .get('/programs/changsha-etdz.rnd-investment')
      .set(bearer(enterprise.token))
      .expect(200);
    expect(res.body).toMatchObject({
      code: 'changsha-etdz.rnd-investment',
      zoneCode: 'changsha-etdz',
      current: {
        version: 1,
        status: 'published',
        mode: 'auto',
        amountKind: 'percentage-of-increase',
        settings: { caps: { perEnterprisePerFiscalYearFen: 200_000_000 } },
      },
    });
    expect(res.body.versions[0]).toMatchObject({ version: 1, status: 'published', current: true });
    const v1 = await api()
      .get('/programs/changsha-etdz.rnd-investment/versions/1')
      .set(bearer(enterprise.token))
      .expect(200);
    expect(v1.body.definition.amount).toMatchObject({
      kind: 'percentage-of-increase',
      rateBasisPoints: 1_000,
    });

    expectProblem(await api().get('/programs/changsha-etdz.nothing-here').set(bearer(enterprise.token)), 404);
    expectProblem(await api().get('/programs/NOT%20A%20CODE').set(bearer(enterprise.token)), 404);
    expectProblem(
      await api().get('/programs/changsha-etdz.rnd-investment/versions/99').set(bearer(enterprise.token)),
      404,
    );
    expectProblem(
      await api().get('/programs/changsha-etdz.rnd-investment/versions/abc').set(bearer(enterprise.token)),
      404,
    );
  });

  it('a policy admin creates a program as a draft, edits it and publishes it; drafts are hidden from others', async () => {
    const code = `${zone.code}.platform-reward`;
    const created = await api()
      .post('/programs')
      .set(bearer(admin.token))
      .send(applyProgram(zone.code, code, 100_000_00));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code,
      version: 1,
      status: 'draft',
      zoneCode: zone.code,
      publishedAt: null,
    });

    // A draft is invisible outside the zone's policy admins and auditors, and not in force.
    expectProblem(await api().get(`/programs/${code}`).set(bearer(officer.token)), 404);
    expectProblem(await api().get(`/programs/${code}/versions/1`).set(bearer(officer.token)), 404);
    const seen = await api().get(`/programs/${code}`).set(bearer(auditor.token)).expect(200);
    expect(seen.body).toMatchObject({
      current: null,
      versions: [{ version: 1, status: 'draft', current: false }],
    });

    const edited = await api()
      .put(`/programs/${code}/versions/1`)
      .set(bearer(admin.token))
      .send(applyProgram(zone.code, code, 120_000_00));
    expect(edited.status).toBe(200);
    expect(edited.body.definition.amount).toEqual({ kind: 'fixed', amountFen: 120_000_00 });

    const published = await api().post(`/programs/${code}/versions/1/publish`).set(bearer(admin.token));
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', publishedBy: admin.id });
    expect(published.body.publishedAt).toEqual(expect.any(String));

    // Published means immutable.
    expectProblem(
      await api()
        .put(`/programs/${code}/versions/1`)
        .set(bearer(admin.token))
        .send(applyProgram(zone.code, code, 1)),
      409,
    );
    expectProblem(await api().post(`/programs/${code}/versions/1/publish`).set(bearer(admin.token)), 409);
    const program = await api().get(`/programs/${code}`).set(bearer(officer.token)).expect(200);
    expect(program.body.current).toMatchObject({ version: 1, status: 'published' });

    // Audited: created, edited, published.
    const { rows } = await pg.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE stream = $1 ORDER BY seq`,
      [`program:${code}`],
    );
    expect(rows.map((r) => r.action)).toEqual([
      'program.created',
      'program.draft-updated',
      'program.version-published',
    ]);

    // The same code twice is a conflict; other roles and zones may not create programs.
    expectProblem(
      await api()
        .post('/programs')
        .set(bearer(admin.token))
        .send(applyProgram(zone.code, code, 1)),
      409,
    );
    expectProblem(
      await api()
        .post('/programs')
        .set(bearer(officer.token))
        .send(applyProgram(zone.code, `${zone.code}.x`, 1)),
      403,
    );
    const foreign = await api()
      .post('/programs')
      .set(bearer(otherAdmin.token))
      .send(applyProgram(zone.code, `${zone.code}.y`, 1));
    expectProblem(foreign, 400);
    expect(foreign.body.errors).toEqual([
      { field: 'zone', messages: [expect.stringContaining('changsha-etdz')] },
    ]);
    // Another zone's program is out of scope: 404, exactly like a program that does not exist.
    expectProblem(
      await api()
        .post(`/programs/${code}/versions`)
        .set(bearer(otherAdmin.token))
        .send(applyProgram(zone.code, code, 1)),
      404,
    );
  });

  it("another zone's policy admin cannot tell a draft-only program from a missing one: 404 everywhere", async () => {
    const code = `${zone.code}.secret-draft`;
    await api()
      .post('/programs')
      .set(bearer(admin.token))
      .send(applyProgram(zone.code, code, 1))
      .expect(201);
    for (const target of [code, `${zone.code}.no-such-program`]) {
      const attempts = [
        api().post(`/programs/${target}/versions`).set(bearer(otherAdmin.token)).send({}),
        api().put(`/programs/${target}/versions/1`).set(bearer(otherAdmin.token)).send({}),
        api().post(`/programs/${target}/versions/1/publish`).set(bearer(otherAdmin.token)),
        api().post(`/programs/${target}/versions/1/sandbox-runs`).set(bearer(otherAdmin.token)).send({}),
        api().get(`/programs/${target}`).set(bearer(otherAdmin.token)),
      ];
      for (const res of await Promise.all(attempts)) {
        expectProblem(res, 404);
        expect(res.body.type).toBe('urn:huiqi:problem:not-found');
      }
    }
  });

  it('names every bad field of a program definition (problem+json), and stores nothing', async () => {
    const code = `${zone.code}.bad-program`;
    const bad = rndProgram(zone.code, code);
    (bad.amount as Record<string, unknown>).rateBasisPoints = 12_000;
    bad.mode = 'sometimes';
    const res = await api().post('/programs').set(bearer(admin.token)).send(bad);
    expectProblem(res, 400);
    expect(res.body.type).toBe('urn:huiqi:problem:invalid-input');
    expect((res.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'amount.rateBasisPoints',
      'mode',
    ]);

    // Cross-field checks: a rule reading a fact that does not exist.
    const unknownFact = rndProgram(zone.code, code);
    (unknownFact.eligibility as Record<string, unknown>[])[0].rule = {
      '>': [{ var: 'facts.no_such_fact.fy' }, 0],
    };
    const res2 = await api().post('/programs').set(bearer(admin.token)).send(unknownFact);
    expectProblem(res2, 400);
    expect(res2.body.errors).toEqual([
      {
        field: expect.stringMatching(/^eligibility\.0\.rule/),
        messages: [expect.stringContaining('no_such_fact')],
      },
    ]);

    const wrongVersion = await api()
      .post('/programs')
      .set(bearer(admin.token))
      .send({ ...rndProgram(zone.code, code), version: 7 });
    expectProblem(wrongVersion, 400);
    expect(wrongVersion.body.errors[0].field).toBe('version');
    expectProblem(await api().post('/programs').set(bearer(admin.token)).send([1, 2]), 400);

    const { rows } = await pg.query(`SELECT 1 FROM program_versions WHERE code = $1`, [code]);
    expect(rows).toHaveLength(0);
  });

  it('one open draft per program; a new version is the next number', async () => {
    const code = `${zone.code}.rnd-reward`;
    await publishNewProgram(admin.token, rndProgram(zone.code, code));
    const draft = await api()
      .post(`/programs/${code}/versions`)
      .set(bearer(admin.token))
      .send(rndProgram(zone.code, code, { rateBasisPoints: 1_500, version: 2 }));
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ version: 2, status: 'draft' });
    const again = await api()
      .post(`/programs/${code}/versions`)
      .set(bearer(admin.token))
      .send(rndProgram(zone.code, code));
    expectProblem(again, 409);
    expect(again.body.draftVersion).toBe(2);
    // The version in force is still 1 until 2 is published.
    const before = await api().get(`/programs/${code}`).set(bearer(officer.token)).expect(200);
    expect(before.body.current.version).toBe(1);
    expect(before.body.versions.map((v: { version: number }) => v.version)).toEqual([1]);
    await api().post(`/programs/${code}/versions/2/publish`).set(bearer(admin.token)).expect(200);
    const after = await api().get(`/programs/${code}`).set(bearer(officer.token)).expect(200);
    expect(after.body.current.version).toBe(2);
    expect(after.body.versions).toEqual([
      expect.objectContaining({ version: 2, current: true }),
      expect.objectContaining({ version: 1, current: false }),
    ]);
  });

  it('an application keeps the version it started on; a new draft gets the new version', async () => {
    const code = `${zone.code}.pinned-reward`;
    await publishNewProgram(admin.token, applyProgram(zone.code, code, 100_000_00));
    const [first, second] = await Promise.all([registerEnterprise(zone.code), registerEnterprise(zone.code)]);
    const before = await api()
      .post('/applications')
      .set(bearer(first.token))
      .send({ programCode: code, form: { projectName: '国家级创新平台' } });
    expect(before.status).toBe(201);
    expect(before.body.programVersion).toBe(1);

    await api()
      .post(`/programs/${code}/versions`)
      .set(bearer(admin.token))
      .send(applyProgram(zone.code, code, 300_000_00))
      .expect(201);
    await api().post(`/programs/${code}/versions/2/publish`).set(bearer(admin.token)).expect(200);

    const kept = await api().get(`/applications/${before.body.id}`).set(bearer(first.token)).expect(200);
    expect(kept.body.programVersion).toBe(1);
    const after = await api()
      .post('/applications')
      .set(bearer(second.token))
      .send({ programCode: code, form: { projectName: '省级创新平台' } });
    expect(after.status).toBe(201);
    expect(after.body.programVersion).toBe(2);
  });
});
