import { runSetBasedAutoGrants, SetBasedResult } from '../baselines/set-based-auto-grants';
import { generateEnterprises, GeneratedData, ZONE_CODES } from '../generators/enterprises';
import { Api, BenchUser } from '../lib/api';
import { Benchmark, BenchContext } from '../lib/context';
import { appProcesses, observe, PhaseCost } from '../lib/observe';
import { sql } from '../lib/pg';
import { atMost, MetricRow, missing, row, verdict } from '../lib/report';
import { Stack, startStack } from '../lib/stack';
import { sleep } from '../lib/stats';

const NAME = 'auto-grant sweep';

interface SweepView {
  id: string;
  zoneCode: string;
  status: string;
  fiscalYear: number;
  asOf: string;
  programVersions: { code: string; version: number }[];
  total: number;
  processed: number;
  offersCreated: number;
  duplicates: number;
  errorCount: number;
  lastError: string | null;
  startedAt: string;
  finishedAt: string | null;
}

interface SweepRound {
  seconds: number;
  sweeps: SweepView[];
  offersCreated: number;
  cost: PhaseCost;
}

interface SizeResult {
  size: number;
  generated: GeneratedData;
  first: SweepRound;
  rerun: SweepRound;
  baseline: SetBasedResult;
  /** Auto cases the sweep created, by program (first cases, i.e. not later installments). */
  sweepByProgram: Record<string, number>;
}

/**
 * 免申即享 at scale: for each size, a fresh database with the real api and worker, N generated
 * enterprises (bench/generators/enterprises.ts) spread over the four zones, then one sweep per zone
 * started at once through POST /auto-grant-sweeps and followed on GET /auto-grant-sweeps/:id until
 * all are completed; then the same again (a re-run must create nothing). Baseline: the same matches
 * found by one set-based INSERT ... SELECT (bench/baselines/set-based-auto-grants.ts), whose counts
 * per program must equal the sweep's. The worker's peak RSS is taken per size and must stay flat.
 */
export const sweepBenchmark: Benchmark = {
  name: 'sweep',
  title: 'Auto-grant sweep',
  async run(ctx) {
    const results: SizeResult[] = [];
    for (const size of ctx.scale.sweepSizes) {
      const outcome = await runSize(ctx, size);
      if ('missing' in outcome) return { rows: [missing(NAME, 'sweep', outcome.missing)], details: {} };
      results.push(outcome);
    }
    // Is the growth of the peak retained data or garbage V8 has not collected yet? Sweep the smallest
    // and the largest size again on a worker whose old space is capped: if the sweep completes and
    // the peaks match, what it keeps does not grow with the number of enterprises.
    const sizes = ctx.scale.sweepSizes;
    const capped: CappedResult[] = [];
    for (const size of [sizes[0], sizes[sizes.length - 1]]) {
      capped.push(await runCapped(ctx, size));
    }
    return { rows: [...rowsOf(results), ...cappedRows(capped)], details: { sizes: results, capped } };
  },
};

/** The old-space cap of the retained-memory check (MiB). */
const OLD_SPACE_CAP_MB = 96;

interface CappedResult {
  size: number;
  seconds: number;
  offersCreated: number;
  workerPeakRssMiB: number | null;
}

function cappedRows(capped: CappedResult[]): MetricRow[] {
  const [small, large] = capped;
  return [
    row(
      NAME,
      `worker peak RSS ${label(large.size)} vs ${label(small.size)}, old space ≤ ${OLD_SPACE_CAP_MB} MB`,
      'MiB',
      large.workerPeakRssMiB,
      small.workerPeakRssMiB,
      atMost(1.2),
      `both sweeps completed (${small.offersCreated} and ${large.offersCreated} grants, ${small.seconds.toFixed(1)} s and ${large.seconds.toFixed(1)} s) with node --max-old-space-size=${OLD_SPACE_CAP_MB}`,
    ),
  ];
}

/** One sweep of a fresh `size`-enterprise zone set on a worker with a capped old space. */
async function runCapped(ctx: BenchContext, size: number): Promise<CappedResult> {
  ctx.log(`${label(size)}: retained-memory check (old space capped at ${OLD_SPACE_CAP_MB} MB)`);
  const options = ctx.stackOptions(`${ctx.runId}_sweepcap_${size}`);
  const stack = await startStack({
    ...options,
    nodeArgs: [...(options.nodeArgs ?? []), `--max-old-space-size=${OLD_SPACE_CAP_MB}`],
  });
  try {
    const api = new Api(stack.apiUrl);
    const adminToken = await api.login(stack.adminUsername, stack.adminPassword);
    const admins = await Promise.all(ZONE_CODES.map((z) => api.createStaff(adminToken, 'policy_admin', z)));
    await generateEnterprises(stack.databaseUrl, { count: size, fiscalYear: currentFiscalYear() });
    const round = await sweepAllZones(stack, api, admins);
    return {
      size,
      seconds: round.seconds,
      offersCreated: round.offersCreated,
      workerPeakRssMiB: round.cost.peakRssMiB.worker,
    };
  } finally {
    await stack.destroy();
  }
}

/** The current fiscal year (calendar year in Asia/Shanghai). */
const currentFiscalYear = () => Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));

const label = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));

