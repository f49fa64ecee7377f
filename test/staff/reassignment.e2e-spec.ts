import {
  api,
  bearer,
  createStaff,
  expectProblem,
  registerEnterprise,
  TestEnterprise,
  TestUser,
} from '../support/api-client';
import { act, ensurePool } from '../support/applications';
import { caseInFirstReview, PLATFORM } from './cases';

describe('directors reassign a case or an officer’s whole queue', () => {
  let officerA: TestUser;
  let officerB: TestUser;
  let director: TestUser;
  let otherZoneDirector: TestUser;
  let otherZoneOfficer: TestUser;
  let enterprise: TestEnterprise;

  beforeAll(async () => {
    [officerA, officerB, director, otherZoneDirector, otherZoneOfficer] = await Promise.all([
      createStaff('officer', 'ningxiang-htz'),
      createStaff('officer', 'ningxiang-htz'),
      createStaff('director', 'ningxiang-htz'),
      createStaff('director', 'changsha-etdz'),
      createStaff('officer', 'changsha-etdz'),
    ]);
    const finance = await createStaff('finance', 'ningxiang-htz');
    await ensurePool(finance.token, PLATFORM, 2026, 1_000_000_000);
    enterprise = await registerEnterprise('ningxiang-htz');
  });

  it('moves one case: the new officer acts without taking it, the old one no longer can, history names both', async () => {
    const id = await caseInFirstReview(enterprise, officerA);
    const before = await api().get(`/applications/${id}`).set(bearer(officerA.token)).expect(200);
    const res = await api()
      .post(`/applications/${id}/reassignment`)
      .set(bearer(director.token))
      .send({ toOfficerId: officerB.id, comment: '张三休假' });
    expect(res.status).toBe(200);
    expect(res.body.moved).toEqual([
      expect.objectContaining({ applicationId: id, fromOfficerId: officerA.id }),
    ]);
    const after = await api().get(`/applications/${id}`).set(bearer(officerB.token)).expect(200);
    expect(after.body.assigneeId).toBe(officerB.id);
    expect(after.body.version).toBe(before.body.version + 1);
    expect(after.body.availableActions).toContain('approve');

    expectProblem(await act(officerA.token, id, { type: 'return', comment: '补正' }), 403);
    const history = await api().get(`/applications/${id}/history`).set(bearer(director.token)).expect(200);
    expect(history.body).toContainEqual(
      expect.objectContaining({
        action: 'assignment.reassigned',
        actorId: director.id,
        comment: '张三休假',
        data: { from: officerA.id, to: officerB.id },
      }),
    );
    expect((await act(officerB.token, id, { type: 'return', comment: '请补充' })).status).toBe(200);
  });

  it('moves an officer’s whole open queue', async () => {
    const leaving = await createStaff('officer', 'ningxiang-htz');
    const ids = [await caseInFirstReview(enterprise, leaving), await caseInFirstReview(enterprise, leaving)];
    const res = await api()
      .post(`/officers/${leaving.id}/queue/reassignment`)
      .set(bearer(director.token))
      .send({ toOfficerId: officerA.id });
    expect(res.status).toBe(200);
    expect(res.body.moved.map((m: { applicationId: string }) => m.applicationId).sort()).toEqual(
      [...ids].sort(),
    );
    const mine = await api()
      .get('/applications')
      .query({ assignee: leaving.id, stage: 'first_review' })
      .set(bearer(director.token))
      .expect(200);
    expect(mine.body.total).toBe(0);
  });

  it('only directors, only within their zone, only to an active officer of the zone', async () => {
    const id = await caseInFirstReview(enterprise, officerA);
    expectProblem(
      await api()
        .post(`/applications/${id}/reassignment`)
        .set(bearer(officerA.token))
        .send({ toOfficerId: officerB.id }),
      403,
    );
    expectProblem(
      await api()
        .post(`/applications/${id}/reassignment`)
        .set(bearer(otherZoneDirector.token))
        .send({ toOfficerId: otherZoneOfficer.id }),
      404,
    );
    expectProblem(
      await api()
        .post(`/officers/${officerA.id}/queue/reassignment`)
        .set(bearer(otherZoneDirector.token))
        .send({ toOfficerId: otherZoneOfficer.id }),
      404,
    );
    const toForeign = await api()
      .post(`/applications/${id}/reassignment`)
      .set(bearer(director.token))
      .send({ toOfficerId: otherZoneOfficer.id });
    expectProblem(toForeign, 400);
    expect(toForeign.body.errors[0].field).toBe('toOfficerId');
    const toDirector = await api()
      .post(`/applications/${id}/reassignment`)
      .set(bearer(director.token))
      .send({ toOfficerId: director.id });
    expectProblem(toDirector, 400);
  });
});
