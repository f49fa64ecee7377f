import { Client } from 'pg';
import { api, bearer, createStaff, expectProblem, registerEnterprise, TestUser } from '../support/api-client';
import { applyProgram, connectPg, createTestZone, publishNewProgram } from './support/catalog-fixtures';

/** Today in Beijing, and days around it, as YYYY-MM-DD. */
const beijingDay = (offsetDays = 0) =>
  new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('catalog: versions in force, retirement, the zone catalog and draft revisions (issue 11)', () => {
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

  async function nextVersion(code: string, body: Record<string, unknown>, version: number) {
    await api().post(`/programs/${code}/versions`).set(bearer(admin.token)).send(body).expect(201);
    await api().post(`/programs/${code}/versions/${version}/publish`).set(bearer(admin.token)).expect(200);
  }

  it('a later version that has ended does not bring the earlier one back into force', async () => {
    const code = `${zone.code}.ended-v2`;
    await publishNewProgram(admin.token, applyProgram(zone.code, code, 100_000_00));
    // v2 started ten days ago and ended yesterday: from today nothing is in force (v1 stays superseded).
    await nextVersion(
      code,
      {
        ...applyProgram(zone.code, code, 200_000_00),
        effectiveFrom: beijingDay(-10),
        effectiveTo: beijingDay(-1),
      },
      2,
    );
    const detail = await api().get(`/programs/${code}`).set(bearer(auditor.token)).expect(200);
    expect(detail.body.current).toBeNull();
    expect(detail.body.versions).toEqual([
      expect.objectContaining({
        version: 2,
        lifecycle: 'retired',
        current: false,
        inForceTo: beijingDay(-1),
      }),
      expect.objectContaining({
        version: 1,
        lifecycle: 'superseded',
        current: false,
        inForceFrom: '2024-01-01',
        inForceTo: beijingDay(-11),
      }),
    ]);
    const listed = await api().get('/programs').set(bearer(officer.token)).expect(200);
    expect((listed.body as { code: string }[]).map((p) => p.code)).not.toContain(code);
    // Yesterday v2 was in force; before it started, v1.
    const yesterday = await api()
      .get(`/programs?asOf=${beijingDay(-1)}`)
      .set(bearer(officer.token))
      .expect(200);
    expect(
      (yesterday.body as { code: string; version: number }[]).find((p) => p.code === code)?.version,
    ).toBe(2);
    const before = await api()
      .get(`/programs?asOf=${beijingDay(-11)}`)
      .set(bearer(officer.token))
      .expect(200);
    expect((before.body as { code: string; version: number }[]).find((p) => p.code === code)?.version).toBe(
      1,
    );

    const enterprise = await registerEnterprise(zone.code);
    const refused = await api()
      .post('/applications')
      .set(bearer(enterprise.token))
      .send({ programCode: code, form: { projectName: '已结束的项目' } });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
  });

  it('a policy admin retires a program: no new applications after its last day, cases already started continue', async () => {
    const code = `${zone.code}.retired-reward`;
    await publishNewProgram(admin.token, applyProgram(zone.code, code, 100_000_00));
    const enterprise = await registerEnterprise(zone.code);
    const started = await api()
      .post('/applications')
      .set(bearer(enterprise.token))
      .send({ programCode: code, form: { projectName: '进行中的项目' } })
      .expect(201);

    // Bad input: 400 naming each field, in Chinese by default.
    const bad = await api()
      .post(`/programs/${code}/retirement`)
      .set(bearer(admin.token))
      .send({ lastDay: '2026-02-30' });
    expectProblem(bad, 400);
    expect((bad.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'lastDay',
      'reason',
    ]);
    const past = await api(null)
      .post(`/programs/${code}/retirement`)
      .set(bearer(admin.token))
      .send({ lastDay: beijingDay(-1), reason: '到期' });
    expectProblem(past, 400);
    expect(past.body.errors[0]).toMatchObject({
      field: 'lastDay',
      messages: [expect.stringContaining('最后执行日')],
    });
    // Only the zone's policy admins: another zone's admin gets 404, other roles 403.
    expectProblem(
      await api()
        .post(`/programs/${code}/retirement`)
        .set(bearer(otherAdmin.token))
        .send({ lastDay: beijingDay(), reason: 'x' }),
      404,
    );
    expectProblem(
      await api()
        .post(`/programs/${code}/retirement`)
        .set(bearer(officer.token))
        .send({ lastDay: beijingDay(), reason: 'x' }),
      403,
    );
    expect(await pg.query('SELECT 1 FROM program_retirements WHERE code = $1', [code])).toMatchObject({
      rowCount: 0,
    });

    // Retired as of today: in force today (the last day), not tomorrow.
    const retired = await api()
      .post(`/programs/${code}/retirement`)
      .set(bearer(admin.token))
      .send({ lastDay: beijingDay(), reason: '政策到期' })
      .expect(200);
    expect(retired.body).toMatchObject({
      retirement: { lastDay: beijingDay(), reason: '政策到期', retiredBy: admin.id },
      current: { version: 1 },
      versions: [{ version: 1, lifecycle: 'published', current: true, inForceTo: beijingDay() }],
    });
    const tomorrow = await api()
      .get(`/programs?asOf=${beijingDay(1)}`)
      .set(bearer(officer.token))
      .expect(200);
    expect((tomorrow.body as { code: string }[]).map((p) => p.code)).not.toContain(code);
    expectProblem(
      await api()
        .post(`/programs/${code}/retirement`)
        .set(bearer(admin.token))
        .send({ lastDay: beijingDay(3), reason: '再次' }),
      409,
    );
    const audit = await pg.query<{ action: string; data: { lastDay: string } }>(
      `SELECT action, data FROM audit_events WHERE stream = $1 AND action = 'program.retired'`,
      [`program:${code}`],
    );
    expect(audit.rows).toEqual([
      { action: 'program.retired', data: { code, lastDay: beijingDay(), reason: '政策到期' } },
    ]);

    // The case already started continues on its version.
    const kept = await api()
      .get(`/applications/${started.body.id}`)
      .set(bearer(enterprise.token))
      .expect(200);
    expect(kept.body).toMatchObject({ programVersion: 1, state: 'draft' });
    await api()
      .patch(`/applications/${started.body.id}`)
      .set(bearer(enterprise.token))
      .send({ form: { projectName: '进行中的项目（修改）' } })
      .expect(200);
  });

  it('after the last day of a retirement nothing starts: no new application, not listed, no version in force', async () => {
    const code = `${zone.code}.past-retirement`;
    await publishNewProgram(admin.token, applyProgram(zone.code, code, 100_000_00));
    // A retirement whose last day has passed (the API only takes today or later, so it is written here).
    await pg.query(
      `INSERT INTO program_retirements (code, zone_id, last_day, reason, retired_by) VALUES ($1, $2, $3, '到期', $4)`,
      [code, zone.id, beijingDay(-1), admin.id],
    );
    const enterprise = await registerEnterprise(zone.code);
    const refused = await api()
      .post('/applications')
      .set(bearer(enterprise.token))
      .send({ programCode: code, form: { projectName: '停止执行之后' } });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    const listed = await api().get('/programs').set(bearer(enterprise.token)).expect(200);
    expect((listed.body as { code: string }[]).map((p) => p.code)).not.toContain(code);
    const detail = await api().get(`/programs/${code}`).set(bearer(auditor.token)).expect(200);
    expect(detail.body).toMatchObject({
      current: null,
      retirement: { lastDay: beijingDay(-1) },
      versions: [{ version: 1, lifecycle: 'retired', current: false, inForceTo: beijingDay(-1) }],
    });
  });

  it("lists every program of the zone with its versions for the zone's policy admins and auditors", async () => {
    const code = `${zone.code}.catalog-listed`;
    await publishNewProgram(admin.token, applyProgram(zone.code, code, 100_000_00));
    await api()
      .post(`/programs/${code}/versions`)
      .set(bearer(admin.token))
      .send(applyProgram(zone.code, code, 150_000_00))
      .expect(201);
    for (const user of [admin, auditor]) {
      const res = await api().get('/program-catalog').set(bearer(user.token)).expect(200);
      const entry = (res.body as { code: string }[]).find((p) => p.code === code);
      expect(entry).toMatchObject({
        zoneCode: zone.code,
        title: { zh: '平台奖励（测试）' },
        currentVersion: 1,
        draftVersion: 2,
        retirement: null,
        versions: [
          { version: 2, status: 'draft', lifecycle: 'draft', inForceFrom: null },
          {
            version: 1,
            status: 'published',
            lifecycle: 'published',
            current: true,
            inForceFrom: '2024-01-01',
          },
        ],
      });
      expect((res.body as { zoneCode: string }[]).every((p) => p.zoneCode === zone.code)).toBe(true);
    }
    const other = await api().get('/program-catalog').set(bearer(otherAdmin.token)).expect(200);
    expect((other.body as { code: string }[]).some((p) => p.code === code)).toBe(false);
    expectProblem(await api().get('/program-catalog').set(bearer(officer.token)), 403);
  });

  it('a draft is saved with If-Match on its revision: a stale save is a 409 and writes nothing', async () => {
    const code = `${zone.code}.revised-draft`;
    const created = await api()
      .post('/programs')
      .set(bearer(admin.token))
      .send(applyProgram(zone.code, code, 100_000_00))
      .expect(201);
    expect(created.body.revision).toBe(1);
    const saved = await api()
      .put(`/programs/${code}/versions/1`)
      .set(bearer(admin.token))
      .set('If-Match', '"1"')
      .send(applyProgram(zone.code, code, 120_000_00))
      .expect(200);
    expect(saved.body.revision).toBe(2);
    const stale = await api()
      .put(`/programs/${code}/versions/1`)
      .set(bearer(admin.token))
      .set('If-Match', '"1"')
      .send(applyProgram(zone.code, code, 130_000_00));
    expectProblem(stale, 409);
    expect(stale.body.revision).toBe(2);
    const stored = await api().get(`/programs/${code}/versions/1`).set(bearer(admin.token)).expect(200);
    expect(stored.body.definition.amount).toEqual({ kind: 'fixed', amountFen: 120_000_00 });

    // Definition errors name the field, Chinese first (without Accept-Language), English on request.
    const invalid = { ...applyProgram(zone.code, code, 130_000_00), effectiveTo: '2023-01-01' };
    const zh = await api(null).put(`/programs/${code}/versions/1`).set(bearer(admin.token)).send(invalid);
    expectProblem(zh, 400);
    expect(zh.body.errors).toEqual([
      { field: 'effectiveTo', messages: ['必须晚于生效日期（effectiveFrom）'] },
    ]);
    const en = await api().put(`/programs/${code}/versions/1`).set(bearer(admin.token)).send(invalid);
    expect(en.body.errors).toEqual([{ field: 'effectiveTo', messages: ['must be after effectiveFrom'] }]);
  });
});
