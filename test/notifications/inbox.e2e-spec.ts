import { api, bearer, createStaff, expectProblem, registerEnterprise, TestUser } from '../support/api-client';
import { act, castFor, waitForState, ZoneCast } from '../support/applications';
import { passStageDeadline } from '../support/db';
import { eventually, inboxFor, inviteColleague, PLATFORM, submitApplication } from './support/flows';

const ZONE = 'ningxiang-htz';

/** The in-app inbox and who hears of what, through the run's real api and worker. */
describe('in-app notifications', () => {
  let cast: ZoneCast;
  let colleague: TestUser;

  beforeAll(async () => {
    cast = await castFor(ZONE, PLATFORM, 2026, 10_000_000_000);
    colleague = await inviteColleague(cast.enterprise, { locale: 'en' });
  });

  const expectIn = async (user: { token: string }, applicationId: string, template: string) =>
    eventually(async () => {
      const found = (await inboxFor(user.token, applicationId)).find((n) => n.template === template);
      return found;
    }, `${template} in the inbox`);

  async function inFirstReview(): Promise<{ id: string; reference: string }> {
    const id = await submitApplication(cast.enterprise);
    await waitForState(cast.officer.token, id, 'first_review');
    await api()
      .post(`/applications/${id}/assignment`)
      .set(bearer(cast.officer.token))
      .send({ action: 'take' })
      .expect(200);
    const app = await api().get(`/applications/${id}`).set(bearer(cast.officer.token)).expect(200);
    return { id, reference: app.body.reference };
  }

  it('reaches the enterprise’s users in their language and the zone’s officers; lists, filters and marks read', async () => {
    const { id, reference } = await inFirstReview();
    const zh = await expectIn(cast.enterprise, id, 'application-submitted');
    expect(zh.title).toBe(`申请已提交：${reference}`);
    expect(zh.body).toContain('平台建设补贴');
    const en = await expectIn(colleague, id, 'application-submitted');
    expect(en.title).toBe(`Application submitted: ${reference}`);
    const review = await expectIn(cast.officer, id, 'review-requested');
    expect(review.body).toContain('测算金额：2,000,000.00 元');

    const unread = await api()
      .get('/notifications')
      .query({ unread: true, pageSize: 100 })
      .set(bearer(cast.enterprise.token))
      .expect(200);
    expect(unread.body.items.map((n: { id: string }) => n.id)).toContain(zh.id);
    expect(unread.body.unreadCount).toBeGreaterThanOrEqual(1);

    const read = await api()
      .post(`/notifications/${zh.id}/read`)
      .set(bearer(cast.enterprise.token))
      .expect(200);
    expect(read.body).toMatchObject({
      id: zh.id,
      read: true,
      readAt: expect.any(String),
      link: `/applications/${id}`,
    });
    await api().post(`/notifications/${zh.id}/read`).set(bearer(cast.enterprise.token)).expect(200);
    const stillUnread = await api()
      .get('/notifications')
      .query({ unread: true, pageSize: 100 })
      .set(bearer(cast.enterprise.token));
    expect(stillUnread.body.items.map((n: { id: string }) => n.id)).not.toContain(zh.id);
    const readOnes = await api()
      .get('/notifications')
      .query({ unread: false, pageSize: 100 })
      .set(bearer(cast.enterprise.token));
    expect(readOnes.body.items.map((n: { id: string }) => n.id)).toContain(zh.id);

    // Nobody reads or marks another user's notifications; a malformed id names nothing.
    expectProblem(await api().post(`/notifications/${zh.id}/read`).set(bearer(colleague.token)), 404);
    expectProblem(await api().post('/notifications/not-a-uuid/read').set(bearer(colleague.token)), 404);
    const others = await api().get('/notifications').query({ pageSize: 100 }).set(bearer(colleague.token));
    expect(others.body.items.map((n: { id: string }) => n.id)).not.toContain(zh.id);

    const page = await api()
      .get('/notifications')
      .query({ pageSize: 1, page: 1 })
      .set(bearer(cast.officer.token))
      .expect(200);
    expect(page.body).toMatchObject({ page: 1, pageSize: 1, items: [expect.any(Object)] });
    expect(page.body.total).toBeGreaterThanOrEqual(1);
    const all = await api().post('/notifications/read-all').set(bearer(cast.officer.token)).expect(200);
    expect(all.body.marked).toBeGreaterThanOrEqual(1);
    const after = await api().get('/notifications').set(bearer(cast.officer.token)).expect(200);
    expect(after.body.unreadCount).toBe(0);

    expectProblem(
      await api().get('/notifications').query({ unread: 'maybe' }).set(bearer(cast.officer.token)),
      400,
    );
    expectProblem(await api().get('/notifications'), 401);
  });

  it('tells the assigned officer, not the others, of a withdrawal; an overdue stage reaches the directors', async () => {
    const other = await createStaff('officer', ZONE);
    const late = await inFirstReview();
    await passStageDeadline(late.id);
    const escalation = await expectIn(cast.director, late.id, 'deadline-passed');
    expect(escalation.body).toContain('初审环节已于');
    await expectIn(cast.officer, late.id, 'deadline-passed');

    const { id } = await inFirstReview();
    await act(cast.enterprise.token, id, { type: 'withdraw', comment: '不再申请' }).expect(200);
    await expectIn(cast.officer, id, 'application-withdrawn');
    // One fan-out writes every recipient's row at once: the assignee's being there, the others' absence is final.
    expect(await inboxFor(other.token, id)).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ template: 'application-withdrawn' })]),
    );
  });

  it('tells the directors, and the person who objected of the decision on their objection', async () => {
    const { id } = await inFirstReview();
    await act(cast.officer.token, id, { type: 'approve', comment: '材料齐全，建议通过' }).expect(200);
    const ask = await expectIn(cast.director, id, 'director-approval-requested');
    expect(ask.body).toContain('意见：材料齐全，建议通过');
    await act(cast.director.token, id, { type: 'approve', comment: '同意' }).expect(200);
    await expectIn(cast.enterprise, id, 'publicity-started');

    const objector = await registerEnterprise(ZONE, { locale: 'en' });
    await act(objector.token, id, { type: 'object', comment: '该平台尚未获批' }).expect(200);
    await expectIn(cast.director, id, 'objection-raised');
    await act(cast.director.token, id, { type: 'dismiss_objection', comment: '经核实，平台已获批' }).expect(
      200,
    );
    const decided = await expectIn(objector, id, 'objection-decided');
    expect(decided.body).toContain('was decided: dismissed');
    const dismissed = await expectIn(cast.enterprise, id, 'objection-dismissed');
    expect(dismissed.body).toContain('意见：经核实，平台已获批');
    expect((await inboxFor(cast.enterprise.token, id)).map((n) => n.template)).not.toContain(
      'objection-decided',
    );
  });

  it('keeps nothing in the inbox of a user who turned it off; preferences are validated', async () => {
    expect(
      (await api().get('/me/notification-preferences').set(bearer(colleague.token)).expect(200)).body,
    ).toEqual({
      inApp: true,
      email: true,
      webhook: true,
      emailAddressOnFile: false,
    });
    const bad = await api()
      .put('/me/notification-preferences')
      .set(bearer(colleague.token))
      .send({ inApp: 'no' });
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'email',
      'inApp',
      'webhook',
    ]);
    await api()
      .put('/me/notification-preferences')
      .set(bearer(colleague.token))
      .send({ inApp: false, email: true, webhook: true })
      .expect(200);
    try {
      const id = await submitApplication(cast.enterprise);
      await expectIn(cast.enterprise, id, 'application-submitted');
      expect(await inboxFor(colleague.token, id)).toEqual([]);
    } finally {
      await api()
        .put('/me/notification-preferences')
        .set(bearer(colleague.token))
        .send({ inApp: true, email: true, webhook: true })
        .expect(200);
    }
  });
});
