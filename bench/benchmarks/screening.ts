import { Client } from 'pg';
import { measureBullmqRoundTrip } from '../baselines/bullmq-round-trip';
import { Benchmark, BenchContext } from '../lib/context';
import { Draft } from '../lib/fixtures';
import { mib, trackPeaks } from '../lib/proc';
import { sql } from '../lib/pg';
import { waitForOutboxIdle } from '../lib/quiet';
import { atMost, row } from '../lib/report';
import { LatencySummary, sleep, summarize } from '../lib/stats';

const NAME = 'screening latency';
const CHANNEL = 'bench_screened';

/**
 * Time from submit to the screening result under a steady load: submissions are sent at a fixed
 * rate (open loop, so a slow answer does not slow the load down); the clock starts when the submit
 * request leaves this process and stops when the worker's transaction that records the result
 * commits (a NOTIFY from a bench-only trigger on the audit log, dropped afterwards). The path
 * measured: API transaction (state, audit, outbox row) → NOTIFY → outbox relay → BullMQ → screening
 * processor → its transaction. Baseline: a bare BullMQ round trip at the same rate on the same Redis.
 */
export const screeningBenchmark: Benchmark = {
  name: 'screening',
  title: 'Screening latency',
  async run(ctx) {
    const { scale, fixtures, stack } = ctx;
    const rate = scale.screeningRatePerSecond;
    const n = rate * scale.screeningSeconds;
    const warmCount = Math.min(rate * 3, n);
    ctx.log(`setup: ${warmCount + n} drafts with documents`);
    const drafts = await fixtures.drafts(warmCount + n);

    const peaks = trackPeaks({ api: stack.api.pid, worker: stack.worker.pid });
    const probe = await ScreeningProbe.open(stack.databaseUrl);
    let app: { latency: LatencySummary; submit: LatencySummary; missing: number };
    try {
      ctx.log(`warm-up: ${warmCount} submissions at ${rate}/s`);
      await submitAtRate(ctx, probe, drafts.slice(0, warmCount), rate);
      await waitForOutboxIdle(stack.databaseUrl);
      ctx.log(`${n} submissions at ${rate}/s`);
      app = await submitAtRate(ctx, probe, drafts.slice(warmCount), rate);
    } finally {
      await probe.close();
    }
    const appPeaks = peaks.read();

    await waitForOutboxIdle(stack.databaseUrl);
    ctx.log(`baseline: BullMQ round trip × ${n} at ${rate}/s`);
    const bare = await measureBullmqRoundTrip(ctx, rate, n);

    return {
      rows: [
        row(NAME, 'submit → screened p99', 'ms', app.latency.p99, bare.latency.p99, atMost(10)),
        row(NAME, 'submit → screened median', 'ms', app.latency.p50, bare.latency.p50),
        row(NAME, 'submit request median', 'ms', app.submit.p50),
        row(NAME, 'api peak RSS', 'MiB', mib(appPeaks.api)),
        row(NAME, 'worker peak RSS', 'MiB', mib(appPeaks.worker), mib(bare.workerPeakRssBytes)),
        ...(app.missing
          ? [row(NAME, 'not screened in 60 s', '', app.missing, null, null, 'submissions without a result')]
          : []),
      ],
      details: { ratePerSecond: rate, submissions: n, app, baseline: bare, peaks: appPeaks },
    };
  },
};

/** Sends the submits at `rate`/s without waiting for answers; returns per-application latencies. */
async function submitAtRate(ctx: BenchContext, probe: ScreeningProbe, drafts: Draft[], rate: number) {
  const started = new Map<string, number>();
  const requestMs: number[] = [];
  const inFlight: Promise<void>[] = [];
  const interval = 1000 / rate;
  const t0 = performance.now();
  for (const [i, draft] of drafts.entries()) {
    const wait = t0 + i * interval - performance.now();
    if (wait > 0) await sleep(wait);
    const sent = performance.now();
    started.set(draft.id, sent);
    inFlight.push(
      fetch(`${ctx.stack.apiUrl}/applications/${draft.id}/submit`, {
        method: 'POST',
        headers: { authorization: `Bearer ${draft.token}`, 'content-type': 'application/json' },
        body: '{}',
      }).then(async (res) => {
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`submit answered ${res.status}`);
        requestMs.push(performance.now() - sent);
      }),
    );
  }
  await Promise.all(inFlight);
  const ids = drafts.map((d) => d.id);
  const deadline = Date.now() + 60_000;
  while (ids.some((id) => !probe.screenedAt.has(id)) && Date.now() < deadline) await sleep(50);
  const latencies = ids
    .filter((id) => probe.screenedAt.has(id))
    .map((id) => probe.screenedAt.get(id)! - started.get(id)!);
  return {
    latency: summarize(latencies),
    submit: summarize(requestMs),
    missing: ids.length - latencies.length,
  };
}

/** Hears, at commit, each screening result the worker records (bench-only trigger + LISTEN). */
class ScreeningProbe {
  readonly screenedAt = new Map<string, number>();

  private constructor(
    private readonly url: string,
    private readonly listener: Client,
  ) {}

  static async open(url: string): Promise<ScreeningProbe> {
    await sql(
      url,
      `CREATE OR REPLACE FUNCTION bench_notify_screened() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN PERFORM pg_notify('${CHANNEL}', NEW.stream); RETURN NULL; END $$`,
    );
    await sql(
      url,
      `CREATE OR REPLACE TRIGGER bench_screened AFTER INSERT ON audit_events FOR EACH ROW
       WHEN (NEW.action IN ('screening_passed', 'screening_failed')) EXECUTE FUNCTION bench_notify_screened()`,
    );
    const listener = new Client({ connectionString: url, application_name: 'huiqi-bench-probe' });
    await listener.connect();
    const probe = new ScreeningProbe(url, listener);
    listener.on('notification', (msg) => {
      const id = msg.payload?.replace(/^application:/, '');
      if (id && !probe.screenedAt.has(id)) probe.screenedAt.set(id, performance.now());
    });
    await listener.query(`LISTEN ${CHANNEL}`);
    return probe;
  }

  async close(): Promise<void> {
    await this.listener.end();
    await sql(this.url, 'DROP TRIGGER IF EXISTS bench_screened ON audit_events');
    await sql(this.url, 'DROP FUNCTION IF EXISTS bench_notify_screened()');
  }
}
