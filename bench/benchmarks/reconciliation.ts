import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyStatement } from '../baselines/copy-statement';
import {
  bankStatementRows,
  ExpectedPayment,
  splitStatement,
  STATEMENT_HEADER,
} from '../generators/bank-statement';
import { Benchmark, BenchContext } from '../lib/context';
import { PROGRAM } from '../lib/fixtures';
import { appProcesses, cpuPerRequest, observe, queriesPerRequest } from '../lib/observe';
import { REPO_ROOT } from '../lib/processes';
import { atMost, missing, row, verdict } from '../lib/report';
import { sleep } from '../lib/stats';

const NAME = 'reconciliation';
/** A fiscal year of its own, so the reconciliation pool and batch hold only this benchmark's grants. */
const FISCAL_YEAR = 2031;
/** Limits of a JSON-only import endpoint (20,000 lines, 1,000,000 characters, 1 MiB body), for the fallback. */
const MAX_LINES_PER_FILE = 20_000;
const MAX_CHARS_PER_FILE = 900_000;

interface ImportReport {
  id: string;
  status?: string;
  error?: string | null;
  counts: Record<string, number>;
}

interface ImportRound {
  seconds: number;
  files: number;
  counts: Record<string, number>;
}

/**
 * Importing a bank statement of N lines (POST /bank-statements, finance staff): the zone's account
 * traffic with the payments of a real disbursement batch in it (grants approved through the API and
 * the worker, batched, locked and exported first), reconciled. The file goes up as one multipart
 * upload; a large one is imported in the background (202), followed on GET /bank-statements/:id until
 * it is completed. (An api that takes only JSON bodies gets the file cut into as many files as its
 * per-file limits require.) Then the same file again: every line is a duplicate and nothing changes.
 * Baseline: COPY of the same file into a scratch table.
 */
export const reconciliationBenchmark: Benchmark = {
  name: 'reconciliation',
  title: 'Reconciliation',
  async run(ctx) {
    const { api, fixtures, scale } = ctx;
    const cast = await fixtures.zoneCast();
    const finance = cast.finance.token;
    const probe = await api.call('GET', '/bank-statements', { token: finance });
    if (probe.status === 404)
      return { rows: [missing(NAME, 'import', 'GET /bank-statements answers 404')], details: {} };

    const { lines: lineCount, payments: paymentCount } = reconciliationSize(scale.name, scale.statementLines);
    ctx.log(`setup: ${paymentCount} approved grants in disbursement batches, locked and exported`);
    await fixtures.approvedGrants(paymentCount, FISCAL_YEAR);
    const payments = await exportedBatches(ctx, finance, paymentCount);

    const rows = bankStatementRows(lineCount, payments.items);
    const content = [STATEMENT_HEADER, ...rows].join('\r\n') + '\r\n';
    const dir = join(REPO_ROOT, 'tmp', 'bench-data', ctx.runId);
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `statement-${rows.length}.csv`);
    writeFileSync(path, content);

    ctx.log(`import ${rows.length} lines`);
    const first = await observe(appProcesses(ctx.stack), () => importStatement(ctx, finance, content, rows));
    ctx.log(
      `${first.result.seconds.toFixed(1)} s in ${first.result.files} file(s); importing the same again`,
    );
    const again = await observe(appProcesses(ctx.stack), () => importStatement(ctx, finance, content, rows));
    const batchStates: string[] = [];
    for (const id of payments.batchIds) {
      const batch = await api.call<{ state: string }>('GET', `/disbursement-batches/${id}`, {
        token: finance,
        expect: 200,
      });
      batchStates.push(batch.body.state);
    }
    const allSettled = batchStates.every((s) => s === 'settled');

    ctx.log('baseline: COPY of the same file');
    await copyStatement(ctx.stack.databaseUrl, path); // warm-up
    const copy = await copyStatement(ctx.stack.databaseUrl, path);
    rmSync(dir, { recursive: true, force: true });

    const lines = rows.length;
    const counts = first.result.counts;
    const cpu = cpuPerRequest(first.cost, lines);
    const queries = queriesPerRequest(first.cost, lines);
    const unchanged = (again.result.counts.duplicate ?? 0) === lines;
    return {
      rows: [
        row(NAME, `import ${lines} lines`, 's', first.result.seconds, copy.seconds, atMost(20)),
        row(NAME, 'lines/s', '/s', lines / first.result.seconds, lines / copy.seconds),
        verdict(
          NAME,
          'payments matched',
          '',
          counts.matched ?? 0,
          String(payments.items.length),
          (counts.matched ?? 0) === payments.items.length && allSettled,
          `${payments.batchIds.length} batch(es) ${[...new Set(batchStates)].join('/')}; outcomes ${JSON.stringify(counts)}`,
        ),
        ...(first.result.files > 1
          ? [
              row(
                NAME,
                'files needed',
                '',
                first.result.files,
                null,
                null,
                `this api takes JSON only: ≤ ${MAX_LINES_PER_FILE.toLocaleString('en-US')} lines and ≤ 1,000,000 characters per file`,
              ),
            ]
          : []),
        row(NAME, 'api CPU/line', 'ms', cpu.api),
        row(NAME, 'worker CPU/line', 'ms', cpu.worker),
        row(NAME, 'postgres CPU/line', 'ms', cpu.postgres),
        ...(queries ? [row(NAME, 'queries/line (api + worker)', '', queries.api + queries.worker)] : []),
        row(NAME, 'api peak RSS', 'MiB', first.cost.peakRssMiB.api),
        row(NAME, 'worker peak RSS', 'MiB', first.cost.peakRssMiB.worker),
        row(NAME, 're-import time', 's', again.result.seconds, copy.seconds),
        verdict(
          NAME,
          're-import changes',
          '',
          lines - (again.result.counts.duplicate ?? 0),
          '0',
          unchanged,
          'every line of the second import must be a duplicate',
        ),
      ],
      details: {
        lines,
        files: first.result.files,
        payments: payments.items.length,
        first: { ...first.result, cost: first.cost },
        again: { ...again.result, cost: again.cost },
        copy,
      },
    };
  },
};

