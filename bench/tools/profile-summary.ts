/**
 * Summarises V8 CPU profiles (`npm run bench -- --cpu-prof` writes them to tmp/bench-profiles/<run>/):
 * self time by package (node_modules/<pkg>, our dist/apps and dist/libs, node internals, GC, idle)
 * and the top functions. Usage: node -r @swc-node/register bench/tools/profile-summary.ts <file.cpuprofile>...
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function bucketOf(url: string, fn: string): string {
  if (fn === '(garbage collector)') return '(gc)';
  if (fn === '(idle)') return '(idle)';
  if (fn === '(program)') return '(program)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const ours = /dist\/((?:apps|libs)\/[^/]+(?:\/src\/[^/]+)?)/.exec(url);
  if (ours) return ours[1];
  if (url.startsWith('node:') || url === '') return 'node internals';
  return url;
}

function summarize(file: string, top = 25): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const buckets = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const bucket = bucketOf(url, functionName);
    if (bucket === '(idle)') continue;
    total += us;
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + us);
    const key = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, 'dist/')}:${lineNumber + 1}`;
    functions.set(key, (functions.get(key) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
  const lines = [`${file}: ${(total / 1e6).toFixed(2)} s of CPU (idle excluded)`, '', 'by package:'];
  for (const [b, us] of [...buckets].sort((a, c) => c[1] - a[1]).slice(0, top))
    lines.push(`  ${pct(us)}  ${b}`);
  lines.push('', 'top functions (self time):');
  for (const [f, us] of [...functions].sort((a, c) => c[1] - a[1]).slice(0, top))
    lines.push(`  ${pct(us)}  ${f}`);
  return lines.join('\n');
}

for (const file of process.argv.slice(2)) console.log(`${summarize(file)}\n`);
