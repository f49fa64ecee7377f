import { randomBytes } from 'node:crypto';
import { api, bearer, createStaff, registerEnterprise, TestEnterprise, TestUser } from './api-client';

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

export interface ApplicationBody {
  id: string;
  state: string;
  version: number;
  availableActions: string[];
  [key: string]: unknown;
}

/** Polls an application until it reaches `state` (the worker moves it asynchronously). */
export async function waitForState(
  token: string,
  id: string,
  state: string | string[],
  timeoutMs = 20_000,
): Promise<ApplicationBody> {
  const wanted = Array.isArray(state) ? state : [state];
  const deadline = Date.now() + timeoutMs;
  let last: ApplicationBody | undefined;
  while (Date.now() < deadline) {
    const res = await api().get(`/applications/${id}`).set(bearer(token));
    if (res.status === 200) {
      last = res.body as ApplicationBody;
      if (wanted.includes(last.state)) return last;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`application ${id} did not reach ${wanted.join('|')} (last: ${last?.state})`);
}

export function uploadDocument(
  token: string,
  id: string,
  type: string,
  content = PDF,
  fileName = 'doc.pdf',
  contentType = 'application/pdf',
) {
  return api()
    .post(`/applications/${id}/documents/${type}`)
    .set(bearer(token))
    .attach('file', content, { filename: fileName, contentType });
}

export function act(token: string, id: string, body: Record<string, unknown>) {
  return api().post(`/applications/${id}/actions`).set(bearer(token)).send(body);
}

/** A zone with an enterprise, its officer, director and finance staff, and a funded pool for `programCode`. */
export interface ZoneCast {
  enterprise: TestEnterprise;
  officer: TestUser;
  director: TestUser;
  finance: TestUser;
  expert: TestUser;
  poolId: string;
}

export async function castFor(
  zoneCode: string,
  programCode: string,
  fiscalYear: number,
  allocatedFen: number,
): Promise<ZoneCast> {
  const [enterprise, officer, director, finance, expert] = await Promise.all([
    registerEnterprise(zoneCode),
    createStaff('officer', zoneCode),
    createStaff('director', zoneCode),
    createStaff('finance', zoneCode),
    createStaff('expert', zoneCode),
  ]);
  const poolId = await ensurePool(finance.token, programCode, fiscalYear, allocatedFen);
  return { enterprise, officer, director, finance, expert, poolId };
}

/** Creates the program's pool for the year, or tops it up when another test already made it. */
export async function ensurePool(
  financeToken: string,
  programCode: string,
  fiscalYear: number,
  allocatedFen: number,
): Promise<string> {
  const created = await api()
    .post('/fund-pools')
    .set(bearer(financeToken))
    .send({ programCode, fiscalYear, allocatedFen });
  if (created.status === 201) return created.body.id as string;
  const list = await api()
    .get('/fund-pools')
    .query({ fiscalYear, code: programCode })
    .set(bearer(financeToken));
  const pool = (list.body.items as { id: string; programCode: string; allocatedFen: number }[]).find(
    (p) => p.programCode === programCode,
  );
  if (!pool) throw new Error(`no pool for ${programCode}: ${created.status} ${JSON.stringify(created.body)}`);
  await api()
    .put(`/fund-pools/${pool.id}/allocation`)
    .set(bearer(financeToken))
    .send({ allocatedFen: pool.allocatedFen + allocatedFen, comment: 'test top-up' })
    .expect(200);
  return pool.id;
}

export const uniqueDocNo = () => `湘科发〔2026〕${randomBytes(3).toString('hex')}号`;

/** A valid PRC resident ID number (GB 11643 check character) for a random person born 1960-1999. */
export function makeIdNumber(): string {
  const birth = new Date(Date.UTC(1960, 0, 1) + Math.floor(Math.random() * 40 * 365) * 86_400_000);
  const yyyymmdd = birth.toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `430124${yyyymmdd}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}