/**
 * The statement's size: `BENCH_RECON_LINES` lines (default: the scale's, 100,000 full / 20,000 quick)
 * quoting `BENCH_RECON_PAYMENTS` payments of one batch (default 10,000 full / 1,000 quick). The
 * payments' grants are set up through the API (create, document, submit, screening, approval,
 * publicity), about a minute per thousand on 2 cores; that setup is not measured.
 */
export function reconciliationSize(scale: string, scaleLines: number): { lines: number; payments: number } {
  const fromEnv = (name: string, fallback: number) => {
    const raw = process.env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${raw}`);
    return n;
  };
  return {
    lines: fromEnv('BENCH_RECON_LINES', scaleLines),
    payments: fromEnv('BENCH_RECON_PAYMENTS', scale === 'full' ? 10_000 : 1_000),
  };
}

/**
 * The grants' payments in disbursement batches (at most MAX_BATCH_ITEMS each, so as many batches as
 * that takes), each locked and exported.
 */
async function exportedBatches(ctx: BenchContext, finance: string, count: number) {
  const batchIds: string[] = [];
  const items: ExpectedPayment[] = [];
  while (items.length < count) {
    const built = await ctx.api.call<{
      id: string;
      items: { paymentReference: string; transferFen: number }[];
    }>('POST', '/disbursement-batches', {
      token: finance,
      body: { programCode: PROGRAM, fiscalYear: FISCAL_YEAR },
      expect: 201,
    });
    await ctx.api.call('POST', `/disbursement-batches/${built.body.id}/lock`, {
      token: finance,
      expect: 200,
    });
    const exported = await fetch(`${ctx.stack.apiUrl}/disbursement-batches/${built.body.id}/export`, {
      method: 'POST',
      headers: { authorization: `Bearer ${finance}` },
    });
    if (exported.status !== 200) throw new Error(`export answered ${exported.status}`);
    await exported.arrayBuffer();
    batchIds.push(built.body.id);
    items.push(
      ...built.body.items.map((i) => ({ reference: i.paymentReference, transferFen: i.transferFen })),
    );
  }
  return { batchIds, items };
}

/**
 * Uploads the statement as one file (multipart) and waits until it is reconciled: at once (201), or
 * in the background (202, followed on GET /bank-statements/:id). An api that refuses the multipart
 * upload gets the JSON files instead, one after another.
 */
async function importStatement(ctx: BenchContext, token: string, content: string, rows: string[]) {
  const started = performance.now();
  const form = new FormData();
  form.append('file', new Blob([content], { type: 'text/csv' }), 'icbc-2026-05.csv');
  const res = await fetch(`${ctx.stack.apiUrl}/bank-statements`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const body = (await res.json()) as ImportReport;
  if (res.status === 400) return importAsJsonFiles(ctx, token, rows);
  if (res.status !== 201 && res.status !== 202)
    throw new Error(`POST /bank-statements answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
  let report = body;
  while (report.status === 'queued' || report.status === 'running') {
    await sleep(200);
    report = (
      await ctx.api.call<ImportReport>('GET', `/bank-statements/${body.id}?lineLimit=1`, {
        token,
        expect: 200,
      })
    ).body;
  }
  if (report.status === 'failed') throw new Error(`statement import failed: ${report.error}`);
  return { seconds: (performance.now() - started) / 1000, files: 1, counts: report.counts };
}

/** The JSON-only endpoint: the statement cut into files under its limits, imported one after another. */
async function importAsJsonFiles(ctx: BenchContext, token: string, rows: string[]): Promise<ImportRound> {
  const files = splitStatement(rows, MAX_LINES_PER_FILE, MAX_CHARS_PER_FILE);
  const counts: Record<string, number> = {};
  const started = performance.now();
  for (const [i, content] of files.entries()) {
    const res = await ctx.api.call<ImportReport>('POST', '/bank-statements', {
      token,
      body: { fileName: `icbc-2026-05-part${i + 1}.csv`, content },
      expect: 201,
    });
    for (const [k, v] of Object.entries(res.body.counts)) counts[k] = (counts[k] ?? 0) + v;
  }
  return { seconds: (performance.now() - started) / 1000, files: files.length, counts };
}
