import { existsSync, readFileSync } from 'node:fs';
import { backendPids } from './pg';
import { ManagedProcess } from './processes';
import { mib, PidSource, trackCpu, trackPeaks } from './proc';
import { Stack } from './stack';
import { sleep } from './stats';

export interface QueryStat {
  text: string;
  calls: number;
  /** Sum of the time from sending each call to its answer (includes waiting on the connection). */
  ms: number;
}

/** What a measured phase cost each process: CPU time, peak memory and (with --count-queries) queries. */
export interface PhaseCost {
  wallMs: number;
  cpuMs: Record<string, number>;
  peakRssMiB: Record<string, number | null>;
  queries?: Record<string, QueryStat[]>;
}

/** The processes of a phase: CPU is accounted for each group, peak memory and queries for `processes`. */
export interface Observed {
  groups: Record<string, PidSource>;
  processes: Record<string, ManagedProcess>;
  countQueries: boolean;
}

/** The app: api, worker, the Postgres backends of the run's database, and this process (the load). */
export function appProcesses(stack: Stack): Observed {
  return {
    groups: {
      api: () => [stack.api.pid],
      worker: () => [stack.worker.pid],
      postgres: () => backendPids(stack.databaseUrl),
      bench: () => [process.pid],
    },
    processes: { api: stack.api, worker: stack.worker },
    countQueries: stack.countQueries,
  };
}

/** Runs `fn` and reports what it cost the observed processes. */
export async function observe<T>(o: Observed, fn: () => Promise<T>): Promise<{ result: T; cost: PhaseCost }> {
  if (o.countQueries) await Promise.all(Object.values(o.processes).map((p) => snapshotQueries(p)));
  const peaks = trackPeaks(Object.fromEntries(Object.entries(o.processes).map(([k, p]) => [k, p.pid])));
  const cpu = await trackCpu(o.groups);
  const started = performance.now();
  const result = await fn();
  const wallMs = performance.now() - started;
  const cost: PhaseCost = {
    wallMs,
    cpuMs: await cpu.read(),
    peakRssMiB: Object.fromEntries(Object.entries(peaks.read()).map(([k, v]) => [k, mib(v)])),
  };
  if (o.countQueries) {
    cost.queries = {};
    for (const [name, p] of Object.entries(o.processes)) cost.queries[name] = await snapshotQueries(p);
  }
  return { result, cost };
}

/** Costs of several rounds as one: times and queries add up, peaks take the maximum. */
export function mergeCosts(costs: PhaseCost[]): PhaseCost {
  const add = (a: Record<string, number>, b: Record<string, number>) => {
    for (const [k, v] of Object.entries(b)) a[k] = (a[k] ?? 0) + v;
    return a;
  };
  const merged: PhaseCost = { wallMs: 0, cpuMs: {}, peakRssMiB: {} };
  for (const c of costs) {
    merged.wallMs += c.wallMs;
    add(merged.cpuMs, c.cpuMs);
    for (const [k, v] of Object.entries(c.peakRssMiB))
      merged.peakRssMiB[k] = Math.max(merged.peakRssMiB[k] ?? 0, v ?? 0);
    if (c.queries) {
      merged.queries ??= {};
      for (const [proc, stats] of Object.entries(c.queries)) {
        const byText = new Map((merged.queries[proc] ?? []).map((s) => [s.text, { ...s }]));
        for (const s of stats) {
          const e = byText.get(s.text) ?? { text: s.text, calls: 0, ms: 0 };
          e.calls += s.calls;
          e.ms += s.ms;
          byText.set(s.text, e);
        }
        merged.queries[proc] = [...byText.values()].sort((a, b) => b.calls - a.calls);
      }
    }
  }
  return merged;
}

/** CPU ms per request of each group. */
export function cpuPerRequest(cost: PhaseCost, requests: number): Record<string, number> {
  return Object.fromEntries(Object.entries(cost.cpuMs).map(([k, v]) => [k, v / Math.max(1, requests)]));
}

/** Queries per request of each process (with --count-queries). */
export function queriesPerRequest(cost: PhaseCost, requests: number): Record<string, number> | undefined {
  if (!cost.queries) return undefined;
  return Object.fromEntries(
    Object.entries(cost.queries).map(([k, stats]) => [
      k,
      stats.reduce((n, s) => n + s.calls, 0) / Math.max(1, requests),
    ]),
  );
}

const snapshots = new Map<number, number>();

/** Asks a process preloaded with bench/tools/count-queries.cjs for its counts since the last ask. */
async function snapshotQueries(p: ManagedProcess): Promise<QueryStat[]> {
  const n = (snapshots.get(p.pid) ?? 0) + 1;
  snapshots.set(p.pid, n);
  const file = `${p.logPath.replace(/\.log$/, '')}-queries.${n}.json`;
  p.child.kill('SIGUSR1');
  for (let i = 0; i < 250 && !existsSync(file); i++) await sleep(20);
  await sleep(20);
  return JSON.parse(readFileSync(file, 'utf8')) as QueryStat[];
}
