/**
 * Huiqi benchmarks: `npm run bench -- [--only a,b] [--scale quick|full]`.
 * Builds the app, starts the REAL api and worker from dist/ against a fresh database and Redis prefix,
 * runs each benchmark with its baseline in the same run, prints one table, writes
 * bench/results/<timestamp>.json and drops the database.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { approvalBenchmark } from './benchmarks/approval';
import { bulkApprovalBenchmark } from './benchmarks/bulk-approval';
import { sweepBenchmark } from './benchmarks/auto-grant-sweep';
import { calculatorBenchmark } from './benchmarks/calculator';
import { reconciliationBenchmark } from './benchmarks/reconciliation';
import { submitBenchmark } from './benchmarks/submit';
import { screeningBenchmark } from './benchmarks/screening';
import { webConsoleBenchmark } from './benchmarks/web-console';
import { inboxBenchmark } from './benchmarks/inbox';
import { Api } from './lib/api';
import { Benchmark, BenchContext, SCALES } from './lib/context';
import { Fixtures } from './lib/fixtures';
import { BenchOptions, parseOptions } from './lib/options';
import { REPO_ROOT } from './lib/processes';
import { waitForOutboxIdle } from './lib/quiet';
import { formatTable, MetricRow, missing } from './lib/report';
import { Stack, StackOptions, startStack } from './lib/stack';

const BENCHMARKS: Benchmark[] = [
  submitBenchmark,
  approvalBenchmark,
  bulkApprovalBenchmark,
  screeningBenchmark,
  sweepBenchmark,
  reconciliationBenchmark,
  calculatorBenchmark,
  webConsoleBenchmark,
  inboxBenchmark,
];

function timestamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace('T', '_').slice(0, 15);
}

const log = (message: string) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

/** Exits cleanly on SIGTERM even though Nest re-raises the signal, so --cpu-prof writes its profile. */
const EXIT_ON_SECOND_SIGTERM =
  'data:text/javascript,let n=0;process.on("SIGTERM",()=>{if(++n>1)process.exit(0)});';

function stackOptionsFor(options: BenchOptions, runId: string, logDir: string) {
  return (name: string): StackOptions => ({
    name,
    logDir,
    logLevel: options.logLevel,
    countQueries: options.countQueries,
    nodeArgs: options.cpuProf
      ? [
          '--cpu-prof',
          `--cpu-prof-dir=${join(REPO_ROOT, 'tmp', 'bench-profiles', runId, name)}`,
          '--import',
          EXIT_ON_SECOND_SIGTERM,
        ]
      : [],
  });
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const scale = SCALES[options.scale];
  const selected = options.only ? BENCHMARKS.filter((b) => options.only!.includes(b.name)) : BENCHMARKS;
  const unknown = (options.only ?? []).filter((n) => !BENCHMARKS.some((b) => b.name === n));
  if (unknown.length)
    throw new Error(
      `unknown benchmark(s): ${unknown.join(', ')} (have ${BENCHMARKS.map((b) => b.name).join(', ')})`,
    );

  if (!options.skipBuild) {
    log('npm run build');
    const build = spawnSync('npm', ['run', 'build'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (build.status !== 0) throw new Error('npm run build failed');
  }

  const runId = timestamp();
  const logDir = join(REPO_ROOT, 'tmp', 'bench-logs', runId);
  const stackOptions = stackOptionsFor(options, runId, logDir);
  log(
    `run ${runId} (${scale.name}): starting api and worker from dist/ on database huiqi_bench_${runId}; logs in ${logDir}`,
  );
  const stack: Stack = await startStack(stackOptions(runId));
  let interrupted = false;
  process.once('SIGINT', () => {
    interrupted = true;
    log('interrupted: cleaning up');
    void stack.destroy(options.keep).finally(() => process.exit(130));
  });

  const rows: MetricRow[] = [];
  const details: Record<string, unknown> = {};
  try {
    const api = new Api(stack.apiUrl);
    const adminToken = await api.login(stack.adminUsername, stack.adminPassword);
    const ctx: BenchContext = {
      runId,
      scale,
      logDir,
      stack,
      api,
      adminToken,
      fixtures: new Fixtures(api, adminToken, stack.databaseUrl, scale.enterprises),
      stackOptions,
      log,
    };
    for (const benchmark of selected) {
      if (interrupted) break;
      log(`── ${benchmark.title}`);
      const quiet = await waitForOutboxIdle(stack.databaseUrl);
      if (quiet.seconds > 1 || quiet.pending > 0)
        log(
          `waited ${quiet.seconds.toFixed(1)} s for the worker to finish earlier work (${quiet.pending} rows left)`,
        );
      const started = performance.now();
      try {
        const outcome = await benchmark.run({ ...ctx, log: (m) => log(`${benchmark.name}: ${m}`) });
        rows.push(...outcome.rows);
        details[benchmark.name] = { ...outcome.details, seconds: (performance.now() - started) / 1000 };
      } catch (error) {
        log(`${benchmark.name} failed: ${(error as Error).stack ?? String(error)}`);
        rows.push(missing(benchmark.title, 'error', (error as Error).message.split('\n')[0]));
        details[benchmark.name] = { error: String((error as Error).stack ?? error) };
      }
    }
  } finally {
    log(options.keep ? `keeping database ${stack.databaseName}` : `dropping database ${stack.databaseName}`);
    await stack.destroy(options.keep);
  }

  const table = formatTable(rows);
  console.log(`\nHuiqi benchmarks — run ${runId}, scale ${scale.name}, ${scale.connections} connections\n`);
  console.log(table);
  const resultsDir = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${runId}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ runId, scale, options, host: hostInfo(), rows, details }, withoutSamples, 2)}\n`,
  );
  console.log(`\nresults: ${file}`);
}

/** Raw latency samples stay out of the file (summaries are in it). */
const withoutSamples = (key: string, value: unknown) => (key === 'samples' ? undefined : value);

function hostInfo() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryBytes: os.totalmem(),
    node: process.version,
  };
}

main().then(
  // Nothing is left to wait for: exit even if a client library still holds a socket open.
  () => process.exit(0),
  (error: unknown) => {
    log(String((error as Error).stack ?? error));
    process.exit(1);
  },
);