function rowsOf(results: SizeResult[]): MetricRow[] {
  const rows: MetricRow[] = [];
  for (const r of results) {
    const k = label(r.size);
    const matches = r.baseline.inserted;
    const agree = sameCounts(r.sweepByProgram, r.baseline.byProgram);
    rows.push(
      row(NAME, `${k}: sweep time`, 's', r.first.seconds, r.baseline.seconds, atMost(10)),
      row(NAME, `${k}: enterprises/s`, '/s', r.size / r.first.seconds, r.size / r.baseline.seconds),
      verdict(
        NAME,
        `${k}: grants = SQL matches`,
        '',
        r.first.offersCreated,
        `${matches}`,
        agree && r.first.offersCreated === matches,
        agree
          ? undefined
          : `by program: sweep ${JSON.stringify(r.sweepByProgram)}, SQL ${JSON.stringify(r.baseline.byProgram)}`,
      ),
      row(NAME, `${k}: worker peak RSS`, 'MiB', r.first.cost.peakRssMiB.worker),
      row(NAME, `${k}: worker CPU`, 's', r.first.cost.cpuMs.worker / 1000),
      row(NAME, `${k}: postgres CPU`, 's', r.first.cost.cpuMs.postgres / 1000),
    );
    const errors = r.first.sweeps.reduce((n, s) => n + s.errorCount, 0);
    if (errors > 0) rows.push(verdict(NAME, `${k}: enterprises in error`, '', errors, '0', false));
  }
  const smallest = results[0];
  const largest = results[results.length - 1];
  rows.push(
    row(
      NAME,
      `worker peak RSS ${label(largest.size)} vs ${label(smallest.size)}`,
      'MiB',
      largest.first.cost.peakRssMiB.worker,
      smallest.first.cost.peakRssMiB.worker,
      atMost(1.2),
      'the worker as deployed (WORKER_NODE_FLAGS: --max-old-space-size=256); without a cap V8 lets garbage pile up and peak RSS grows with the sweep',
    ),
  );
  const rerunCreated = results.reduce((n, r) => n + r.rerun.offersCreated, 0);
  const sqlRerun = results.reduce((n, r) => n + r.baseline.rerunInserted, 0);
  rows.push(
    verdict(
      NAME,
      're-run grants created',
      '',
      rerunCreated,
      '0',
      rerunCreated === 0 && sqlRerun === 0,
      `every size swept a second time; the SQL re-run inserted ${sqlRerun}`,
    ),
  );
  return rows;
}

function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? 0) === (b[k] ?? 0));
}

async function runSize(ctx: BenchContext, size: number): Promise<SizeResult | { missing: string }> {
  ctx.log(`${label(size)}: fresh database, api and worker`);
  const stack = await startStack(ctx.stackOptions(`${ctx.runId}_sweep_${size}`));
  try {
    const api = new Api(stack.apiUrl);
    const adminToken = await api.login(stack.adminUsername, stack.adminPassword);
    const admins = await Promise.all(ZONE_CODES.map((z) => api.createStaff(adminToken, 'policy_admin', z)));
    const probe = await api.call('GET', '/auto-grant-sweeps', { token: admins[0].token });
    if (probe.status === 404) return { missing: 'GET /auto-grant-sweeps answers 404 in this build' };

    const fiscalYear = currentFiscalYear();
    ctx.log(`${label(size)}: generating enterprises and facts (set-based SQL)`);
    const generated = await generateEnterprises(stack.databaseUrl, { count: size, fiscalYear });
    ctx.log(
      `${label(size)}: ${generated.enterprises} enterprises, ${generated.facts} facts, ${generated.persons} persons in ${generated.seconds.toFixed(1)} s; sweeping`,
    );
    const first = await sweepAllZones(stack, api, admins);
    ctx.log(`${label(size)}: ${first.offersCreated} grants in ${first.seconds.toFixed(1)} s; sweeping again`);
    const rerun = await sweepAllZones(stack, api, admins);
    ctx.log(`${label(size)}: re-run created ${rerun.offersCreated}; set-based SQL baseline`);
    const programs = uniquePrograms(first.sweeps);
    const baseline = await runSetBasedAutoGrants(stack.databaseUrl, {
      fiscalYear,
      asOf: first.sweeps[0].asOf,
      programs,
    });
    const counts = await sql<{ program_code: string; n: number }>(
      stack.databaseUrl,
      `SELECT program_code, count(*)::int AS n FROM applications
       WHERE mode = 'auto' AND parent_id IS NULL GROUP BY program_code`,
    );
    return {
      size,
      generated,
      first,
      rerun,
      baseline,
      sweepByProgram: Object.fromEntries(counts.map((c) => [c.program_code, c.n])),
    };
  } finally {
    await stack.destroy();
  }
}

function uniquePrograms(sweeps: SweepView[]) {
  const byCode = new Map(sweeps.flatMap((s) => s.programVersions).map((p) => [p.code, p]));
  return [...byCode.values()];
}

/** Starts one sweep per zone at once and follows them on the progress endpoint until all finish. */
async function sweepAllZones(stack: Stack, api: Api, admins: BenchUser[]): Promise<SweepRound> {
  const { result, cost } = await observe(appProcesses(stack), async () => {
    const started = performance.now();
    const ids = await Promise.all(
      admins.map(async (a) => {
        const res = await api.call<SweepView>('POST', '/auto-grant-sweeps', {
          token: a.token,
          body: {},
          expect: 202,
        });
        return { id: res.body.id, token: a.token };
      }),
    );
    const done = new Map<string, SweepView>();
    while (done.size < ids.length) {
      await sleep(200);
      for (const { id, token } of ids) {
        if (done.has(id)) continue;
        const res = await api.call<SweepView>('GET', `/auto-grant-sweeps/${id}`, { token, expect: 200 });
        if (res.body.status === 'failed') throw new Error(`sweep ${id} failed: ${res.body.lastError}`);
        if (res.body.status === 'completed') done.set(id, res.body);
      }
      if (performance.now() - started > 3_600_000) throw new Error('sweeps did not finish within an hour');
    }
    return { seconds: (performance.now() - started) / 1000, sweeps: [...done.values()] };
  });
  return { ...result, offersCreated: result.sweeps.reduce((n, s) => n + s.offersCreated, 0), cost };
}
