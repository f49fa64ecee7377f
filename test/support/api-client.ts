import { usccCheckCharacter } from '@huiqi/common';
import { randomBytes, randomInt } from 'node:crypto';
import request from 'supertest';
import { e2eEnv } from './test-env';

export const api = () => request(e2eEnv().apiUrl);

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

export async function registerEnterprise(
  zoneCode: string,
  extra: Record<string, unknown> = {},
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
      },
      ...extra,
    });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    id: res.body.user.id,
    username,
    password,
    token: res.body.accessToken,
    enterpriseId: res.body.enterprise.id,
    uscc,
    name,
    zoneCode,
  };
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
