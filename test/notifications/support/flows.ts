import { randomBytes } from 'node:crypto';
import {
  adminToken,
  api,
  bearer,
  login,
  TestEnterprise,
  TestUser,
  uniqueName,
} from '../../support/api-client';
import { uniqueDocNo, uploadDocument } from '../../support/applications';

export const PLATFORM = 'ningxiang-htz.platform-construction';
export const NATIONAL_FEN = 200_000_000;

/** A complete Ningxiang platform-construction application, submitted; returns its id. */
export async function submitApplication(enterprise: TestEnterprise): Promise<string> {
  const created = await api()
    .post('/applications')
    .set(bearer(enterprise.token))
    .send({
      programCode: PLATFORM,
      fiscalYear: 2026,
      form: {
        platformName: `国家先进储能材料工程研究中心-${randomBytes(3).toString('hex')}`,
        platformType: 'national-platform',
        recognisedOn: '2026-03-18',
        approvalDocumentNo: uniqueDocNo(),
      },
    })
    .expect(201);
  const id = created.body.id as string;
  await uploadDocument(enterprise.token, id, 'recognition-document').expect(201);
  await api().post(`/applications/${id}/submit`).set(bearer(enterprise.token)).send({}).expect(200);
  return id;
}

/** Polls until `check` returns something other than undefined; bounded. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** A staff user with an email address and a language (createStaff() makes them without). */
export async function createStaffWith(
  role: string,
  zoneCode: string,
  extra: { email?: string; locale?: 'zh-CN' | 'en' } = {},
): Promise<TestUser> {
  const username = uniqueName(role).toLowerCase();
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const res = await api()
    .post('/admin/users')
    .set(bearer(await adminToken()))
    .send({ username, password, role, zoneCode, ...extra });
  if (res.status !== 201) throw new Error(`create ${role} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, username, password, token: await login(username, password) };
}

/** Another user of the enterprise, invited by its owner. */
export async function inviteColleague(
  owner: TestEnterprise,
  extra: { email?: string; locale?: 'zh-CN' | 'en' } = {},
): Promise<TestUser> {
  const username = uniqueName('colleague').toLowerCase();
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const res = await api()
    .post(`/enterprises/${owner.enterpriseId}/users`)
    .set(bearer(owner.token))
    .send({ username, password, ...extra });
  if (res.status !== 201) throw new Error(`invite failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, username, password, token: await login(username, password) };
}

/** The caller's in-app notifications about one application. */
export async function inboxFor(token: string, applicationId: string) {
  const res = await api().get('/notifications').query({ pageSize: 100 }).set(bearer(token)).expect(200);
  return (
    res.body.items as { applicationId: string; template: string; title: string; body: string; id: string }[]
  ).filter((n) => n.applicationId === applicationId);
}
