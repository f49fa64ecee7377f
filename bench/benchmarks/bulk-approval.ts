import { Benchmark, BenchContext } from '../lib/context';
import { Draft } from '../lib/fixtures';
import { runLoad } from '../lib/load';
import { waitForOutboxIdle } from '../lib/quiet';
import { row, verdict } from '../lib/report';

const NAME = 'bulk approval';
/** The bar for the full scale (2,000 cases) on this machine. */
const FULL_SCALE_SECONDS = 20;

/**
 * A director's bulk approval of N cases (POST /bulk-actions, run by the worker: each case its own
 * transition with reservation, audit chain and outbox, 50 per transaction in savepoints) against N
 * single approvals (POST /applications/{id}/actions, 16 clients) of other cases in the same state,
 * in the same run. Both are timed from the first request to the last case approved and the outbox
 * idle (notifications done). Setup: 2N cases through the API into director approval.
 */
export const bulkApprovalBenchmark: Benchmark = {
  name: 'bulk',
  title: 'Bulk approval',
  async run(ctx) {
    const { scale, fixtures } = ctx;
    const cast = await fixtures.zoneCast();
    const n = scale.approvalRequests;
    ctx.log(`setup: ${2 * n} applications into director approval`);
    const apps = await fixtures.inFirstReview(2 * n);
    await approveSingly(ctx, apps, cast.officer.token);
    await fixtures.waitForStates(
      apps.map((a) => a.id),
      ['director_approval'],
      120_000,
    );
    await waitForOutboxIdle(ctx.stack.databaseUrl);
    const singles = apps.slice(0, n);
    const bulk = apps.slice(n);

    ctx.log(`single director approvals × ${n}`);
    let started = performance.now();
    await approveSingly(ctx, singles, cast.director.token);
    await waitForOutboxIdle(ctx.stack.databaseUrl);
    const singleSeconds = (performance.now() - started) / 1000;

    ctx.log(`bulk director approval of ${n}`);
    started = performance.now();
    const created = await ctx.api.call<{ id: string }>('POST', '/bulk-actions', {
      token: cast.director.token,
      body: { action: 'approve', comment: '同意（批量）', applicationIds: bulk.map((a) => a.id) },
      expect: 202,
    });
    let last: { status: string; succeeded: number; failed: number } | undefined;
    for (;;) {
      const res = await ctx.api.call<{ status: string; succeeded: number; failed: number }>(
        'GET',
        `/bulk-actions/${created.body.id}`,
        { token: cast.director.token, expect: 200 },
      );
      last = res.body;
      if (last.status === 'completed' || last.status === 'failed') break;
      if (performance.now() - started > 600_000)
        throw new Error('bulk approval did not finish in 10 minutes');
      await new Promise((r) => setTimeout(r, 100));
    }
    await waitForOutboxIdle(ctx.stack.databaseUrl);
    const bulkSeconds = (performance.now() - started) / 1000;
    await fixtures.waitForStates(
      bulk.map((a) => a.id),
      ['publicity'],
      60_000,
    );

    return {
      rows: [
        row(NAME, `${n} cases, bulk vs single (cases/s)`, 'cases/s', n / bulkSeconds, n / singleSeconds, {
          op: '>=',
          ratio: 5,
        }),
        verdict(
          NAME,
          `${n} cases in one bulk approval`,
          's',
          bulkSeconds,
          `≤ ${FULL_SCALE_SECONDS} s for 2,000`,
          n === 2000 ? bulkSeconds <= FULL_SCALE_SECONDS : null,
          `succeeded ${last.succeeded}, failed ${last.failed}; single approvals took ${singleSeconds.toFixed(1)} s`,
        ),
      ],
      details: { cases: n, bulkSeconds, singleSeconds, outcome: last },
    };
  },
};

async function approveSingly(ctx: BenchContext, apps: Draft[], token: string): Promise<void> {
  await runLoad({
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
}
