import {
  api,
  bearer,
  createStaff,
  expectProblem,
  login,
  setVerifiedBankAccount,
  TestEnterprise,
  TestUser,
  uniqueName,
} from '../support/api-client';
import { eventually } from '../auto-grants/support';
import { approvedGrant, MUNICIPAL_FEN, privateFiscalYear, PROGRAM, ZONE } from './support/grants';

interface Change {
  id: string;
  state: string;
  stateLabel: { zh: string; en: string };
  requested: { accountNo: string; bankName: string; cnapsCode: string | null };
  current: { accountNo: string } | null;
  requestedByName: string | null;
  decisionReason: string | null;
}

interface Notice {
  template: string;
  title: string;
  body: string;
  link: string | null;
  locale: string;
}

const OLD = { bankName: '中国工商银行长沙分行', accountNo: '6222020100001111', cnapsCode: '102551000012' };
const NEW = { bankName: '长沙银行宁乡支行', accountNo: '6222020100002222', cnapsCode: '313551000018' };

/**
 * Issue 12: an enterprise's bank account change waits for a zone finance user's verification; payments
 * use the verified account only; every user of the enterprise hears of the change; verification is
 * finance's alone, in its own zone, once.
 */
describe('bank account changes take effect only once finance verifies them', () => {
  let fiscalYear: number;
  let finance: TestUser;
  let secondFinance: TestUser;
  let otherZoneFinance: TestUser;
  let officer: TestUser;

  beforeAll(async () => {
    fiscalYear = await privateFiscalYear();
    [finance, secondFinance, otherZoneFinance, officer] = await Promise.all([
      createStaff('finance', ZONE),
      createStaff('finance', ZONE),
      createStaff('finance', 'changsha-etdz'),
      createStaff('officer', ZONE),
    ]);
    await api()
      .post('/fund-pools')
      .set(bearer(finance.token))
      .send({ programCode: PROGRAM, fiscalYear, allocatedFen: 10 * MUNICIPAL_FEN })
      .expect(201);
  });

  const enterpriseView = async (e: TestEnterprise) =>
    (await api().get(`/enterprises/${e.enterpriseId}`).set(bearer(e.token)).expect(200)).body as {
      bankAccount: { accountNo: string } | null;
      bankAccountChange: Change | null;
    };

  const askFor = async (e: TestEnterprise, account: typeof NEW): Promise<Change> => {
    const res = await api()
      .put(`/enterprises/${e.enterpriseId}/bank-account`)
      .set(bearer(e.token))
      .send({ ...account, accountName: e.name })
      .expect(200);
    return res.body.bankAccountChange as Change;
  };

  /** Builds and locks a batch of the one grant; the account its payment goes to (masked). */
  const paidTo = async (applicationId: string): Promise<string> => {
    const built = await api()
      .post('/disbursement-batches')
      .set(bearer(finance.token))
      .send({ programCode: PROGRAM, fiscalYear, applicationIds: [applicationId] })
      .expect(201);
    await api()
      .post(`/disbursement-batches/${built.body.id}/lock`)
      .set(bearer(finance.token))
      .send()
      .expect(200);
    const batch = await api()
      .get(`/disbursement-batches/${built.body.id}`)
      .set(bearer(finance.token))
      .expect(200);
    return batch.body.items[0].accountNo as string;
  };

  it('a pending change is not paid to; once verified it is', async () => {
    const grant = await approvedGrant(officer, fiscalYear);
    await setVerifiedBankAccount(
      grant.enterprise,
      { ...OLD, accountName: grant.enterprise.name },
      finance.token,
    );

    const pending = await askFor(grant.enterprise, NEW);
    expect(pending).toMatchObject({
      state: 'pending',
      stateLabel: { zh: '待核验', en: 'Awaiting verification' },
      requested: { accountNo: '**** **** 2222', bankName: NEW.bankName, cnapsCode: NEW.cnapsCode },
      current: { accountNo: '**** **** 1111' },
    });
    const view = await enterpriseView(grant.enterprise);
    expect(view.bankAccount?.accountNo).toBe(OLD.accountNo);
    expect(view.bankAccountChange?.id).toBe(pending.id);
    // The payment goes to the verified account, not to the one waiting.
    expect(await paidTo(grant.id)).toBe('**** **** 1111');

    const second = await approvedGrant(officer, fiscalYear);
    await setVerifiedBankAccount(
      second.enterprise,
      { ...NEW, accountName: second.enterprise.name },
      finance.token,
    );
    expect(await paidTo(second.id)).toBe('**** **** 2222');
  });

  it('a refused change leaves the old account, with the reason for the enterprise', async () => {
    const grant = await approvedGrant(officer, fiscalYear);
    await setVerifiedBankAccount(
      grant.enterprise,
      { ...OLD, accountName: grant.enterprise.name },
      finance.token,
    );
    const pending = await askFor(grant.enterprise, NEW);

    const blank = await api()
      .post(`/bank-account-changes/${pending.id}/refuse`)
      .set(bearer(finance.token))
      .send({ reason: '   ' });
    expectProblem(blank, 400);
    expect(blank.body.errors[0].field).toBe('reason');

    const refused = await api()
      .post(`/bank-account-changes/${pending.id}/refuse`)
      .set(bearer(finance.token))
      .send({ reason: '开户名称与营业执照不一致' })
      .expect(200);
    expect(refused.body).toMatchObject({ state: 'refused', decisionReason: '开户名称与营业执照不一致' });
    const view = await enterpriseView(grant.enterprise);
    expect(view.bankAccount?.accountNo).toBe(OLD.accountNo);
    expect(view.bankAccountChange).toMatchObject({
      id: pending.id,
      state: 'refused',
      stateLabel: { zh: '已驳回' },
      decisionReason: '开户名称与营业执照不一致',
    });
    expect(await paidTo(grant.id)).toBe('**** **** 1111');
    // Decided once: neither a second refusal nor a verification changes it.
    expectProblem(
      await api().post(`/bank-account-changes/${pending.id}/verify`).set(bearer(finance.token)).send({}),
      409,
    );
    const history = await api()
      .get(`/enterprises/${grant.enterprise.enterpriseId}/history`)
      .set(bearer(finance.token))
      .expect(200);
    const actions = history.body.map((e: { action: string }) => e.action);
    expect(actions.slice(-2)).toEqual([
      'enterprise.bank-account-change-requested',
      'enterprise.bank-account-change-refused',
    ]);
  });

  it('a payee whose only account waits for verification is reported as such, not paid', async () => {
    const grant = await approvedGrant(officer, fiscalYear, { verifyBankAccount: false });
    expect((await enterpriseView(grant.enterprise)).bankAccount).toBeNull();
    const built = await api()
      .post('/disbursement-batches')
      .set(bearer(finance.token))
      .send({ programCode: PROGRAM, fiscalYear, applicationIds: [grant.id] });
    expectProblem(built, 422);
    expect(JSON.stringify(built.body.skipped)).toContain('awaits verification');
  });

  it('tells every user of the enterprise, in their language, with a link to the bank-account page', async () => {
    const grant = await approvedGrant(officer, fiscalYear);
    const owner = grant.enterprise;
    const username = uniqueName('colleague').toLowerCase();
    await api()
      .post(`/enterprises/${owner.enterpriseId}/users`)
      .set(bearer(owner.token))
      .send({ username, password: 'colleague-password', displayName: 'Li Si', locale: 'en' })
      .expect(201);
    const colleague = await login(username, 'colleague-password');
    const change = await askFor(owner, NEW);

    const inbox = (token: string) => async () =>
      (await api().get('/notifications').query({ pageSize: 100 }).set(bearer(token)).expect(200)).body
        .items as Notice[];
    const has = (template: string) => (items: Notice[]) => items.some((n) => n.template === template);
    // The owner was also told of its first account at registration: find the notice of this change.
    const ofThisChange = (n: Notice) =>
      n.template === 'bank-account-change-requested' && n.body.includes('**** **** 2222');
    const ownerSees = await eventually(inbox(owner.token), (items) => items.some(ofThisChange), 'owner told');
    const colleagueSees = await eventually(
      inbox(colleague),
      (items) => items.some(ofThisChange),
      'colleague told',
    );
    const zh = ownerSees.find(ofThisChange)!;
    const en = colleagueSees.find(ofThisChange)!;
    expect(zh).toMatchObject({ locale: 'zh-CN', link: '/app/enterprise/bank-account' });
    expect(zh.title).toBe('收款账户变更已提交，待财务核验');
    expect(zh.body).toContain('**** **** 2222');
    expect(zh.body).not.toContain(NEW.accountNo);
    expect(en).toMatchObject({ locale: 'en', link: '/app/enterprise/bank-account' });
    expect(en.title).toBe('Bank account change submitted, awaiting verification');

    await api()
      .post(`/bank-account-changes/${change.id}/verify`)
      .set(bearer(finance.token))
      .send({})
      .expect(200);
    const verified = await eventually(inbox(colleague), has('bank-account-change-verified'), 'verified told');
    expect(verified.find((n) => n.template === 'bank-account-change-verified')!.title).toBe(
      'Bank account change verified',
    );
  });

  it('only finance of the zone verifies: the enterprise 403, an officer 403, another zone 404', async () => {
    const grant = await approvedGrant(officer, fiscalYear);
    const change = await askFor(grant.enterprise, NEW);
    for (const token of [grant.enterprise.token, officer.token]) {
      expectProblem(
        await api().post(`/bank-account-changes/${change.id}/verify`).set(bearer(token)).send({}),
        403,
      );
    }
    const elsewhere = await api()
      .post(`/bank-account-changes/${change.id}/verify`)
      .set(bearer(otherZoneFinance.token))
      .send({});
    expectProblem(elsewhere, 404);
    const missing = await api()
      .post('/bank-account-changes/00000000-0000-4000-8000-000000000000/verify')
      .set(bearer(finance.token))
      .send({});
    expectProblem(missing, 404);
    expect(elsewhere.body.detail).toBe(missing.body.detail);
    const otherQueue = await api()
      .get('/bank-account-changes')
      .set(bearer(otherZoneFinance.token))
      .expect(200);
    expect(otherQueue.body.map((c: Change) => c.id)).not.toContain(change.id);
    const queue = await api().get('/bank-account-changes').set(bearer(finance.token)).expect(200);
    expect(queue.body.find((c: Change) => c.id === change.id)).toMatchObject({
      state: 'pending',
      requestedByName: expect.any(String),
      requested: { accountNo: '**** **** 2222' },
    });
    expect(JSON.stringify(queue.body)).not.toContain(NEW.accountNo);
    expect((await enterpriseView(grant.enterprise)).bankAccountChange?.state).toBe('pending');
  });

  it('two verifications of one change at once: exactly one succeeds', async () => {
    const grant = await approvedGrant(officer, fiscalYear);
    const change = await askFor(grant.enterprise, NEW);
    const answers = await Promise.all(
      [finance, secondFinance, finance, secondFinance].map((f) =>
        api().post(`/bank-account-changes/${change.id}/verify`).set(bearer(f.token)).send({}),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409]);
    const history = await api()
      .get(`/enterprises/${grant.enterprise.enterpriseId}/history`)
      .set(bearer(finance.token))
      .expect(200);
    const changed = history.body.filter(
      (e: { action: string }) => e.action === 'enterprise.bank-account-changed',
    );
    // One at registration (the fixture's verification), one now.
    expect(changed).toHaveLength(2);
    expect((await enterpriseView(grant.enterprise)).bankAccount?.accountNo).toBe(NEW.accountNo);
  });

  it('a newer change supersedes the one still waiting', async () => {
    const grant = await approvedGrant(officer, fiscalYear);
    const first = await askFor(grant.enterprise, OLD);
    const second = await askFor(grant.enterprise, NEW);
    expect(second.id).not.toBe(first.id);
    expectProblem(
      await api().post(`/bank-account-changes/${first.id}/verify`).set(bearer(finance.token)).send({}),
      409,
    );
    const superseded = await api()
      .get('/bank-account-changes')
      .query({ state: 'superseded' })
      .set(bearer(finance.token))
      .expect(200);
    expect(superseded.body.map((c: Change) => c.id)).toContain(first.id);
  });
});
