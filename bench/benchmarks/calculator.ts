import { addFactsFor } from '../generators/enterprises';
import { Benchmark } from '../lib/context';
import { interleave, measureApp } from '../lib/interleave';
import { cpuPerRequest } from '../lib/observe';
import { missing, row } from '../lib/report';

const NAME = 'calculator latency';
const ROUNDS = 3;

/**
 * The policy calculator for one enterprise against every program of its zone (POST /calculator,
 * Ningxiang: seven programs), asked by the enterprise itself, one request at a time (the latency a
 * person sees). The enterprises carry the generator's fact mix (R&D and sales for two years,
 * certificates, listings, recognitions, talents). Baseline: the same HTTP round trip to a trivial
 * authenticated endpoint, GET /auth/me (token check, one user row), in alternating rounds.
 */
export const calculatorBenchmark: Benchmark = {
  name: 'calculator',
  title: 'Calculator latency',
  async run(ctx) {
    const { api, fixtures, scale, stack } = ctx;
    const { enterprises } = await fixtures.zoneCast();
    const probe = await api.call('POST', '/calculator', {
      token: enterprises[0].token,
      body: { enterpriseId: enterprises[0].enterpriseId },
    });
    if (probe.status === 404)
      return { rows: [missing(NAME, 'calculator', 'POST /calculator answers 404')], details: {} };

    const fiscalYear = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
    const facts = await addFactsFor(
      stack.databaseUrl,
      enterprises.map((e) => e.enterpriseId),
      { fiscalYear },
    );
    const calculator = (n: number) =>
      measureApp(stack, {
        url: stack.apiUrl,
        method: 'POST',
        connections: 1,
        amount: n,
        request: (i) => {
          const e = enterprises[i % enterprises.length];
          return {
            path: '/calculator',
            body: JSON.stringify({ enterpriseId: e.enterpriseId }),
            headers: { authorization: `Bearer ${e.token}` },
          };
        },
      });
    const me = (n: number) =>
      measureApp(stack, {
        url: stack.apiUrl,
        method: 'GET',
        connections: 1,
        amount: n,
        request: (i) => ({
          path: '/auth/me',
          headers: { authorization: `Bearer ${enterprises[i % enterprises.length].token}` },
        }),
      });
    ctx.log('warm-up');
    await calculator(50);
    await me(50);
    ctx.log(
      `POST /calculator × ${scale.calculatorRequests} and GET /auth/me, one at a time, ${ROUNDS} rounds`,
    );
    const measured = await interleave(
      scale.calculatorRequests,
      ROUNDS,
      (from, to) => calculator(to - from),
      me,
    );
    const cpu = cpuPerRequest(measured.app.cost, measured.app.load.ok);
    const baseCpu = cpuPerRequest(measured.baseline.cost, measured.baseline.load.ok);
    return {
      rows: [
        row(NAME, 'median', 'ms', measured.app.load.latency.p50, measured.baseline.load.latency.p50),
        row(NAME, 'p99', 'ms', measured.app.load.latency.p99, measured.baseline.load.latency.p99),
        row(NAME, 'api CPU/request', 'ms', cpu.api, baseCpu.api),
        row(NAME, 'postgres CPU/request', 'ms', cpu.postgres, baseCpu.postgres),
        ...(measured.app.load.failed
          ? [
              row(
                NAME,
                'failed requests',
                '',
                measured.app.load.failed,
                null,
                null,
                JSON.stringify(measured.app.load.statuses),
              ),
            ]
          : []),
      ],
      details: { requests: scale.calculatorRequests, enterprises: enterprises.length, facts, ...measured },
    };
  },
};
