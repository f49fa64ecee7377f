import { QueueName } from '@huiqi/queues';
import { randomBytes } from 'node:crypto';
import {
  adminToken,
  api,
  bearer,
  createStaff,
  expectProblem,
  login,
  registerEnterprise,
  TestUser,
} from '../support/api-client';
import { waitForState } from '../support/applications';
import { sql } from '../support/db';
import { submitApplication } from '../notifications/support/flows';

const basic = (username: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
});

/** Bull Board at /admin/queues and the failed-outbox endpoints: admins only. */
describe('queue dashboard and outbox admin', () => {
  let officer: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    officer = await createStaff('officer', 'ningxiang-htz');
    const username = `ops-admin-${randomBytes(3).toString('hex')}`;
    const password = `pw-${randomBytes(8).toString('hex')}`;
    const res = await api()
      .post('/admin/users')
      .set(bearer(await adminToken()))
      .send({ username, password, role: 'admin' })
      .expect(201);
    admin = { id: res.body.id, username, password, token: await login(username, password) };
  });

  it('asks a browser to sign in, refuses non-admins, and lets an admin in with a session cookie', async () => {
    const anonymous = await api().get('/admin/queues');
    expectProblem(anonymous, 401);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Basic realm="Huiqi queue dashboard"/);
    // A non-admin's right password and a wrong password get the same answer: the board is no oracle.
    const nonAdmin = await api().get('/admin/queues').set(basic(officer.username, officer.password));
    const wrong = await api().get('/admin/queues').set(basic(officer.username, 'wrong-password'));
    const unknown = await api().get('/admin/queues').set(basic('no-such-user', 'wrong-password'));
    for (const res of [nonAdmin, wrong, unknown]) {
      expectProblem(res, 401);
      expect(res.headers['www-authenticate']).toMatch(/^Basic realm=/);
      expect(res.body.detail).toBe(nonAdmin.body.detail);
    }
    expectProblem(await api().get('/admin/queues').set(bearer(officer.token)), 403);
    expectProblem(await api().get('/admin/queues/api/queues').set(bearer('not.a.token')), 401);
    expectProblem(await api().get('/admin/queues').set(basic(admin.username, 'wrong-password')), 401);

    const page = await api().get('/admin/queues').set(basic(admin.username, admin.password)).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toMatch(
      /^huiqi_queues=[^;]+; Path=\/admin\/queues; Max-Age=1800; HttpOnly; SameSite=Strict/,
    );
    const session = cookie.split(';')[0];

    const queues = await api().get('/admin/queues/api/queues').set('cookie', session).expect(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(
      Object.values(QueueName).sort(),
    );
    // The session cookie is no API token.
    expectProblem(
      await api()
        .get('/auth/me')
        .set(bearer(session.split('=')[1])),
      401,
    );
    await api().get('/admin/queues/api/queues').set(bearer(admin.token)).expect(200);
  });

  it('refuses state-changing requests from another site', async () => {
    const page = await api().get('/admin/queues').set(bearer(admin.token)).expect(200);
    const session = String(page.headers['set-cookie']).split(';')[0];
    const forged = await api()
      .put(`/admin/queues/api/queues/${QueueName.Email}/pause`)
      .set('cookie', session)
      .set('origin', 'https://evil.example')
      .set('sec-fetch-site', 'cross-site');
    expectProblem(forged, 403);
    const queues = await api().get('/admin/queues/api/queues').set('cookie', session).expect(200);
    expect(queues.body.queues.find((q: { name: string }) => q.name === QueueName.Email).isPaused).toBe(false);
  });

  it('limits wrong passwords per account', async () => {
    const target = await createStaff('officer', 'ningxiang-htz');
    let last = 0;
    for (let i = 0; i < 11; i++) {
      last = (
        await api()
          .get('/admin/queues')
          .set(basic(target.username, `wrong-${i}`))
      ).status;
    }
    expect(last).toBe(429);
  });

  it('sign-ins on the board count against the login rate limit of the account', async () => {
    // createStaff logged in once: one of the account's 10 attempts per window is spent already.
    const target = await createStaff('officer', 'ningxiang-htz');
    for (let i = 0; i < 9; i++) {
      await api()
        .get('/admin/queues')
        .set(basic(target.username, `wrong-${i}`))
        .expect(401);
    }
    // The account's login budget is spent: even the right password is refused at /auth/login now.
    expectProblem(
      await api().post('/auth/login').send({ username: target.username, password: target.password }),
      429,
    );
  });

  it('lists failed outbox work for admins only; retry answers 404 and 409 where it should', async () => {
    expectProblem(await api().get('/admin/outbox/failed').set(bearer(officer.token)), 403);
    const failed = await api()
      .get('/admin/outbox/failed')
      .query({ queue: 'webhooks' })
      .set(bearer(admin.token))
      .expect(200);
    expect(failed.body).toMatchObject({ items: expect.any(Array), total: expect.any(Number), page: 1 });
    expectProblem(
      await api().get('/admin/outbox/failed').query({ queue: 'nope' }).set(bearer(admin.token)),
      400,
    );
    expectProblem(await api().post('/admin/outbox/abc/retry').set(bearer(admin.token)), 404);
    expectProblem(await api().post('/admin/outbox/999999999999/retry').set(bearer(admin.token)), 404);
    const enterprise = await registerEnterprise('ningxiang-htz');
    const applicationId = await submitApplication(enterprise);
    await waitForState(enterprise.token, applicationId, 'first_review');
    const [done] = await sql<{ id: string }>(
      `SELECT id FROM outbox WHERE queue = 'screening' AND payload->>'applicationId' = $1 AND done_at IS NOT NULL`,
      [applicationId],
    );
    const conflict = await api().post(`/admin/outbox/${done.id}/retry`).set(bearer(admin.token));
    expectProblem(conflict, 409);
    expect(conflict.body.detail).toBe('This work is already done.');
    expectProblem(await api().post(`/admin/outbox/${done.id}/retry`).set(bearer(officer.token)), 403);
  });
});
