import request from 'supertest';
import { api, bearer } from '../support/api-client';
import { sql } from '../support/db';

export interface SweepBody {
  id: string;
  status: 'pending' | 'running' | 'completed' | 'failed';
  total: number;
  processed: number;
  offersCreated: number;
  duplicates: number;
  skipped: number;
  errorCount: number;
  errors: { enterpriseId: string; message: string }[];
  [key: string]: unknown;
}

/** The current fiscal year in Asia/Shanghai, as the system sees it. */
export function currentFiscalYear(): number {
  return Number(new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 4));
}

export async function startSweep(
  token: string,
  body: { programCode?: string; fiscalYear?: number } = {},
): Promise<SweepBody> {
  const res = await api().post('/auto-grant-sweeps').set(bearer(token)).send(body);
  if (res.status !== 202) throw new Error(`start sweep: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as SweepBody;
}

/** Polls the sweep until it is completed (or failed, which throws). */
export async function waitForSweep(token: string, id: string, timeoutMs = 60_000): Promise<SweepBody> {
  const deadline = Date.now() + timeoutMs;
  let last: SweepBody | undefined;
  while (Date.now() < deadline) {
    const res = await api().get(`/auto-grant-sweeps/${id}`).set(bearer(token));
    if (res.status === 200) {
      last = res.body as SweepBody;
      if (last.status === 'completed') return last;
      if (last.status === 'failed') throw new Error(`sweep ${id} failed: ${JSON.stringify(last)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`sweep ${id} did not complete within ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
}

/** Records a fact through the facts API (which queues the enterprise's targeted check). */
export function recordFact(token: string, enterpriseId: string, fact: Record<string, unknown>): request.Test {
  return api().post(`/enterprises/${enterpriseId}/facts`).set(bearer(token)).send(fact);
}

export interface OfferBody {
  id: string;
  state: string;
  programCode: string;
  programVersion: number;
  computedAmountFen: number;
  parentId: string | null;
  installmentIndex: number | null;
  [key: string]: unknown;
}

/** The enterprise's auto-grant cases, as the enterprise sees them. */
export async function offersOf(token: string, programCode?: string): Promise<OfferBody[]> {
  const res = await api()
    .get('/applications')
    .query({ mode: 'auto', pageSize: 100, ...(programCode ? { programCode } : {}) })
    .set(bearer(token));
  if (res.status !== 200) throw new Error(`list offers: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.items as OfferBody[];
}

/** Polls until `read` returns a value `done` accepts. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
}

/**
 * Test input data: `count` enterprises of a zone, inserted with one statement (registering thousands
 * through the API would only slow the suite down). Returns their ids in id order.
 */
export async function seedEnterprises(zoneCode: string, count: number, label: string): Promise<string[]> {
  const rows = await sql<{ id: string }>(
    `INSERT INTO enterprises (uscc, name, zone_id, bank_name, bank_account_name, bank_account_no, bank_cnaps_code)
     SELECT '9143' || upper(substr(md5($3 || ':' || i || ':' || random()), 1, 14)), $3 || '-' || i, z.id,
       '中国工商银行', $3 || '-' || i, '6222' || lpad(i::text, 12, '0'), '102551000012'
     FROM zones z, generate_series(1, $2) AS i WHERE z.code = $1
     RETURNING id`,
    [zoneCode, count, label],
  );
  return rows.map((r) => r.id).sort();
}

/** Test input data: one fact for each enterprise, as a data feed would have recorded it. */
export async function seedFact(
  enterpriseIds: readonly string[],
  fact: { key: string; value: unknown; source: string; period?: string; subject?: string },
): Promise<void> {
  if (enterpriseIds.length === 0) return;
  await sql(
    `INSERT INTO enterprise_facts (enterprise_id, zone_id, key, subject, period, value, source)
     SELECT e.id, e.zone_id, $2, $3, $4, $5::jsonb, $6 FROM enterprises e WHERE e.id = ANY($1::uuid[])`,
    [
      enterpriseIds,
      fact.key,
      fact.subject ?? null,
      fact.period ?? null,
      JSON.stringify(fact.value),
      fact.source,
    ],
  );
}

/** A valid PRC resident ID number (GB 11643 check character) for a random person: one person per test. */
export function uniqueIdNumber(): string {
  const day = new Date(Date.UTC(1970, 0, 1) + Math.floor(Math.random() * 12_000) * 86_400_000);
  const birth = day.toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `610402${birth}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}
