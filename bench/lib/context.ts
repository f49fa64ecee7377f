import { Api } from './api';
import { Fixtures } from './fixtures';
import { MetricRow } from './report';
import { Stack, StackOptions } from './stack';

export type ScaleName = 'quick' | 'full';

/** Sizes per scale: quick for a minute-scale check, full for the numbers in the README. */
export interface Scale {
  name: ScaleName;
  /** Concurrent HTTP clients in the throughput benchmarks (app and baseline alike). */
  connections: number;
  /** Enterprises registered through the API; the applications are spread over them. */
  enterprises: number;
  warmupRequests: number;
  submitRequests: number;
  approvalRequests: number;
  screeningRatePerSecond: number;
  screeningSeconds: number;
  sweepSizes: number[];
  statementLines: number;
  calculatorRequests: number;
}

export const SCALES: Record<ScaleName, Scale> = {
  quick: {
    name: 'quick',
    connections: 16,
    enterprises: 100,
    warmupRequests: 300,
    submitRequests: 1000,
    approvalRequests: 500,
    screeningRatePerSecond: 20,
    screeningSeconds: 10,
    sweepSizes: [2_000, 5_000, 10_000],
    statementLines: 20_000,
    calculatorRequests: 300,
  },
  full: {
    name: 'full',
    connections: 16,
    enterprises: 200,
    warmupRequests: 500,
    submitRequests: 4000,
    approvalRequests: 2000,
    screeningRatePerSecond: 20,
    screeningSeconds: 30,
    sweepSizes: [10_000, 50_000, 100_000],
    statementLines: 100_000,
    calculatorRequests: 2000,
  },
};

export interface BenchContext {
  runId: string;
  scale: Scale;
  logDir: string;
  /** The run's database, Redis prefix, api and worker. */
  stack: Stack;
  api: Api;
  adminToken: string;
  fixtures: Fixtures;
  /** Options to start another stack (the sweep benchmark starts one per size). */
  stackOptions: (name: string) => StackOptions;
  log: (message: string) => void;
}

export interface BenchmarkOutcome {
  rows: MetricRow[];
  /** Everything measured, for the JSON file (raw summaries, statuses, sizes). */
  details: Record<string, unknown>;
}

export interface Benchmark {
  /** Short name used by --only. */
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<BenchmarkOutcome>;
}
