import { QueueName } from '@huiqi/queues';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { reapOrphans } from '../support/processes';
import { REDIS_URL } from '../support/test-env';
import { Enterprise } from './support/actors';
import { DrillHttp, sleep } from './support/http';
import { checkInvariants } from './support/invariants';
import {
  Cast,
  castFor,
  closeBackendsOf,
  draft,
  LockHolder,
  newEnterprise,
  submit,
  waitForLockWait,
  waitForState,
} from './support/flows';
import { DrillStack } from './support/stack';

/**
 * The worker SIGKILLed in the middle of screening an application (held on the application's audit
 * lock, after it wrote the evidence and the new state in its uncommitted transaction), and with a
 * backlog of submissions while it is down. The submitted work still completes, exactly once in effect:
 * one screening result per submission round, and a job delivered again changes nothing.
 */
describe('worker SIGKILLed mid-screening', () => {
  let stack: DrillStack;
  let http: DrillHttp;
  let cast: Cast;
  let ent: Enterprise;
  let redis: IORedis;

  beforeAll(async () => {
    stack = await DrillStack.start({ label: 'workerkill' });
    http = stack.http();
    cast = await castFor(stack, 10 * 50_000_000);
    ent = await newEnterprise(http);
    redis = new IORedis(REDIS_URL);
  }, 300_000);

  afterAll(async () => {
    redis?.disconnect();
    await stack?.destroy();
    reapOrphans();
  });

  const screeningFacts = async (id: string) => {
    const [row] = await stack.query<Record<string, unknown>>(
      `SELECT a.state, a.version, a.evidence IS NOT NULL AS has_evidence,
         (SELECT count(*)::int FROM audit_events e WHERE e.stream = 'application:' || a.id
            AND e.action IN ('screening_passed', 'screening_failed')) AS results,
         (SELECT count(*)::int FROM audit_events e WHERE e.stream = 'application:' || a.id) AS events
       FROM applications a WHERE a.id = $1`,
      [id],
    );
    return row;
  };

  const screeningRow = async (id: string) =>
    (
      await stack.query<{ id: string; done: boolean; payload: Record<string, unknown> }>(
        `SELECT id, done_at IS NOT NULL AS done, payload FROM outbox
         WHERE queue = 'screening' AND payload->>'applicationId' = $1`,
        [id],
      )
    )[0];

  /**
   * Starts a worker while the test holds the application's audit lock, so its screening stops inside
   * its transaction (evidence and new state written, not committed), then SIGKILLs it there.
   */
  async function killMidScreening(id: string): Promise<void> {
    const lock = await LockHolder.open(stack);
    await lock.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [`application:${id}`]);
    await stack.worker.start();
    await waitForLockWait(stack, 'huiqi-worker', /pg_advisory_xact_lock/, 90_000);
    await stack.worker.kill('SIGKILL');
    await closeBackendsOf(stack, 'huiqi-worker');
    await lock.query('SELECT pg_advisory_unlock_all()');
    await lock.close();
    // BullMQ hands the job to another worker once the dead worker's lock has lapsed
    // (WORKER_LOCK_DURATION_MS, 2 minutes) and a stalled-job check (every 30 s) has seen it twice.
    // Time moved forward: the lock and the last check's mark are gone; the checks still run on their own.
    const row = await screeningRow(id);
    const queueKey = `${stack.redisPrefix}:${QueueName.Screening}`;
    await redis.del(`${queueKey}:outbox-${row.id}:lock`, `${queueKey}:stalled-check`);
  }

  it('a screening cut off by SIGKILL leaves nothing behind, and is done once by the next worker', async () => {
    const id = await draft(http, ent);
    // The worker is down while the enterprise submits, so the screening starts only under the lock.
    await stack.worker.kill('SIGKILL');
    await submit(http, ent, id);
    await killMidScreening(id);

    expect(await screeningFacts(id)).toMatchObject({ state: 'screening', has_evidence: false, results: 0 });
    const row = await screeningRow(id);
    expect(row.done).toBe(false);

    await stack.worker.start();
    await waitForState(stack, id, 'first_review', 120_000);
    const after = await screeningFacts(id);
    expect(after).toMatchObject({ state: 'first_review', has_evidence: true, results: 1 });
    expect((await screeningRow(id)).done).toBe(true);

    // Delivered once more (as after a Redis restored from an older snapshot): nothing changes.
    const queue = new Queue(QueueName.Screening, { connection: redis, prefix: stack.redisPrefix });
    const again = await queue.add(
      'screen',
      { ...row.payload, outboxId: row.id, correlationId: null },
      {
        jobId: `drill-again-${row.id}`,
      },
    );
    const deadline = Date.now() + 30_000;
    while (!(await again.isCompleted()) && Date.now() < deadline) await sleep(100);
    expect(await again.isCompleted()).toBe(true);
    expect((await queue.getJob(again.id!))?.returnvalue).toBe('duplicate');
    await queue.close();
    expect(await screeningFacts(id)).toEqual(after);
    expect(
      await checkInvariants((t, p) => stack.query(t, p), { http, auditorToken: cast.auditor.token }),
    ).toEqual([]);
  }, 180_000);

  it('submissions made while the worker is down are all screened, once each, when it is back', async () => {
    await stack.worker.start();
    const ids = await Promise.all([0, 1, 2, 3].map(() => draft(http, ent)));
    await stack.worker.kill('SIGKILL');
    for (const id of ids) await submit(http, ent, id);
    await sleep(1000);
    for (const id of ids) expect((await screeningFacts(id)).state).toBe('screening');
    await stack.worker.start();
    for (const id of ids) await waitForState(stack, id, 'first_review', 60_000);
    for (const id of ids) expect(await screeningFacts(id)).toMatchObject({ results: 1, has_evidence: true });
    expect(
      await checkInvariants((t, p) => stack.query(t, p), { http, auditorToken: cast.auditor.token }),
    ).toEqual([]);
  }, 120_000);

  // Two stalls take two stalled-job check rounds (about a minute with the locks expired): set
  // DRILL_SLOW=1 to run it. Its logic is covered fast by apps/worker/src/outbox/outbox-processor.spec.ts.
  (process.env.DRILL_SLOW === '1' ? it : it.skip)(
    'a job whose worker dies under it twice is failed for good, visible, and done once when retried',
    async () => {
      await stack.worker.start();
      const id = await draft(http, ent);
      await stack.worker.kill('SIGKILL');
      await submit(http, ent, id);
      await killMidScreening(id);
      await killMidScreening(id);
      await stack.worker.start();
      // BullMQ fails it ("stalled more than allowable limit") with attempts left: the row must say so.
      const row = await screeningRow(id);
      const deadline = Date.now() + 120_000;
      let failed: { failed: boolean; last_error: string | null } | undefined;
      while (Date.now() < deadline) {
        [failed] = await stack.query<{ failed: boolean; last_error: string | null }>(
          'SELECT failed_at IS NOT NULL AS failed, last_error FROM outbox WHERE id = $1',
          [row.id],
        );
        if (failed.failed) break;
        await sleep(500);
      }
      expect(failed).toEqual({ failed: true, last_error: 'job stalled more than allowable limit' });
      expect(await screeningFacts(id)).toMatchObject({ state: 'screening', results: 0 });
      const list = await http.get('/admin/outbox/failed', { token: cast.admin });
      expect(list.body.items.map((i: { id: string }) => i.id)).toContain(row.id);
      // The admin retries it: screened once.
      expect((await http.post(`/admin/outbox/${row.id}/retry`, {}, { token: cast.admin })).status).toBe(200);
      await waitForState(stack, id, 'first_review', 60_000);
      expect(await screeningFacts(id)).toMatchObject({ results: 1, has_evidence: true });
    },
    300_000,
  );
});
