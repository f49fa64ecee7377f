import { Measured } from './interleave';
import { cpuPerRequest, queriesPerRequest } from './observe';
import { atLeast, atMost, MetricRow, row, Target } from './report';
import { statusText } from './load';

/** The usual rows of an HTTP throughput comparison: rate, p99, median, and what a request costs. */
export function throughputRows(
  benchmark: string,
  label: string,
  app: Measured,
  base: Measured,
  targets: { rps?: Target; p99?: Target } = {},
): MetricRow[] {
  const appCpu = cpuPerRequest(app.cost, app.load.ok);
  const baseCpu = cpuPerRequest(base.cost, base.load.ok);
  const queries = queriesPerRequest(app.cost, app.load.ok);
  const rows = [
    row(benchmark, `${label} req/s`, 'req/s', app.load.rps, base.load.rps, targets.rps ?? null),
    row(benchmark, `${label} p99`, 'ms', app.load.latency.p99, base.load.latency.p99, targets.p99 ?? null),
    row(benchmark, `${label} median`, 'ms', app.load.latency.p50, base.load.latency.p50),
    row(benchmark, `${label} api CPU/req`, 'ms', appCpu.api, baseCpu.server),
    row(benchmark, `${label} postgres CPU/req`, 'ms', appCpu.postgres, baseCpu.postgres),
  ];
  if (appCpu.worker > 0.05 * appCpu.api)
    rows.push(row(benchmark, `${label} worker CPU/req`, 'ms', appCpu.worker));
  if (queries) rows.push(row(benchmark, `${label} api queries/req`, '', queries.api, 1));
  if (app.load.failed > 0)
    rows.push(
      row(benchmark, `${label} failed requests`, '', app.load.failed, null, null, statusText(app.load)),
    );
  return rows;
}

export const DEFAULT_HTTP_TARGETS = { rps: atLeast(0.5), p99: atMost(2) };
