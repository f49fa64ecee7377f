import { LoadResult, LoadSpec, mergeLoads, runLoad } from './load';
import { appProcesses, mergeCosts, observe, PhaseCost } from './observe';
import { Stack } from './stack';

export interface Measured {
  load: LoadResult;
  cost: PhaseCost;
}

/**
 * Measures the app and its baseline in alternating rounds (app, baseline, app, baseline, ...), so a
 * burst of background load on a shared machine hits both alike and their ratio stays meaningful.
 * `app(from, to)` runs requests [from, to) of the app's work; `baseline(n)` runs n baseline requests.
 */
export async function interleave(
  total: number,
  rounds: number,
  app: (from: number, to: number) => Promise<Measured>,
  baseline: (n: number) => Promise<Measured>,
): Promise<{ app: Measured; baseline: Measured }> {
  const apps: Measured[] = [];
  const bases: Measured[] = [];
  for (let r = 0; r < rounds; r++) {
    const from = Math.floor((total * r) / rounds);
    const to = Math.floor((total * (r + 1)) / rounds);
    apps.push(await app(from, to));
    bases.push(await baseline(to - from));
  }
  return { app: merge(apps), baseline: merge(bases) };
}

export function merge(parts: Measured[]): Measured {
  return { load: mergeLoads(parts.map((p) => p.load)), cost: mergeCosts(parts.map((p) => p.cost)) };
}

/** Runs a load against the app and accounts what it cost the api, worker and Postgres. */
export async function measureApp(stack: Stack, spec: LoadSpec): Promise<Measured> {
  const { result, cost } = await observe(appProcesses(stack), () => runLoad(spec));
  return { load: result, cost };
}
