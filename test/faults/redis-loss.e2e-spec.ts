import { QueueName } from '@huiqi/queues';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { adminToken, api, bearer, registerEnterprise, TestEnterprise } from '../support/api-client';
import { waitForState } from '../support/applications';
import { sql } from '../support/db';
import { createStaffWith, eventually, submitApplication } from '../notifications/support/flows';
import { startWebhookReceiver, WebhookReceiver } from '../notifications/support/webhook-receiver';
import { startWorld, useWorld, World } from '../notifications/support/world';

const ZONE = 'ningxiang-htz';

/**
 * Redis is not the record of work: Postgres is. These tests lose Redis's copy of queued work — a
 * relay that crashed between enqueueing and marking sent, a FLUSHALL, a restart without persistence —
 * against a Huiqi of their own with a redis-server of its own, and check that every screening and
 * every notification still happens exactly once in effect. The relay re-sends work not done after
 * OUTBOX_RESEND_AFTER_SECONDS (2 s here); job ids and `runOnce` absorb the duplicates.
 */
describe('losing Redis data loses no work and doubles none', () => {
  let world: World;
  let receiver: WebhookReceiver;
  let enterprises: TestEnterprise[];
  let officerId: string;
  const queues = new Map<QueueName, Queue>();
  const queue = (name: QueueName) => {
    let q = queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: { url: world.env.redisUrl }, prefix: world.env.redisPrefix });
      q.on('error', () => undefined);
      queues.set(name, q);
    }
    return q;
  };

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    world = await startWorld('redisloss', { privateRedis: true, env: { OUTBOX_RESEND_AFTER_SECONDS: '2' } });
    useWorld(world);
    await api()
      .post('/admin/webhooks')
      .set(bearer(await adminToken()))
      .send({ zoneCode: ZONE, url: receiver.url })
      .expect(201);
    const officer = await createStaffWith('officer', ZONE);
    officerId = officer.id;
    enterprises = await Promise.all([1, 2, 3, 4, 5, 6, 7].map(() => registerEnterprise(ZONE)));
  }, 300_000);

  afterAll(async () => {
    await Promise.all([...queues.values()].map((q) => q.close().catch(() => undefined)));
    await world?.close();
    await receiver?.close();
  });

  /** Exactly-once in effect, from Postgres and from what the webhook receiver saw. */
  async function expectDoneOnce(applicationIds: string[], enterpriseOf: (id: string) => TestEnterprise) {
    for (const id of applicationIds) await waitForState(enterpriseOf(id).token, id, 'first_review', 30_000);
    const screened = await sql<{ id: string; n: number }>(
      `SELECT substring(stream from 13) AS id, count(*)::int AS n FROM audit_events
       WHERE stream = ANY($1) AND action = 'screening_passed' GROUP BY stream`,
      [applicationIds.map((id) => `application:${id}`)],
    );
    expect(screened.map((r) => r.n)).toEqual(applicationIds.map(() => 1));
    const inbox = await eventually(async () => {
      const rows = await sql<{ application_id: string; template: string; user_id: string; n: number }>(
        `SELECT application_id, template, user_id, count(*)::int AS n FROM notifications
         WHERE application_id = ANY($1::uuid[]) GROUP BY 1, 2, 3`,
        [applicationIds],
      );
      return rows.length === applicationIds.length * 2 ? rows : undefined;
    }, 'an inbox row per application for the enterprise and for the officer');
    expect(inbox.every((r) => r.n === 1)).toBe(true);
    expect(inbox.filter((r) => r.template === 'review-requested').map((r) => r.user_id)).toEqual(
      applicationIds.map(() => officerId),
    );
    const sent = await eventually(async () => {
      const hooks = receiver.received.filter((h) => applicationIds.includes(h.body.application.id));
      return hooks.length >= applicationIds.length * 2 ? hooks : undefined;
    }, 'a webhook per notification');
    const ids = sent.map((h) => h.body.id);
    expect(new Set(ids).size).toBe(ids.length);
    const unfinished = await sql(
      `SELECT id FROM outbox WHERE done_at IS NULL AND queue IN ('screening', 'notifications', 'webhooks')
         AND (payload->>'applicationId' = ANY($1::text[]) OR payload->>'deliveryId' IN (
           SELECT id::text FROM notification_deliveries WHERE application_id = ANY($1::uuid[])))`,
      [applicationIds],
    );
    expect(unfinished).toEqual([]);
  }

  /** Submits with the screening and notification queues paused, and waits until Redis holds the jobs. */
  async function submitWhilePaused(who: TestEnterprise[]): Promise<string[]> {
    await Promise.all([queue(QueueName.Screening).pause(), queue(QueueName.Notifications).pause()]);
    const ids = await Promise.all(who.map((e) => submitApplication(e)));
    await eventually(async () => {
      const rows = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM outbox WHERE payload->>'applicationId' = ANY($1) AND sent_at IS NOT NULL`,
        [ids],
      );
      const waiting = await queue(QueueName.Screening).getWaitingCount();
      return rows[0].n === ids.length * 2 && waiting >= ids.length ? true : undefined;
    }, 'the relay to hand the jobs to Redis');
    return ids;
  }

  it('a relay crash between enqueueing and marking sent: the job is enqueued again, deduplicated, run once', async () => {
    await world.stopWorker();
    const [e] = enterprises;
    const id = await submitApplication(e);
    const rows = await sql<{
      id: string;
      queue: QueueName;
      job_name: string;
      payload: object;
      correlation_id: string;
    }>(
      `SELECT id, queue, job_name, payload, correlation_id FROM outbox
       WHERE payload->>'applicationId' = $1 AND sent_at IS NULL ORDER BY id`,
      [id],
    );
    expect(rows.map((r) => r.queue).sort()).toEqual(['notifications', 'screening']);
    // What the relay had done when it crashed: the jobs are in Redis, the rows still say unsent.
    for (const r of rows) {
      await queue(r.queue).add(
        r.job_name,
        { ...r.payload, outboxId: r.id, correlationId: r.correlation_id },
        { jobId: `outbox-${r.id}` },
      );
    }
    await world.startWorker();
    await expectDoneOnce([id], () => e);
    for (const r of rows) {
      const job = await queue(r.queue).getJob(`outbox-${r.id}`);
      expect(job && (await job.getState())).toBe('completed');
      expect(job?.attemptsMade).toBe(1);
    }
    const after = await sql<{ send_count: number }>(`SELECT send_count FROM outbox WHERE id = ANY($1)`, [
      rows.map((r) => r.id),
    ]);
    // The relay sends a row again at most once: not at all when the job already in Redis ran first
    // (a done row is never relayed), once when it got there first (and BullMQ dropped the same job id).
    expect(after.map((r) => r.send_count).every((n) => n === 0 || n === 1)).toBe(true);
  });

  it('FLUSHALL while jobs are queued: the relay re-sends them and each runs once', async () => {
    const who = enterprises.slice(1, 4);
    const ids = await submitWhilePaused(who);
    const redis = new IORedis(world.env.redisUrl);
    await redis.flushall();
    await redis.quit();
    await expectDoneOnce(ids, (id) => who[ids.indexOf(id)]);
    const resent = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox WHERE payload->>'applicationId' = ANY($1) AND send_count >= 2`,
      [ids],
    );
    expect(resent[0].n).toBe(ids.length * 2);
  });

  it('Redis restarted without persistence while jobs are queued: everything still completes once', async () => {
    const who = enterprises.slice(4, 7);
    const ids = await submitWhilePaused(who);
    await world.redis!.restart();
    await expectDoneOnce(ids, (id) => who[ids.indexOf(id)]);
    const [{ n }] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox WHERE payload->>'applicationId' = ANY($1) AND send_count >= 2`,
      [ids],
    );
    expect(n).toBe(ids.length * 2);
  });
});
