import { APP_CONFIG, ConfigModule, loadConfig } from '@huiqi/config';
import { DatabaseModule } from '@huiqi/core/database/database.module';
import { OutboxModule } from '@huiqi/core/outbox/outbox.module';
import { OutboxService } from '@huiqi/core/outbox/outbox.service';
import { bullConnection, QueueName } from '@huiqi/queues';
import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Test, TestingModule } from '@nestjs/testing';
import { Queue, Worker } from 'bullmq';
import { ClsModule } from 'nestjs-cls';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createIsolatedDatabase } from '../../../../test/support/isolated-db';
import { e2eEnv, secretsEnv } from '../../../../test/support/test-env';
import { outboxJobId, OutboxRelayService } from './outbox-relay.service';

/** The relay against real Postgres and Redis, in a database and key prefix of its own. */
describe('OutboxRelayService', () => {
  let db: { url: string; drop: () => Promise<void> };
  let moduleRef: TestingModule;
  let relay: OutboxRelayService;
  let outbox: OutboxService;
  let queue: Queue;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createIsolatedDatabase('relay');
    const prefix = `huiqi-relay-${randomBytes(4).toString('hex')}`;
    const config = loadConfig({
      ...secretsEnv(),
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      REDIS_URL: e2eEnv().redisUrl,
      REDIS_PREFIX: prefix,
      OUTBOX_POLL_MS: '600000', // only NOTIFY or explicit drains move rows in these tests
      OUTBOX_RESEND_AFTER_SECONDS: '2',
    });
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(config),
        ClsModule.forRoot({ global: true }),
        DatabaseModule.forRoot('relay-test'),
        OutboxModule,
        BullModule.forRoot({ connection: bullConnection(config.redis.url, 'worker'), prefix }),
        BullModule.registerQueue({ name: QueueName.Maintenance }),
      ],
      providers: [OutboxRelayService],
    }).compile();
    await moduleRef.init();
    relay = moduleRef.get(OutboxRelayService);
    outbox = moduleRef.get(OutboxService);
    queue = moduleRef.get(getQueueToken(QueueName.Maintenance));
    ds = moduleRef.get(DataSource);
    expect(moduleRef.get(APP_CONFIG).outbox.resendAfterSeconds).toBe(2);
  });

  afterAll(async () => {
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await moduleRef?.close();
    await db?.drop();
  });

  /** Relays what is due, after and around any pass the relay started on its own (NOTIFY wakes it). */
  async function settle(): Promise<void> {
    await relay.whenIdle();
    await relay.drain();
    await relay.whenIdle();
  }

  async function write(n: number, extra: { availableAt?: Date; dedupKey?: string } = {}): Promise<string[]> {
    await ds.transaction((m) =>
      outbox.enqueue(
        m,
        Array.from({ length: n }, () => ({
          queue: QueueName.Maintenance,
          jobName: 'purge-idempotency-keys',
          payload: { task: 'purge-idempotency-keys' as const },
          ...extra,
        })),
      ),
    );
    const rows: { id: string }[] = await ds.query('SELECT id FROM outbox ORDER BY id DESC LIMIT $1', [n]);
    return rows.map((r) => r.id).reverse();
  }

  it('relays committed rows with the row id as job id and marks them sent', async () => {
    const ids = await write(3);
    await settle();
    for (const id of ids) {
      const job = await queue.getJob(outboxJobId(id));
      expect(job?.data).toMatchObject({ task: 'purge-idempotency-keys', outboxId: id });
    }
    const sent: { n: number }[] = await ds.query(
      'SELECT count(*)::int AS n FROM outbox WHERE id = ANY($1) AND sent_at IS NOT NULL',
      [ids],
    );
    expect(sent[0].n).toBe(3);
  });

  it('a crash between enqueue and marking sent re-sends, and the job id dedups it', async () => {
    const [id] = await write(1);
    await settle();
    await ds.query('UPDATE outbox SET sent_at = NULL WHERE id = $1', [id]); // as if the commit was lost
    await settle();
    const jobs = (await queue.getJobs(['waiting', 'delayed', 'active', 'completed'])).filter(
      (j) => j.id === outboxJobId(id),
    );
    expect(jobs).toHaveLength(1);
    const row: { send_count: number }[] = await ds.query('SELECT send_count FROM outbox WHERE id = $1', [id]);
    expect(row[0].send_count).toBe(2);
  });

  it('re-sends rows that were sent but never done after the timeout (Redis lost its data)', async () => {
    const [id] = await write(1);
    await settle();
    await queue.obliterate({ force: true }); // Redis lost everything
    expect(await queue.getJob(outboxJobId(id))).toBeUndefined();
    await ds.query(
      `UPDATE outbox SET sent_at = now() - interval '10 seconds', available_at = now() - interval '10 seconds' WHERE id = $1`,
      [id],
    );
    await settle();
    expect(await queue.getJob(outboxJobId(id))).toBeDefined();
  });

  it('marks a re-sent row failed when its job is already exhausted in Redis (a worker died before recording it)', async () => {
    const [id] = await write(1);
    await settle();
    // A worker exhausts the job (one attempt in this module) and dies before recording the failure.
    const failing = new Worker(
      QueueName.Maintenance,
      async () => {
        throw new Error('boom on the last attempt');
      },
      { connection: bullConnection(e2eEnv().redisUrl, 'worker'), prefix: queue.opts.prefix },
    );
    const job = (await queue.getJob(outboxJobId(id)))!;
    for (let i = 0; i < 100 && (await job.getState()) !== 'failed'; i++)
      await new Promise((r) => setTimeout(r, 50));
    await failing.close();
    expect(await job.getState()).toBe('failed');
    await ds.query(
      `UPDATE outbox SET sent_at = now() - interval '10 seconds', available_at = now() - interval '10 seconds' WHERE id = $1`,
      [id],
    );
    await settle();
    const [row]: { failed_at: Date | null; last_error: string | null }[] = await ds.query(
      'SELECT failed_at, last_error FROM outbox WHERE id = $1',
      [id],
    );
    expect(row.failed_at).not.toBeNull();
    expect(row.last_error).toBe('boom on the last attempt');
    await settle();
    const [again]: { send_count: number }[] = await ds.query('SELECT send_count FROM outbox WHERE id = $1', [
      id,
    ]);
    expect(again.send_count).toBe(2); // failed rows are out of the resend loop
  });

  it('does not re-send rows that are done', async () => {
    const [id] = await write(1);
    await settle();
    await outbox.runOnce(id, async () => undefined);
    await queue.obliterate({ force: true });
    await ds.query(
      `UPDATE outbox SET sent_at = now() - interval '10 seconds', available_at = now() - interval '10 seconds' WHERE id = $1`,
      [id],
    );
    await settle();
    expect(await queue.getJob(outboxJobId(id))).toBeUndefined();
  });

  it('runOnce runs an effect once however often the job is delivered, even concurrently', async () => {
    const [id] = await write(1);
    let effects = 0;
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        outbox.runOnce(id, async (m) => {
          effects++;
          await m.query('SELECT pg_sleep(0.05)');
        }),
      ),
    );
    expect(effects).toBe(1);
    expect(results.filter((r) => r.ran)).toHaveLength(1);
  });

  it('hands rows due within the horizon to BullMQ as delayed jobs, and keeps later ones in Postgres', async () => {
    const [soon] = await write(1, { availableAt: new Date(Date.now() + 60_000) });
    const [later] = await write(1, { availableAt: new Date(Date.now() + 2 * 3600_000) });
    await settle();
    const job = await queue.getJob(outboxJobId(soon));
    expect(await job?.getState()).toBe('delayed');
    expect(await queue.getJob(outboxJobId(later))).toBeUndefined();
  });

  it('writes a dedup-keyed item once', async () => {
    const key = `k-${randomBytes(4).toString('hex')}`;
    await write(1, { dedupKey: key });
    await write(1, { dedupKey: key });
    const rows: { n: number }[] = await ds.query(
      'SELECT count(*)::int AS n FROM outbox WHERE dedup_key = $1',
      [key],
    );
    expect(rows[0].n).toBe(1);
  });

  it('wakes on NOTIFY without waiting for the poll interval', async () => {
    const [id] = await write(1);
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && !(await queue.getJob(outboxJobId(id))))
      await new Promise((r) => setTimeout(r, 50));
    expect(await queue.getJob(outboxJobId(id))).toBeDefined();
  });
});
