import { randomBytes } from 'node:crypto';

/** Settings every test process shares; one fresh database and Redis prefix per `npm test` run. */
export interface E2eEnv {
  databaseUrl: string;
  databaseName: string;
  redisUrl: string;
  redisPrefix: string;
  adminUsername: string;
  adminPassword: string;
  apiUrl: string;
  apiPort: number;
  /** Random per run: no secret in the repository ever signs or hashes anything, in tests either. */
  jwtSecret: string;
  idHashSecret: string;
  /** The admin's access token, logged in once by the global setup (the login rate limit is per account). */
  adminToken?: string;
}

export const POSTGRES_BASE_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function newRunId(): string {
  const stamp = new Date()
    .toISOString()
    .replace(/[-:T.Z]/g, '')
    .slice(0, 14);
  return `${stamp}_${process.pid}_${randomBytes(3).toString('hex')}`;
}

/** A fresh random secret (what `scripts/run` makes once per machine). */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** JWT_SECRET and ID_HASH_SECRET of this run, for the processes and for in-process `loadConfig` calls. */
export function secretsEnv(e: Pick<E2eEnv, 'jwtSecret' | 'idHashSecret'> = e2eEnv()): Record<string, string> {
  return { JWT_SECRET: e.jwtSecret, ID_HASH_SECRET: e.idHashSecret };
}

/** Environment for an api or worker process under test. */
export function appEnv(e: E2eEnv, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: e.databaseUrl,
    REDIS_URL: e.redisUrl,
    REDIS_PREFIX: e.redisPrefix,
    API_PORT: String(e.apiPort),
    API_HOST: '127.0.0.1',
    ADMIN_USERNAME: e.adminUsername,
    ADMIN_PASSWORD: e.adminPassword,
    ...secretsEnv(e),
    LOG_LEVEL: 'info',
    PASSWORD_HASHING: 'test-only',
    LOGIN_LIMIT_PER_ACCOUNT: '10',
    LOGIN_LIMIT_PER_IP: '100000',
    STORAGE_DIR: `tmp/e2e-storage/${e.databaseName}`,
    ...extra,
  };
}

/** The env the global setup published for this run (read by every test file). */
export function e2eEnv(): E2eEnv {
  const raw = process.env.HUIQI_E2E_ENV;
  if (!raw) throw new Error('HUIQI_E2E_ENV is not set: run these tests with jest -c jest.e2e.config.js');
  return JSON.parse(raw) as E2eEnv;
}
