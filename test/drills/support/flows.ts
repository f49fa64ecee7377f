import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import {
  createStaff,
  Enterprise,
  fileForm,
  login,
  PLATFORM,
  platformForm,
  registerEnterprise,
  User,
} from './actors';
import { DrillHttp, expectStatus, sleep } from './http';
import { DrillStack } from './stack';

export const FISCAL_YEAR = 2026;

/** The zone's staff on a drill stack, and a funded pool for the platform subsidy. */
export interface Cast {
  admin: string;
  officer: User;
  director: User;
  finance: User;
  auditor: User;
  poolId: string;
}

export async function castFor(stack: DrillStack, allocatedFen: number, http = stack.http()): Promise<Cast> {
  const admin = await login(http, stack.adminUsername, stack.adminPassword);
  const [officer, director, finance, auditor] = await Promise.all(
    ['officer', 'director', 'finance', 'auditor'].map((role) =>
      createStaff(http, admin, role, PLATFORM.zone),
    ),
  );
  const pool = expectStatus(
    await http.post(
      '/fund-pools',
      { programCode: PLATFORM.program, fiscalYear: FISCAL_YEAR, allocatedFen },
      { token: finance.token },
    ),
    201,
  );
  return { admin, officer, director, finance, auditor, poolId: pool.body.id };
}

export const newEnterprise = (http: DrillHttp) => registerEnterprise(http, PLATFORM.zone);

/** A complete draft with its mandatory document, ready to submit. */
export async function draft(http: DrillHttp, ent: Enterprise, tier = 'municipal-platform'): Promise<string> {
  const created = expectStatus(
    await http.post(
      '/applications',
      {
        programCode: PLATFORM.program,
        fiscalYear: FISCAL_YEAR,
        form: platformForm(tier, randomBytes(4).toString('hex')),
      },
      { token: ent.token },
    ),
    201,
  );
  const id = created.body.id as string;
  expectStatus(
    await http.request('POST', `/applications/${id}/documents/${PLATFORM.document}`, {
      token: ent.token,
      form: fileForm(),
    }),
    201,
  );
  return id;
}

export async function submit(http: DrillHttp, ent: Enterprise, id: string): Promise<void> {
  expectStatus(await http.post(`/applications/${id}/submit`, {}, { token: ent.token }), 200);
}

/** Polls the database until the application is in one of `states` (the worker moves it there). */
export async function waitForState(
  stack: DrillStack,
  id: string,
  states: string | string[],
  timeoutMs = 60_000,
): Promise<string> {
  const wanted = Array.isArray(states) ? states : [states];
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const [row] = await stack.query<{ state: string }>('SELECT state FROM applications WHERE id = $1', [id]);
    last = row?.state ?? '(none)';
    if (wanted.includes(last)) return last;
    await sleep(100);
  }
  throw new Error(
    `application ${id} did not reach ${wanted.join('|')} within ${timeoutMs} ms (last: ${last})`,
  );
}

/** Draft → submitted → screened by the worker: waiting in first review. */
export async function inFirstReview(
  stack: DrillStack,
  http: DrillHttp,
  ent: Enterprise,
  tier = 'municipal-platform',
): Promise<string> {
  const id = await draft(http, ent, tier);
  await submit(http, ent, id);
  await waitForState(stack, id, 'first_review');
  return id;
}

/**
 * A connection of the test's own that holds row or advisory locks, so a request or a job can be stopped
 * at a precise point inside its transaction (it waits on the lock) while the drill kills its process.
 */
export class LockHolder {
  private constructor(private readonly client: Client) {}

  static async open(stack: DrillStack): Promise<LockHolder> {
    const client = new Client({ connectionString: stack.dbUrl, application_name: 'drill-lock-holder' });
    client.on('error', () => undefined);
    await client.connect();
    return new LockHolder(client);
  }

  async query(text: string, params: unknown[] = []) {
    return this.client.query(text, params);
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}

/** Waits until a backend of `appName` waits on a lock (the request or job has reached the blocked point). */
export async function waitForLockWait(
  stack: DrillStack,
  appName: string,
  match: RegExp,
  timeoutMs = 15_000,
): Promise<{ pid: number; query: string }> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const rows = await stack.query<{ pid: number; query: string }>(
      `SELECT pid, query FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = $1 AND wait_event_type = 'Lock'`,
      [appName],
    );
    const hit = rows.find((r) => match.test(r.query));
    if (hit) return hit;
    await sleep(20);
  }
  throw new Error(`no ${appName} backend waited on a lock matching ${match} within ${timeoutMs} ms`);
}

/**
 * After SIGKILL, the dead process's backends are closed, as Postgres does once it notices the client is
 * gone: a backend blocked on a lock would otherwise carry on when the lock is released.
 */
export async function closeBackendsOf(stack: DrillStack, appName: string): Promise<number> {
  const rows = await stack.query<{ pid: number }>(
    `SELECT pg_terminate_backend(pid), pid FROM pg_stat_activity
     WHERE datname = current_database() AND application_name = $1`,
    [appName],
  );
  return rows.length;
}
