import autocannon from 'autocannon';
import { LatencySummary, summarize } from './stats';

export interface LoadRequest {
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

export interface LoadSpec {
  url: string;
  method: 'GET' | 'POST' | 'PATCH';
  /** Concurrent clients: each keeps one request in flight (no pipelining). */
  connections: number;
  /** Total requests; request i is built by `request(i)`, so every request can target its own row. */
  amount: number;
  request: (i: number) => LoadRequest;
  /** Sees every response body (e.g. to collect created ids). */
  onResponse?: (i: number, status: number, body: string) => void;
  /** Open-loop rate over all connections (steady load); none: as fast as the server answers. */
  overallRate?: number;
}

export interface LoadResult {
  requests: number;
  /** Answers with a 2xx status. */
  ok: number;
  /** non-2xx answers, connection errors and timeouts. */
  failed: number;
  statuses: Record<string, number>;
  wallMs: number;
  /** 2xx answers per second of wall time. */
  rps: number;
  /** Latency of 2xx answers (ms, from autocannon's per-request hrtime). */
  latency: LatencySummary;
  /** Every 2xx latency (left out of the JSON results). */
  samples: number[];
  firstError?: string;
}

/**
 * Drives `spec.amount` requests through autocannon. Latencies are taken from every response event
 * (fractional milliseconds), not from autocannon's millisecond histogram, so a 2 ms median stays 2 ms.
 */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  let next = 0;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let failed = 0;
  let firstError: Error | undefined;
  // Wall time from the first request sent to the last answer (autocannon itself ends on a 1 s tick).
  let firstSent = Number.NaN;
  let lastAnswered = Number.NaN;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        pipelining: 1,
        amount: spec.amount,
        timeout: 60,
        ...(spec.overallRate ? { overallRate: spec.overallRate } : {}),
        requests: [
          {
            method: spec.method,
            setupRequest: (req, context) => {
              const i = next++;
              context.i = i;
              if (i === 0) firstSent = performance.now();
              const built = spec.request(i);
              return {
                ...req,
                method: spec.method,
                path: built.path,
                headers: {
                  ...(built.body !== undefined ? { 'content-type': 'application/json' } : {}),
                  ...built.headers,
                },
                ...(built.body !== undefined ? { body: built.body } : {}),
              };
            },
            onResponse: (status, body, context) => spec.onResponse?.(context.i as number, status, body),
          },
        ],
      },
      (err) => {
        if (err) return reject(err);
        const wallMs = lastAnswered - firstSent;
        resolve({
          requests: latencies.length + failed,
          ok: latencies.length,
          failed,
          statuses,
          wallMs,
          rps: (latencies.length / wallMs) * 1000,
          latency: summarize(latencies),
          samples: latencies,
          ...(firstError ? { firstError: firstError.message } : {}),
        });
      },
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
      lastAnswered = performance.now();
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status >= 200 && status < 300) latencies.push(responseTime);
      else failed++;
    });
    instance.on('reqError', (error: Error) => {
      lastAnswered = performance.now();
      firstError ??= error;
      statuses.error = (statuses.error ?? 0) + 1;
      failed++;
    });
  });
}

/** "201×4990 409×10" */
export const statusText = (r: LoadResult) =>
  Object.entries(r.statuses)
    .map(([s, n]) => `${s}×${n}`)
    .join(' ');

/** Several rounds of one kind of load as one result (rate over their summed wall time). */
export function mergeLoads(results: LoadResult[]): LoadResult {
  const samples = results.flatMap((r) => r.samples);
  const statuses: Record<string, number> = {};
  for (const r of results)
    for (const [k, v] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  const wallMs = results.reduce((n, r) => n + r.wallMs, 0);
  const ok = results.reduce((n, r) => n + r.ok, 0);
  return {
    requests: results.reduce((n, r) => n + r.requests, 0),
    ok,
    failed: results.reduce((n, r) => n + r.failed, 0),
    statuses,
    wallMs,
    rps: (ok / wallMs) * 1000,
    latency: summarize(samples),
    samples,
    ...(results.some((r) => r.firstError)
      ? { firstError: results.find((r) => r.firstError)!.firstError }
      : {}),
  };
}
