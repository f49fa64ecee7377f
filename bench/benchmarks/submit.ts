import { BareInsertServer } from '../baselines/bare-insert';
import { Benchmark, BenchContext } from '../lib/context';
import { Draft } from '../lib/fixtures';
import { interleave, Measured } from '../lib/interleave';
import { runLoad } from '../lib/load';
import { appProcesses, observe } from '../lib/observe';
import { MetricRow, row } from '../lib/report';
import { waitForOutboxIdle } from '../lib/quiet';
import { DEFAULT_HTTP_TARGETS, throughputRows } from '../lib/rows';

const NAME = 'submit throughput';
const ROUNDS = 3;

/**
 * N concurrent enterprise clients create applications (POST /applications, a complete form) and then
 * submit them (POST /applications/:id/submit) over HTTP; documents are uploaded in between (setup,
 * not measured). The real worker screens the submissions meanwhile, as in production; before each
 * baseline round we wait until it has screened them all. Baseline: the bare Fastify + pg server doing
 * one INSERT per request, same clients, in alternating rounds.
 */
export const submitBenchmark: Benchmark = {
  name: 'submit',
  title: 'Submit throughput',
  async run(ctx) {
    const { scale, fixtures } = ctx;
    const n = scale.submitRequests;
    await fixtures.zoneCast();
    const bare = await BareInsertServer.start(ctx);
    const body = () => fixtures.createBody();
    try {
      ctx.log('warm-up: create, upload, submit; baseline');
      const warm = await createMany(ctx, scale.warmupRequests);
      await fixtures.attachDocuments(warm.drafts);
      await submitAll(ctx, warm.drafts);
      await bare.drive(scale.warmupRequests, body);

      ctx.log(`create × ${n} (and baseline), ${ROUNDS} rounds`);
      const drafts: Draft[] = [];
      const create = await interleave(
        n,
        ROUNDS,
        async (from, to) => {
          const made = await createMany(ctx, to - from);
          drafts.push(...made.drafts);
          return made.measured;
        },
        (count) => bare.drive(count, body),
      );
      ctx.log('upload documents (setup)');
      await fixtures.attachDocuments(drafts);

      ctx.log(`submit × ${drafts.length} (and baseline), ${ROUNDS} rounds`);
      let drainSeconds = 0;
      const submit = await interleave(
        drafts.length,
        ROUNDS,
        async (from, to) => {
          const round = await submitAndScreen(ctx, drafts.slice(from, to));
          drainSeconds += round.drainSeconds;
          return round.measured;
        },
        (count) => bare.drive(count, body),
      );

      const rows: MetricRow[] = [
        ...throughputRows(NAME, 'submit', submit.app, submit.baseline, DEFAULT_HTTP_TARGETS),
        ...throughputRows(NAME, 'create', create.app, create.baseline),
        row(
          NAME,
          'api peak RSS',
          'MiB',
          submit.app.cost.peakRssMiB.api,
          submit.baseline.cost.peakRssMiB.server,
        ),
        row(NAME, 'worker peak RSS', 'MiB', submit.app.cost.peakRssMiB.worker),
        row(
          NAME,
          'screening backlog drain',
          's',
          drainSeconds,
          null,
          null,
          'after each submit round, the time until the worker had screened every submission of the round',
        ),
      ];
      return {
        rows,
        details: {
          connections: scale.connections,
          requests: n,
          rounds: ROUNDS,
          create,
          submit,
          drainSeconds,
        },
      };
    } finally {
      await bare.stop();
    }
  },
};

/** POST /applications × n over the enterprises' tokens; the ids come from the responses. */
async function createMany(ctx: BenchContext, n: number): Promise<{ measured: Measured; drafts: Draft[] }> {
  const { enterprises } = await ctx.fixtures.zoneCast();
  const drafts: Draft[] = [];
  const { result, cost } = await observe(appProcesses(ctx.stack), () =>
    runLoad({
      url: ctx.stack.apiUrl,
      method: 'POST',
      connections: ctx.scale.connections,
      amount: n,
      request: (i) => ({
        path: '/applications',
        body: ctx.fixtures.createBody(),
        headers: { authorization: `Bearer ${enterprises[i % enterprises.length].token}` },
      }),
      onResponse: (i, status, body) => {
        if (status === 201)
          drafts.push({
            id: (JSON.parse(body) as { id: string }).id,
            token: enterprises[i % enterprises.length].token,
          });
      },
    }),
  );
  return { measured: { load: result, cost }, drafts };
}

function submitAll(ctx: BenchContext, drafts: Draft[]) {
  return runLoad({
    url: ctx.stack.apiUrl,
    method: 'POST',
    connections: ctx.scale.connections,
    amount: drafts.length,
    request: (i) => ({
      path: `/applications/${drafts[i].id}/submit`,
      body: '{}',
      headers: { authorization: `Bearer ${drafts[i].token}` },
    }),
  });
}

/**
 * Submits the drafts, then waits until the worker has screened them all (so its work counts in the
 * round's CPU time and does not spill into the next baseline round). The rate is the submits' own.
 */
async function submitAndScreen(ctx: BenchContext, drafts: Draft[]) {
  const { result, cost } = await observe(appProcesses(ctx.stack), async () => {
    const load = await submitAll(ctx, drafts);
    const drainSeconds = await ctx.fixtures.waitForStates(
      drafts.map((d) => d.id),
      ['first_review'],
      300_000,
    );
    // The screenings' notifications too, so they count here and not in the next baseline round.
    await waitForOutboxIdle(ctx.stack.databaseUrl);
    return { load, drainSeconds };
  });
  return { measured: { load: result.load, cost }, drainSeconds: result.drainSeconds };
}
