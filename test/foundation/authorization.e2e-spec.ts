import {
  adminToken,
  api,
  bearer,
  createStaff,
  expectProblem,
  login,
  registerEnterprise,
  setVerifiedBankAccount,
  TestEnterprise,
  TestUser,
  uniqueName,
} from '../support/api-client';

describe('roles and object scope', () => {
  let a: TestEnterprise;
  let b: TestEnterprise;
  let otherZone: TestEnterprise;
  let officerA: TestUser;
  let officerOtherZone: TestUser;
  let financeA: TestUser;

  beforeAll(async () => {
    [a, b, otherZone] = await Promise.all([
      registerEnterprise('changsha-etdz'),
      registerEnterprise('changsha-etdz'),
      registerEnterprise('guangzhou-science-city'),
    ]);
    [officerA, officerOtherZone, financeA] = await Promise.all([
      createStaff('officer', 'changsha-etdz'),
      createStaff('officer', 'guangzhou-science-city'),
      createStaff('finance', 'changsha-etdz'),
    ]);
  });

  it('403 for a role that may not call the endpoint', async () => {
    expectProblem(await api().get('/admin/users').set(bearer(a.token)), 403);
    expectProblem(await api().post('/admin/users').set(bearer(officerA.token)).send({}), 403);
    expectProblem(
      await api()
        .put(`/enterprises/${a.enterpriseId}/bank-account`)
        .set(bearer(officerA.token))
        .send({ bankName: '工商银行', accountName: a.name, accountNo: '123456789012' }),
      403,
    );
  });

  it('an enterprise sees itself, and another enterprise answers 404 everywhere', async () => {
    await api().get(`/enterprises/${a.enterpriseId}`).set(bearer(a.token)).expect(200);
    for (const path of [
      `/enterprises/${b.enterpriseId}`,
      `/enterprises/${b.enterpriseId}/history`,
      `/enterprises/${b.enterpriseId}/users`,
    ]) {
      expectProblem(await api().get(path).set(bearer(a.token)), 404);
    }
    expectProblem(
      await api()
        .put(`/enterprises/${b.enterpriseId}/bank-account`)
        .set(bearer(a.token))
        .send({ bankName: '工商银行', accountName: b.name, accountNo: '123456789012' }),
      404,
    );
    expectProblem(
      await api()
        .post(`/enterprises/${b.enterpriseId}/users`)
        .set(bearer(a.token))
        .send({ username: uniqueName('x'), password: 'long-enough-pw' }),
      404,
    );
    const list = await api().get('/enterprises').set(bearer(a.token)).expect(200);
    expect(list.body.items.map((e: { id: string }) => e.id)).toEqual([a.enterpriseId]);
  });

  it('the 404 for another enterprise is indistinguishable from a missing id', async () => {
    const other = await api().get(`/enterprises/${b.enterpriseId}`).set(bearer(a.token));
    const missing = await api().get('/enterprises/00000000-0000-4000-8000-000000000000').set(bearer(a.token));
    const malformed = await api().get('/enterprises/not-a-uuid').set(bearer(a.token));
    for (const res of [other, missing, malformed]) {
      expectProblem(res, 404);
      expect(res.body.detail).toBe('enterprise not found');
    }
  });

  it('staff see their zone only: another zone answers 404', async () => {
    await api().get(`/enterprises/${a.enterpriseId}`).set(bearer(officerA.token)).expect(200);
    expectProblem(await api().get(`/enterprises/${otherZone.enterpriseId}`).set(bearer(officerA.token)), 404);
    expectProblem(await api().get(`/enterprises/${a.enterpriseId}`).set(bearer(officerOtherZone.token)), 404);
    const list = await api()
      .get('/enterprises')
      .query({ pageSize: 100 })
      .set(bearer(officerOtherZone.token))
      .expect(200);
    expect(list.body.items.every((e: { zoneCode: string }) => e.zoneCode === 'guangzhou-science-city')).toBe(
      true,
    );
  });

  it('masks bank accounts for staff other than finance', async () => {
    await setVerifiedBankAccount(
      a,
      { bankName: '中国银行', accountName: a.name, accountNo: '6013 8201 0000 1234 567' },
      financeA.token,
    );
    const byOfficer = await api()
      .get(`/enterprises/${a.enterpriseId}`)
      .set(bearer(officerA.token))
      .expect(200);
    const byFinance = await api()
      .get(`/enterprises/${a.enterpriseId}`)
      .set(bearer(financeA.token))
      .expect(200);
    expect(byOfficer.body.bankAccount.accountNo).toBe('**** **** 4567');
    expect(byFinance.body.bankAccount.accountNo).toBe('6013820100001234567');
  });

  it('audits bank account changes in a verifiable history', async () => {
    await setVerifiedBankAccount(
      b,
      { bankName: '建设银行', accountName: b.name, accountNo: '43050183360000000111' },
      financeA.token,
    );
    const history = await api()
      .get(`/enterprises/${b.enterpriseId}/history`)
      .set(bearer(b.token))
      .expect(200);
    const latest = [...history.body].reverse();
    const change = latest.find((e: { action: string }) => e.action === 'enterprise.bank-account-changed');
    // The enterprise asked; a finance user of the zone verified: only then did the account change.
    const asked = latest.find(
      (e: { action: string }) => e.action === 'enterprise.bank-account-change-requested',
    );
    expect(asked).toMatchObject({ actorRole: 'enterprise', details: { requested: '**** **** 0111' } });
    expect(change).toMatchObject({ actorRole: 'finance', details: { after: '**** **** 0111' } });
    expect(change.details.before).toMatch(/^\*\*\*\* \*\*\*\* \d{4}$/);
    expect(JSON.stringify(history.body)).not.toContain('43050183360000000111');
    // Shaped for the enterprise: no raw rows, no global ids, no internal zone id, no uuid anywhere.
    for (const event of history.body) {
      expect(Object.keys(event).sort()).toEqual(
        ['action', 'actorName', 'actorRole', 'createdAt', 'details', 'seq'].sort(),
      );
    }
    expect(JSON.stringify(history.body)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/i);
  });
});

