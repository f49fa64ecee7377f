import { WORKER_NODE_FLAGS } from '@huiqi/config';
import IORedis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { dropDatabase, POSTGRES_BASE_URL, REDIS_URL } from './pg';
import {
  freePort,
  ManagedProcess,
  REPO_ROOT,
  startNode,
  stopProcess,
  waitForHttp,
  waitForLog,
} from './processes';

export interface StackOptions {
  /** Names the database (`huiqi_bench_<name>`), the Redis prefix and the log files. */
  name: string;
  logDir: string;
  logLevel: string;
  /** Extra node flags for the api and worker (e.g. --cpu-prof). */
  nodeArgs?: string[];
  env?: Record<string, string>;
  /** Preload bench/tools/count-queries.cjs into both processes (see queries.ts). */
  countQueries?: boolean;
}

/** A fresh database and Redis prefix with the REAL api and worker running from dist/ against them. */
export interface Stack {
  name: string;
  databaseName: string;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  apiUrl: string;
  adminUsername: string;
  adminPassword: string;
  api: ManagedProcess;
  worker: ManagedProcess;
  countQueries: boolean;
  /** Stops both processes, drops the database and removes the Redis keys (unless kept). */
  destroy(keep?: boolean): Promise<void>;
}

export async function startStack(opts: StackOptions): Promise<Stack> {
  const databaseName = `huiqi_bench_${opts.name}`.slice(0, 63);
  const databaseUrl = `${POSTGRES_BASE_URL}/${databaseName}`;
  const redisPrefix = `hqbench-${opts.name}`.slice(0, 40);
  const apiPort = await freePort();
  const adminPassword = `admin-${randomBytes(8).toString('hex')}`;
  const storageDir = join(REPO_ROOT, 'tmp', 'bench-storage', databaseName);
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    API_HOST: '127.0.0.1',
    API_PORT: String(apiPort),
    ADMIN_USERNAME: 'admin',
    ADMIN_PASSWORD: adminPassword,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ID_HASH_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: opts.logLevel,
    // The bench registers its enterprises and logs its staff in from one address.
    LOGIN_LIMIT_PER_IP: '1000000',
    LOGIN_LIMIT_PER_ACCOUNT: '1000000',
    STORAGE_DIR: storageDir,
    ...opts.env,
  };
  const nodeArgs = [
    '--enable-source-maps',
    ...(opts.countQueries ? ['-r', './bench/tools/count-queries.cjs'] : []),
    ...(opts.nodeArgs ?? []),
  ];
  const start = (app: 'api' | 'worker') =>
    startNode(`${opts.name}-${app}`, `dist/apps/${app}/src/main.js`, {
      env: { ...env, BENCH_QUERY_COUNT_FILE: join(opts.logDir, `${opts.name}-${app}-queries`) },
      // The worker runs with its production flags, so its memory is measured as deployed.
      nodeArgs: app === 'worker' ? [...WORKER_NODE_FLAGS, ...nodeArgs] : nodeArgs,
      logDir: opts.logDir,
    });
  // The api creates the database, migrates and seeds under the migration lock; the worker waits on it.
  const api = start('api');
  const worker = start('worker');
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const destroy = async (keep = false) => {
    await Promise.all([stopProcess(api), stopProcess(worker)]);
    if (!keep) {
      await dropDatabase(databaseName);
      await deleteRedisKeys(redisPrefix);
      rmSync(storageDir, { recursive: true, force: true });
    }
  };
  try {
    await Promise.all([
      waitForHttp(`${apiUrl}/health/ready`, api),
      waitForLog(worker, /Huiqi worker started/),
    ]);
  } catch (error) {
    await destroy();
    throw error;
  }
  return {
    name: opts.name,
    databaseName,
    databaseUrl,
    redisUrl: REDIS_URL,
    redisPrefix,
    apiUrl,
    adminUsername: 'admin',
    adminPassword,
    api,
    worker,
    countQueries: opts.countQueries ?? false,
    destroy,
  };
}

export async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new IORedis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}
