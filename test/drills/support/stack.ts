import IORedis from 'ioredis';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  freePort,
  PROCESS_START_MS,
  REPO_ROOT,
  startApp,
  waitForHttp,
  waitForLog,
} from '../../support/processes';
import { newRunId, POSTGRES_BASE_URL, randomSecret, REDIS_URL } from '../../support/test-env';
import { DrillHttp } from './http';

export interface StackOptions {
  /** Short name for the database, the Redis prefix and the log files ([a-z0-9_]). */
  label: string;
  apis?: number;
  workers?: number;
  /** Postgres server to use (default: the suite's shared one). */
  postgresBaseUrl?: string;
  /** Extra environment for every process. */
  env?: Record<string, string>;
}

/**
 * One api or worker process of a drill stack: started from source like the suite's processes, killed
 * with any signal, restarted on the same port (an api keeps its port, so clients keep their URL).
 */
export class DrillProcess {
  child?: ChildProcess;
  starts = 0;

  constructor(
    private readonly stack: DrillStack,
    readonly kind: 'api' | 'worker',
    readonly index: number,
    readonly port: number,
  ) {}

  get name(): string {
    return `${this.kind}-${this.index}`;
  }

  get alive(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts the process and waits until it serves (api) or has started its processors (worker). */
  async start(timeoutMs = PROCESS_START_MS): Promise<void> {
    if (this.alive) return;
    this.starts++;
    const child = startApp(
      this.kind,
      this.stack.processEnv(this.port),
      `${this.stack.dbName}-${this.name}-${this.starts}`,
    );
    this.child = child;
    try {
      if (this.kind === 'api') await waitForHttp(`${this.url}/health/live`, timeoutMs, child);
      else await waitForLog(child, /Huiqi worker started/, timeoutMs);
    } catch (error) {
      await this.kill();
      throw error;
    }
  }

  /** Sends the signal and waits for the process to be gone (SIGKILL: no shutdown hooks run). */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.start();
  }
}

/**
 * A complete Huiqi of its own for one drill: a fresh database (the first api migrates and seeds it at
 * start-up, as in production), a Redis key prefix of its own, N api and M worker processes. Everything
 * it starts it stops again in `destroy()`; `reapOrphans` covers a test run that dies first.
 */
export class DrillStack {
  readonly dbName: string;
  readonly dbUrl: string;
  readonly redisPrefix: string;
  readonly adminUsername = 'admin';
  readonly adminPassword: string;
  readonly storageDir: string;
  /** Random per stack, like every secret a test uses. */
  readonly jwtSecret = randomSecret();
  readonly idHashSecret = randomSecret();
  apis: DrillProcess[] = [];
  workers: DrillProcess[] = [];

  private constructor(private readonly options: StackOptions) {
    const runId = newRunId();
    this.dbName = `huiqi_test_${runId}_${options.label}`.slice(0, 63);
    this.dbUrl = `${options.postgresBaseUrl ?? POSTGRES_BASE_URL}/${this.dbName}`;
    this.redisPrefix = `huiqi-drill-${options.label}-${randomBytes(4).toString('hex')}`;
    this.adminPassword = `drill-admin-${randomBytes(6).toString('hex')}`;
    this.storageDir = join('tmp', 'e2e-storage', this.dbName);
  }

  static async start(options: StackOptions): Promise<DrillStack> {
    const stack = new DrillStack(options);
    for (let i = 0; i < (options.apis ?? 1); i++)
      stack.apis.push(new DrillProcess(stack, 'api', i, await freePort()));
    for (let i = 0; i < (options.workers ?? 1); i++)
      stack.workers.push(new DrillProcess(stack, 'worker', i, 0));
    try {
      // The first api creates and migrates the database; the others wait on the migration lock.
      await Promise.all([...stack.apis, ...stack.workers].map((p) => p.start()));
    } catch (error) {
      await stack.destroy();
      throw error;
    }
    return stack;
  }

  processEnv(port: number): Record<string, string> {
    return {
      NODE_ENV: 'test',
      DATABASE_URL: this.dbUrl,
      REDIS_URL: REDIS_URL,
      REDIS_PREFIX: this.redisPrefix,
      API_PORT: String(port || 3000),
      API_HOST: '127.0.0.1',
      ADMIN_USERNAME: this.adminUsername,
      ADMIN_PASSWORD: this.adminPassword,
      JWT_SECRET: this.jwtSecret,
      ID_HASH_SECRET: this.idHashSecret,
      LOG_LEVEL: 'info',
      PASSWORD_HASHING: 'test-only',
      LOGIN_LIMIT_PER_ACCOUNT: '100000',
      LOGIN_LIMIT_PER_IP: '100000',
      STORAGE_DIR: this.storageDir,
      // Work handed to Redis but never done is handed over again soon (a lost job is found in seconds).
      OUTBOX_RESEND_AFTER_SECONDS: '5',
      OUTBOX_POLL_MS: '250',
      ...(this.options.env ?? {}),
    };
  }

  get api(): DrillProcess {
    return this.apis[0];
  }

  get worker(): DrillProcess {
    return this.workers[0];
  }

  http(index = 0): DrillHttp {
    return new DrillHttp(this.apis[index].url);
  }

  /** One query on a connection of its own (survives a Postgres restart between calls). */
  async query<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.dbUrl, connectionTimeoutMillis: 10_000 });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** Stops every process (SIGKILL: nothing to wait for), drops the database and the Redis keys. */
  async destroy(): Promise<void> {
    await Promise.all([...this.apis, ...this.workers].map((p) => p.kill('SIGKILL')));
    const pg = new Client({
      connectionString: `${this.options.postgresBaseUrl ?? POSTGRES_BASE_URL}/postgres`,
      connectionTimeoutMillis: 5000,
    });
    pg.on('error', () => undefined);
    if (process.env.HUIQI_KEEP_TEST_DB !== '1') {
      try {
        await pg.connect();
        await pg.query(`DROP DATABASE IF EXISTS "${this.dbName}" WITH (FORCE)`);
      } catch {
        // a private server already gone, or the shared one's stale-database sweep will drop it
      } finally {
        await pg.end().catch(() => undefined);
      }
    }
    await deleteRedisPrefix(this.redisPrefix);
    rmSync(join(REPO_ROOT, this.storageDir), { recursive: true, force: true });
  }
}

export async function deleteRedisPrefix(prefix: string): Promise<void> {
  const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