describe('admin-created staff and enterprise colleagues', () => {
  it('admin creates staff bound to a zone; zoneCode is required and must exist', async () => {
    const token = await adminToken();
    const missing = await api()
      .post('/admin/users')
      .set(bearer(token))
      .send({ username: uniqueName('o'), password: 'long-enough-pw', role: 'officer' });
    expectProblem(missing, 400);
    expect(missing.body.errors[0].field).toBe('zoneCode');
    const unknown = await api()
      .post('/admin/users')
      .set(bearer(token))
      .send({ username: uniqueName('o'), password: 'long-enough-pw', role: 'officer', zoneCode: 'nowhere' });
    expectProblem(unknown, 400);
    const badRole = await api()
      .post('/admin/users')
      .set(bearer(token))
      .send({
        username: uniqueName('o'),
        password: 'long-enough-pw',
        role: 'enterprise',
        zoneCode: 'changsha-etdz',
      });
    expectProblem(badRole, 400);
    expect(badRole.body.errors[0].field).toBe('role');
  });

  it('the owner invites a colleague who sees the enterprise; removal revokes the colleague at once', async () => {
    const owner = await registerEnterprise('ningxiang-htz');
    const username = uniqueName('colleague').toLowerCase();
    const invited = await api()
      .post(`/enterprises/${owner.enterpriseId}/users`)
      .set(bearer(owner.token))
      .send({ username, password: 'colleague-password', displayName: '李四' })
      .expect(201);
    expect(invited.body).toMatchObject({ enterpriseId: owner.enterpriseId, isEnterpriseOwner: false });
    const colleagueToken = await login(username, 'colleague-password');
    await api().get(`/enterprises/${owner.enterpriseId}`).set(bearer(colleagueToken)).expect(200);

    // A colleague is not the owner: cannot invite or remove.
    expectProblem(
      await api()
        .post(`/enterprises/${owner.enterpriseId}/users`)
        .set(bearer(colleagueToken))
        .send({ username: uniqueName('x'), password: 'long-enough-pw' }),
      403,
    );

    await api()
      .delete(`/enterprises/${owner.enterpriseId}/users/${invited.body.id}`)
      .set(bearer(owner.token))
      .expect(204);
    expectProblem(await api().get(`/enterprises/${owner.enterpriseId}`).set(bearer(colleagueToken)), 401);
    expectProblem(await api().post('/auth/login').send({ username, password: 'colleague-password' }), 401);
    const history = await api()
      .get(`/enterprises/${owner.enterpriseId}/history`)
      .set(bearer(owner.token))
      .expect(200);
    expect(history.body.map((e: { action: string }) => e.action)).toEqual([
      'enterprise.registered',
      'enterprise.bank-account-change-requested',
      'enterprise.bank-account-changed',
      'enterprise.user-invited',
      'enterprise.user-removed',
    ]);
  });
});
