import { randomBytes } from 'node:crypto';
import {
  api,
  bearer,
  expectProblem,
  login,
  makeUscc,
  registerEnterprise,
  uniqueName,
} from '../support/api-client';
import { e2eEnv } from '../support/test-env';

describe('login', () => {
  it('returns a JWT for the right password and /auth/me knows the user', async () => {
    const env = e2eEnv();
    const token = await login(env.adminUsername, env.adminPassword);
    const me = await api().get('/auth/me').set(bearer(token)).expect(200);
    expect(me.body).toMatchObject({ username: 'admin', role: 'admin', zoneCode: null });
  });

  it('answers a wrong password and an unknown user identically (401, same body)', async () => {
    const ent = await registerEnterprise('ningxiang-htz');
    const wrongPassword = await api()
      .post('/auth/login')
      .send({ username: ent.username, password: 'not-the-password' });
    const unknownUser = await api()
      .post('/auth/login')
      .send({ username: uniqueName('nobody'), password: 'whatever-pass' });
    expectProblem(wrongPassword, 401);
    expectProblem(unknownUser, 401);
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(strip(wrongPassword.body)).toEqual(strip(unknownUser.body));
    expect(wrongPassword.body.detail).toBe('Wrong username or password');
  });

  it('accepts the username in any case', async () => {
    const ent = await registerEnterprise('ningxiang-htz');
    await api()
      .post('/auth/login')
      .send({ username: ent.username.toUpperCase(), password: ent.password })
      .expect(200);
  });

  it('rate-limits attempts on one account (counted in Redis) with a 429 problem', async () => {
    const ent = await registerEnterprise('xixian-new-area');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push(
        (await api().post('/auth/login').send({ username: ent.username, password: 'wrong-password' })).status,
      );
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    const blocked = await api().post('/auth/login').send({ username: ent.username, password: ent.password });
    expectProblem(blocked, 429);
    expect(blocked.headers['retry-after']).toBeDefined();
  });

  it('requires a bearer token (401) and rejects forged or garbage tokens', async () => {
    expectProblem(await api().get('/auth/me'), 401);
    expectProblem(await api().get('/auth/me').set('authorization', 'Bearer not.a.token'), 401);
    const forged =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDAiLCJ0diI6MH0.c2lnbmF0dXJl';
    expectProblem(await api().get('/auth/me').set('authorization', `Bearer ${forged}`), 401);
  });
});

describe('register-enterprise', () => {
  const body = () => ({
    uscc: makeUscc(),
    name: '湖南惠企测试科技有限公司',
    zoneCode: 'ningxiang-htz',
    username: uniqueName('reg').toLowerCase(),
    password: `pw-${randomBytes(6).toString('hex')}`,
  });

  it('creates the enterprise and its owner, and logs them in', async () => {
    const b = body();
    const res = await api().post('/auth/register-enterprise').send(b).expect(201);
    expect(res.body.enterprise).toMatchObject({
      uscc: b.uscc,
      name: b.name,
      zoneCode: 'ningxiang-htz',
      bankAccount: null,
    });
    expect(res.body.user).toMatchObject({
      username: b.username,
      role: 'enterprise',
      isEnterpriseOwner: true,
    });
    const me = await api().get('/auth/me').set(bearer(res.body.accessToken)).expect(200);
    expect(me.body.enterpriseId).toBe(res.body.enterprise.id);
  });

  it('accepts a lower-case USCC and stores it upper-case', async () => {
    const b = body();
    const res = await api()
      .post('/auth/register-enterprise')
      .send({ ...b, uscc: b.uscc.toLowerCase() })
      .expect(201);
    expect(res.body.enterprise.uscc).toBe(b.uscc);
  });

  it.each([
    ['a wrong check character', (u: string) => u.slice(0, 17) + (u[17] === '0' ? '1' : '0')],
    ['a forbidden letter', (u: string) => `${u.slice(0, 10)}I${u.slice(11)}`],
    ['17 characters', (u: string) => u.slice(0, 17)],
  ])('refuses a USCC with %s: 400 naming uscc', async (_what, corrupt) => {
    const b = body();
    const res = await api()
      .post('/auth/register-enterprise')
      .send({ ...b, uscc: corrupt(b.uscc) });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'uscc' })]);
  });

  it('answers 409 naming uscc when the enterprise already exists, and creates no user', async () => {
    const first = body();
    await api().post('/auth/register-enterprise').send(first).expect(201);
    const second = { ...body(), uscc: first.uscc };
    const res = await api().post('/auth/register-enterprise').send(second);
    expectProblem(res, 409);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'uscc' })]);
    expectProblem(
      await api().post('/auth/login').send({ username: second.username, password: second.password }),
      401,
    );
  });

  it('answers 409 naming username when the username is taken', async () => {
    const first = body();
    await api().post('/auth/register-enterprise').send(first).expect(201);
    const res = await api()
      .post('/auth/register-enterprise')
      .send({ ...body(), username: first.username });
    expectProblem(res, 409);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'username' })]);
  });

  it('answers 400 naming zoneCode for an unknown zone', async () => {
    const res = await api()
      .post('/auth/register-enterprise')
      .send({ ...body(), zoneCode: 'atlantis-htz' });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'zoneCode' })]);
  });

  it('validates the bank account and names the nested field', async () => {
    const res = await api()
      .post('/auth/register-enterprise')
      .send({ ...body(), bankAccount: { bankName: '工行', accountName: '测试', accountNo: '12-34' } });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'bankAccount.accountNo' })]);
  });

  it('refuses unknown fields by name (no mass assignment of role or zone ids)', async () => {
    const res = await api()
      .post('/auth/register-enterprise')
      .send({ ...body(), role: 'admin', zoneId: 'x' });
    expectProblem(res, 400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['role', 'zoneId']);
  });

  it('lists every bad field at once', async () => {
    const res = await api().post('/auth/register-enterprise').send({ uscc: 1, password: 'x' });
    expectProblem(res, 400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      ['name', 'password', 'username', 'uscc', 'zoneCode'].sort(),
    );
  });
});
