import { usccCheckCharacter } from '@huiqi/common';
import { randomBytes, randomInt } from 'node:crypto';
import request from 'supertest';
import { e2eEnv } from './test-env';

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options']);

/**
 * Requests to the run's API. They ask for English (`Accept-Language: en`) unless told otherwise, so
 * assertions on messages read as the code's English texts; `api(null)` sends no Accept-Language
 * (the API then answers in Chinese), `api('zh-CN')` asks for Chinese.
 */
export const api = (language: string | null = 'en'): ReturnType<typeof request> => {
  const agent = request(e2eEnv().apiUrl);
  if (language === null) return agent;
  return new Proxy(agent, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof prop !== 'string' || !VERBS.has(prop) || typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        (value as (...a: unknown[]) => request.Test).apply(target, args).set('accept-language', language);
    },
  });
};

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A fresh, valid USCC (random organisation code, real check character). */
export function makeUscc(division = '430124'): string {
  let org = '';
  for (let i = 0; i < 9; i++) org += USCC_ALPHABET[randomInt(USCC_ALPHABET.length)];
  const first17 = `91${division}${org}`;
  return first17 + usccCheckCharacter(first17);
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export async function login(username: string, password: string): Promise<string> {
  const res = await api().post('/auth/login').send({ username, password });
  if (res.status !== 200)
    throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.accessToken as string;
}

let adminTokenPromise: Promise<string> | undefined;
/** The admin's token: the one the global setup logged in (many test files share one account's login limit). */
export function adminToken(): Promise<string> {
  const env = e2eEnv();
  adminTokenPromise ??= env.adminToken
    ? Promise.resolve(env.adminToken)
    : login(env.adminUsername, env.adminPassword);
  return adminTokenPromise;
}

export interface TestUser {
  id: string;
  username: string;
  password: string;
  token: string;
}

export async function createStaff(role: string, zoneCode: string): Promise<TestUser> {
  const username = uniqueName(role).toLowerCase();
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const res = await api()
    .post('/admin/users')
    .set('authorization', `Bearer ${await adminToken()}`)
    .send({ username, password, role, zoneCode });
  if (res.status !== 201) throw new Error(`create ${role} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, username, password, token: await login(username, password) };
}

export interface TestEnterprise extends TestUser {
  enterpriseId: string;
  uscc: string;
  name: string;
  zoneCode: string;
}

const zoneFinance = new Map<string, Promise<TestUser>>();
/** A finance user of the zone, created once per test file: verifies bank account changes for fixtures. */
export function financeOf(zoneCode: string): Promise<TestUser> {
  let finance = zoneFinance.get(zoneCode);
  if (!finance) zoneFinance.set(zoneCode, (finance = createStaff('finance', zoneCode)));
  return finance;
}

/**
 * Verifies the enterprise's pending bank account change as a finance user of its zone (the fixture's
 * own unless one is given): a bank account counts for payments only once finance verified it.
 */
export async function verifyBankAccount(
  enterprise: Pick<TestEnterprise, 'enterpriseId' | 'token' | 'zoneCode'>,
  financeToken?: string,
): Promise<void> {
  const view = await api().get(`/enterprises/${enterprise.enterpriseId}`).set(bearer(enterprise.token));
  const change = view.body?.bankAccountChange as { id: string; state: string } | null | undefined;
  if (!change || change.state !== 'pending') {
    throw new Error(`no pending bank account change to verify: ${JSON.stringify(view.body)}`);
  }
  const token = financeToken ?? (await financeOf(enterprise.zoneCode)).token;
  const res = await api().post(`/bank-account-changes/${change.id}/verify`).set(bearer(token)).send({});
  if (res.status !== 200) throw new Error(`verify failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Sets the enterprise's bank account as the enterprise (PUT …/bank-account) and has finance verify it. */
export async function setVerifiedBankAccount(
  enterprise: Pick<TestEnterprise, 'enterpriseId' | 'token' | 'zoneCode'>,
  account: { bankName: string; accountName: string; accountNo: string; cnapsCode?: string },
  financeToken?: string,
): Promise<void> {
  const res = await api()
    .put(`/enterprises/${enterprise.enterpriseId}/bank-account`)
    .set(bearer(enterprise.token))
    .send(account);
  if (res.status !== 200) throw new Error(`bank account failed: ${res.status} ${JSON.stringify(res.body)}`);
  await verifyBankAccount(enterprise, financeToken);
}

/**
 * Registers an enterprise with a bank account (unless `extra` says otherwise) and, by default, has a
 * finance user of its zone verify that account so it can be paid; `verifyBankAccount: false` leaves
 * it pending, as a real registration does.
 */
export async function registerEnterprise(
  zoneCode: string,
  extra: Record<string, unknown> = {},
  options: { verifyBankAccount?: boolean } = {},
): Promise<TestEnterprise> {
  const username = uniqueName('ent').toLowerCase();
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const uscc = makeUscc();
  const name = uniqueName('测试科技有限公司');
  const res = await api()
    .post('/auth/register-enterprise')
    .send({
      uscc,
      name,
      zoneCode,
      username,
      password,
      bankAccount: {
        bankName: '中国工商银行长沙分行',
        accountName: name,
        accountNo: `6222${randomInt(1e9, 1e10 - 1)}12`,
        cnapsCode: '102551000012',
      },
      ...extra,
    });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  const enterprise: TestEnterprise = {
    id: res.body.user.id,
    username,
    password,
    token: res.body.accessToken,
    enterpriseId: res.body.enterprise.id,
    uscc,
    name,
    zoneCode,
  };
  if (res.body.enterprise.bankAccountChange && options.verifyBankAccount !== false) {
    await verifyBankAccount(enterprise);
  }
  return enterprise;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Asserts an RFC 9457 problem document with the given status. */
export function expectProblem(res: request.Response, status: number): void {
  if (res.status !== status) {
    throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  }
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
}
