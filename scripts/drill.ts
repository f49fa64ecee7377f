/**
 * The long fault drill: the seeded random workload (test/drills/workload.ts) over many seeds, each on a
 * stack of its own (database, Redis prefix, api and worker processes) with random SIGKILLs.
 *
 *   npm run drill -- --seeds 1000            seeds 1..1000
 *   npm run drill -- --from 500 --seeds 100  seeds 500..599
 *   npm run drill -- --seed 17               replay one seed, printing every operation
 *   npm run drill -- --suite                 the drill specs (test/drills) in their long form: random
 *                                            workload seeds 1..20, 200 fuzz runs per endpoint, six
 *                                            Postgres outages, the slow worker-kill case (CI runs them
 *                                            short: seeds 1 and 2, 20 fuzz runs, two outages)
 *   options: --operations 40 (per seed), --stop (at the first failing seed), --anytime (kill the worker
 *   even in the middle of a job; BullMQ then holds that job until the dead worker's lock lapses, about
 *   two minutes, so such seeds run long)
 *
 * Needs PostgreSQL and Redis as for the tests (TEST_POSTGRES_URL / TEST_REDIS_URL, default loopback).
 * Prints one line per seed and, for a failing seed, its operations, what surprised the model and which
 * invariants broke. Exit code 1 when any seed failed.
 */
import { spawnSync } from 'node:child_process';
import { reapOrphans } from '../test/support/processes';
import { runSeed } from '../test/drills/workload';

interface Args {
  from: number;
  count: number;
  operations: number;
  stop: boolean;
  verbose: boolean;
  anytime: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { from: 1, count: 1, operations: 40, stop: false, verbose: false, anytime: false };
  for (let i = 0; i < argv.length; i++) {
    const next = () => {
      const value = Number(argv[++i]);
      if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${argv[i - 1]} needs a whole number`);
      return value;
    };
    switch (argv[i]) {
      case '--seeds':
        args.count = next();
        break;
      case '--from':
        args.from = next();
        break;
      case '--seed':
        args.from = next();
        args.count = 1;
        args.verbose = true;
        break;
      case '--operations':
        args.operations = next();
        break;
      case '--stop':
        args.stop = true;
        break;
      case '--verbose':
        args.verbose = true;
        break;
      case '--anytime':
        args.anytime = true;
        break;
      default:
        throw new Error(`unknown option ${argv[i]} (see the header of scripts/drill.ts)`);
    }
  }
  return args;
}

/** The drill specs with their long settings, through jest (they need its global setup). */
function runSuite(): number {
  const result = spawnSync(
    process.execPath,
    [require.resolve('jest/bin/jest'), '-c', 'jest.e2e.config.js', '--runInBand', 'test/drills'],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        DRILL_SEEDS: process.env.DRILL_SEEDS ?? Array.from({ length: 20 }, (_, i) => i + 1).join(','),
        DRILL_FUZZ_RUNS: process.env.DRILL_FUZZ_RUNS ?? '200',
        DRILL_OUTAGES: process.env.DRILL_OUTAGES ?? '6',
        DRILL_SLOW: '1',
      },
    },
  );
  return result.status ?? 1;
}

async function main(): Promise<number> {
  if (process.argv.includes('--suite')) return runSuite();
  const args = parseArgs(process.argv.slice(2));
  reapOrphans();
  const failed: number[] = [];
  const started = Date.now();
  for (let seed = args.from; seed < args.from + args.count; seed++) {
    const lines: string[] = [];
    const result = await runSeed({
      seed,
      operations: args.operations,
      workerKills: args.anytime ? 'anytime' : 'idle',
      log: (line) => (args.verbose ? console.log(line) : lines.push(line)),
    });
    const ok = result.surprises.length === 0 && result.violations.length === 0;
    console.log(
      `seed ${seed}: ${ok ? 'ok' : 'FAILED'} — ${result.ops.length} operations, killed api ${result.kills.api}x ` +
        `worker ${result.kills.worker}x, ${(result.durationMs / 1000).toFixed(1)} s (final settle ${(result.settleMs / 1000).toFixed(1)} s)`,
    );
    if (args.verbose) for (const note of result.notes) console.log(`  note: ${note}`);
    if (!ok) {
      failed.push(seed);
      if (!args.verbose) for (const line of lines) console.log(`  ${line}`);
      for (const s of result.surprises) console.log(`  surprise: ${s}`);
      for (const v of result.violations) console.log(`  violation: ${v}`);
      console.log(`  replay: npm run drill -- --seed ${seed} --operations ${args.operations}`);
      if (args.stop) break;
    }
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(
    failed.length === 0
      ? `all ${args.count} seeds passed in ${seconds} s`
      : `${failed.length} of ${args.count} seeds failed (${failed.join(', ')}) in ${seconds} s`,
  );
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
