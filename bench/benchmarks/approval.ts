import { BareInsertServer } from '../baselines/bare-insert';
import { Benchmark, BenchContext } from '../lib/context';
import { Draft } from '../lib/fixtures';
import { interleave, Measured } from '../lib/interleave';
import { runLoad } from '../lib/load';
import { appProcesses, observe } from '../lib/observe';
import { waitForOutboxIdle } from '../lib/quiet';
import { row } from '../lib/report';
import { DEFAULT_HTTP_TARGETS, throughputRows } from '../lib/rows';

const NAME = 'approval throughput';
const ROUNDS = 3;

/**
 * Parallel `approve` actions on distinct applications, set up through the API (create, upload,
 * submit) and screened by the real worker into first review. Measured: the officer approves every
 * one (first review → director approval: 2,000,000 yuan is above the threshold), then the director
 * approves every one (→ publicity, reserving the amount in the program's fund pool, the row every
 * approval of the program queues on). Baseline: the bare Fastify + pg insert server, alternating.
 */
export const approvalBenchmark: Benchmark = {
  name: 'approval',
  title: 'Approval throughput',
  async run(ctx) {
    const { scale, fixtures } = ctx;
    const cast = await fixtures.zoneCast();
    const n = scale.approvalRequests;
    const warmCount = Math.min(scale.warmupRequests, n);
    ctx.log(`setup: ${warmCount} + ${n} applications into first review`);
    const warm = await fixtures.inFirstReview(warmCount);
    const apps = await fixtures.inFirstReview(n);

    const bare = await BareInsertServer.start(ctx);
    const body = () => JSON.stringify({ type: 'approve', comment: '同意' });
    try {
      ctx.log('warm-up: officer and director approvals; baseline');
      await approveAll(ctx, warm, cast.officer.token);
      await approveAll(ctx, warm, cast.director.token);
      await bare.drive(warmCount, body);

      ctx.log(`officer approve × ${n} (and baseline), ${ROUNDS} rounds`);
      const officer = await interleave(
        n,
        ROUNDS,
        (from, to) => approveAll(ctx, apps.slice(from, to), cast.officer.token),
        (count) => bare.drive(count, body),
      );
      ctx.log(`director approve × ${n} (and baseline), ${ROUNDS} rounds`);
      const director = await interleave(
        n,
        ROUNDS,
        (from, to) => approveAll(ctx, apps.slice(from, to), cast.director.token),
        (count) => bare.drive(count, body),
      );
      await fixtures.waitForStates(
        apps.map((a) => a.id),
        ['publicity'],
        60_000,
      );
      return {
        rows: [
          ...throughputRows(NAME, 'officer approve', officer.app, officer.baseline, DEFAULT_HTTP_TARGETS),
          ...throughputRows(NAME, 'director approve', director.app, director.baseline, DEFAULT_HTTP_TARGETS),
          row(
            NAME,
            'api peak RSS',
            'MiB',
            Math.max(officer.app.cost.peakRssMiB.api ?? 0, director.app.cost.peakRssMiB.api ?? 0),
            director.baseline.cost.peakRssMiB.server,
          ),
        ],
        details: { connections: scale.connections, requests: n, rounds: ROUNDS, officer, director },
      };
    } finally {
      await bare.stop();
    }
  },
};

/**
 * The approvals, then the wait for the worker to finish what they caused (notifications), inside the
 * measured phase: its CPU counts here, and none of it spills into the next baseline round. The rate
 * and latencies are the requests' own.
 */
async function approveAll(ctx: BenchContext, apps: Draft[], token: string): Promise<Measured> {
  const { result, cost } = await observe(appProcesses(ctx.stack), async () => {
    const load = await runLoad({
      url: ctx.stack.apiUrl,
      method: 'POST',
      connections: ctx.scale.connections,
      amount: apps.length,
      request: (i) => ({
        path: `/applications/${apps[i].id}/actions`,
        body: JSON.stringify({ type: 'approve', comment: '同意' }),
        headers: { authorization: `Bearer ${token}` },
      }),
    });
    await waitForOutboxIdle(ctx.stack.databaseUrl);
    return load;
  });
  return { load: result, cost };
}
