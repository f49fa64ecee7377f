import IORedis from 'ioredis';
import type { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import {
  freePort,
  PROCESS_START_MS,
  reapOrphans,
  startApp,
  stopApp,
  waitForHttp,
  waitForLog,
} from './processes';
import { appEnv, E2eEnv, newRunId, POSTGRES_BASE_URL, randomSecret, REDIS_URL } from './test-env';

declare global {
  var __HUIQI_PROCESSES__: ChildProcess[] | undefined;
}

/**
 * Once per run: a fresh database (migrations applied, seed loaded), a fresh Redis key prefix, and the
 * real api and worker processes started against them. Test files reach them through HUIQI_E2E_ENV.
 */
export default async function globalSetup(): Promise<void> {
  reapOrphans();
  await assertServicesAnswer();
  await dropStaleTestDatabases();

  const runId = newRunId();
  const databaseName = `huiqi_test_${runId}`;
  const apiPort = await freePort();
  const env: E2eEnv = {
    databaseName,
    databaseUrl: `${POSTGRES_BASE_URL}/${databaseName}`,
    redisUrl: REDIS_URL,
    redisPrefix: `huiqi-test-${runId}`,
    adminUsername: 'admin',
    adminPassword: `admin-${runId}`,
    apiPort,
    apiUrl: `http://127.0.0.1:${apiPort}`,
    jwtSecret: randomSecret(),
    idHashSecret: randomSecret(),
  };
  const vars = appEnv(env);
  process.env.HUIQI_E2E_ENV = JSON.stringify(env);

  // The api creates the database, applies migrations and loads the seed at start-up (under the
  // migration lock), exactly as in production; the worker waits on the same lock.
  const api = startApp('api', vars, `${runId}-api`);
  const worker = startApp('worker', vars, `${runId}-worker`);
  globalThis.__HUIQI_PROCESSES__ = [api, worker];
  // If either does not come up, stop both: a failed setup must not leave processes behind.
  await Promise.all([
    waitForHttp(`${env.apiUrl}/health/ready`, PROCESS_START_MS, api),
    waitForLog(worker, /Huiqi worker started/, PROCESS_START_MS),
  ]).catch(async (error: unknown) => {
    await Promise.all([stopApp(api), stopApp(worker)]);
    throw error;
  });
  env.adminToken = await loginAdmin(env);
  process.env.HUIQI_E2E_ENV = JSON.stringify(env);
}

async function loginAdmin(env: E2eEnv): Promise<string> {
  const res = await fetch(`${env.apiUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: env.adminUsername, password: env.adminPassword }),
  });
  if (!res.ok) throw new Error(`admin login failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** Drops test databases of runs that ended more than six hours ago without their teardown. */
async function dropStaleTestDatabases(): Promise<void> {
  const pg = new Client({ connectionString: `${POSTGRES_BASE_URL}/postgres` });
  await pg.connect();
  try {
    const { rows } = await pg.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'huiqi\\_test\\_%'`,
    );
    const cutoff = Date.now() - 6 * 3600_000;
    for (const { datname } of rows) {
      const stamp = /^huiqi_test_(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})_/.exec(datname);
      if (!stamp) continue;
      const [, y, mo, d, h, mi, s] = stamp.map(Number);
      if (Date.UTC(y, mo - 1, d, h, mi, s) < cutoff) {
        await pg.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
      }
    }
  } finally {
    await pg.end();
  }
}

async function assertServicesAnswer(): Promise<void> {
  const pg = new Client({ connectionString: `${POSTGRES_BASE_URL}/postgres`, connectionTimeoutMillis: 3000 });
  const redis = new IORedis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await pg.connect();
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(
      `The tests need PostgreSQL at ${POSTGRES_BASE_URL} and Redis at ${REDIS_URL}: ${(error as Error).message}. Run bash .ci/run, which starts them.`,
      { cause: error },
    );
  } finally {
    await pg.end().catch(() => undefined);
    redis.disconnect();
  }
}
