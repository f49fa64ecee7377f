import { sql } from './pg';
import { sleep } from './stats';

/**
 * Waits until the worker has done all the work that is due: no outbox row due by now is still
 * undone (deadline rows due days later do not count). Benchmarks call it between phases, so the
 * asynchronous work one phase caused (screening, notifications) is counted in that phase and does
 * not slow down the next one. Gives up after `timeoutMs` (a job failing and retrying with backoff
 * would otherwise hold the run): `pending` says how many rows were still undone.
 */
export async function waitForOutboxIdle(
  databaseUrl: string,
  timeoutMs = 300_000,
): Promise<{ seconds: number; pending: number }> {
  const started = performance.now();
  for (;;) {
    const [{ n }] = await sql<{ n: number }>(
      databaseUrl,
      `SELECT count(*)::int AS n FROM outbox
       WHERE done_at IS NULL AND failed_at IS NULL AND available_at <= now()`,
    );
    const seconds = (performance.now() - started) / 1000;
    if (n === 0 || seconds * 1000 > timeoutMs) return { seconds, pending: n };
    await sleep(250);
  }
}
