/**
 * The BullMQ baseline's worker, in a process of its own like the real worker: completes every job at
 * once. Env: REDIS_URL, BENCH_PREFIX, BENCH_QUEUE. Prints `ready` when it is listening.
 */
import { Worker } from 'bullmq';
import IORedis from 'ioredis';

const connection = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
  maxRetriesPerRequest: null,
});
const worker = new Worker(process.env.BENCH_QUEUE ?? 'bench-round-trip', async () => 'ok', {
  connection,
  prefix: process.env.BENCH_PREFIX,
  concurrency: 4,
});
void worker.waitUntilReady().then(() => console.log('ready'));
process.on('SIGTERM', () => {
  void worker.close().then(() => connection.quit().finally(() => process.exit(0)));
});
