import IORedis from 'ioredis';
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createIsolatedDatabase } from '../../support/isolated-db';
import {
  freePort,
  PROCESS_START_MS,
  startApp,
  stopApp,
  waitForHttp,
  waitForLog,
} from '../../support/processes';
import { appEnv, E2eEnv, e2eEnv } from '../../support/test-env';

/**
 * A Huiqi of a test's own: a migrated, seeded database, a Redis key prefix (or a whole Redis server)
 * and its own api and worker processes, configured as the test needs (SMTP, retry schedule). Used where
 * a test must control the worker (stop it, signal it, start another) or Redis itself, which it cannot
 * do to the run's shared processes.
 */
export interface World {
  env: E2eEnv;
  vars: Record<string, string>;
  api: ChildProcess;
  worker: ChildProcess | undefined;
  /** Set when the world has a Redis server of its own. */
  redis?: PrivateRedis;
  startWorker(label?: string): Promise<ChildProcess>;
  stopWorker(signal?: NodeJS.Signals): Promise<void>;
  close(): Promise<void>;
}

export interface WorldOptions {
  /** A redis-server of the world's own (no persistence), which the test may flush or restart. */
  privateRedis?: boolean;
  env?: Record<string, string>;
}

let counter = 0;

export async function startWorld(label: string, options: WorldOptions = {}): Promise<World> {
  const main = e2eEnv();
  const db = await createIsolatedDatabase(label);
  const redis = options.privateRedis ? await startPrivateRedis() : undefined;
  const apiPort = await freePort();
  // The run's admin token names a user of the run's database, not of this one: log in afresh.
  const { adminToken: _runToken, ...shared } = main;
  const env: E2eEnv = {
    ...shared,
    databaseName: db.url.slice(db.url.lastIndexOf('/') + 1),
    databaseUrl: db.url,
    redisUrl: redis?.url ?? main.redisUrl,
    redisPrefix: `${main.redisPrefix}-${label}`.slice(0, 40),
    apiPort,
    apiUrl: `http://127.0.0.1:${apiPort}`,
  };
  const vars = appEnv(env, options.env ?? {});
  const run = `${main.databaseName}-${label}`;
  const api = startApp('api', vars, `${run}-api`);
  const world: World = {
    env,
    vars,
    api,
    worker: undefined,
    redis,
    async startWorker(name = `worker-${++counter}`) {
      const worker = startApp('worker', vars, `${run}-${name}`);
      await waitForLog(worker, /Huiqi worker started/, PROCESS_START_MS);
      world.worker = worker;
      return worker;
    },
    async stopWorker(signal = 'SIGTERM') {
      await stopApp(world.worker, signal);
      world.worker = undefined;
    },
    async close() {
      await Promise.all([stopApp(world.worker), stopApp(api)]);
      if (redis) await redis.stop();
      else await deleteKeys(main.redisUrl, env.redisPrefix);
      await db.drop();
    },
  };
  await Promise.all([waitForHttp(`${env.apiUrl}/health/ready`, PROCESS_START_MS, api), world.startWorker()]);
  return world;
}

/** Points the shared test helpers (api(), sql(), castFor(), ...) of this test file at the world. */
export function useWorld(world: World): void {
  process.env.HUIQI_E2E_ENV = JSON.stringify(world.env);
}

async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new IORedis(url);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
}

/** A redis-server on a free loopback port, without persistence, that a test may flush, kill and restart. */
export interface PrivateRedis {
  url: string;
  port: number;
  /** Kills the server (SIGKILL) and starts an empty one on the same port, as after a crash without persistence. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child = await spawnRedis(port);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async restart() {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
      child = await spawnRedis(port);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
  };
}

async function spawnRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--maxmemory-policy',
      'noeviction',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await waitForLog(child, /Ready to accept connections/, 10_000);
  return child;
}
