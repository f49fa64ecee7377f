import { Queue, QueueEvents } from 'bullmq';
import IORedis from 'ioredis';
import { BenchContext } from '../lib/context';
import { peakRss } from '../lib/proc';
import { startTs, stopProcess, waitForLog } from '../lib/processes';
import { LatencySummary, sleep, summarize } from '../lib/stats';

const QUEUE = 'bench-round-trip';

export interface RoundTripResult {
  latency: LatencySummary;
  workerPeakRssBytes: number | null;
}

/**
 * The screening baseline: a bare BullMQ round trip on the same Redis. Jobs are added at a steady rate
 * (Queue.add), a worker in another process completes them at once, and the round trip ends when
 * QueueEvents reports `completed` to this process.
 */
export async function measureBullmqRoundTrip(
  ctx: BenchContext,
  ratePerSecond: number,
  count: number,
): Promise<RoundTripResult> {
  const prefix = `${ctx.stack.redisPrefix}-baseline`;
  const worker = startTs('bullmq-baseline-worker', 'bench/baselines/bullmq-worker.ts', {
    logDir: ctx.logDir,
    env: { REDIS_URL: ctx.stack.redisUrl, BENCH_PREFIX: prefix, BENCH_QUEUE: QUEUE },
  });
  const connection = new IORedis(ctx.stack.redisUrl, { maxRetriesPerRequest: null });
  const eventsConnection = new IORedis(ctx.stack.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(QUEUE, { connection, prefix });
  const events = new QueueEvents(QUEUE, { connection: eventsConnection, prefix });
  try {
    await waitForLog(worker, /ready/, 60_000);
    await events.waitUntilReady();
    const started = new Map<string, number>();
    const finished = new Map<string, number>();
    events.on('completed', ({ jobId }) => finished.set(jobId, performance.now()));

    const send = async (label: string, n: number) => {
      const interval = 1000 / ratePerSecond;
      const t0 = performance.now();
      const adds: Promise<unknown>[] = [];
      for (let i = 0; i < n; i++) {
        const wait = t0 + i * interval - performance.now();
        if (wait > 0) await sleep(wait);
        const jobId = `${label}-${i}`;
        started.set(jobId, performance.now());
        adds.push(queue.add('round-trip', { i }, { jobId, removeOnComplete: true }));
      }
      await Promise.all(adds);
      const deadline = Date.now() + 30_000;
      while ([...Array(n).keys()].some((i) => !finished.has(`${label}-${i}`)) && Date.now() < deadline)
        await sleep(20);
      return [...Array(n).keys()]
        .map((i) => `${label}-${i}`)
        .filter((id) => finished.has(id))
        .map((id) => finished.get(id)! - started.get(id)!);
    };
    await send('warm', Math.min(50, count));
    const latencies = await send('run', count);
    return { latency: summarize(latencies), workerPeakRssBytes: peakRss(worker.pid) };
  } finally {
    await stopProcess(worker);
    await events.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await connection.quit();
    await eventsConnection.quit();
  }
}
