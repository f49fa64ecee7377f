import { parse } from 'csv-parse/sync';
import { api, bearer, createStaff, expectProblem, TestUser } from '../support/api-client';
import { sql } from '../support/db';
import {
  approvedGrant,
  Grant,
  MUNICIPAL_FEN,
  privateFiscalYear,
  PROGRAM,
  stateOf,
  ZONE,
} from './support/grants';
import { bankDate } from '../support/bank-dates';

const HEADER = 'transaction_id,value_date,direction,amount,payment_reference,status,reason';
const LINES = 4_000;
const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

interface Report {
  id: string;
  status: string;
  lineCount: number;
  counts: Record<string, number>;
  progress: { linesLoaded: number; linesToSettle: number; linesSettled: number };
  lines: { lineNo: number; outcome: string; detail: string | null; errors: { field: string }[] }[];
  nextFromLine: number | null;
  batches: { batchId: string; state: string; totals: { paid: { count: number } } }[];
}

/**
 * A statement too large for one request's JSON body, uploaded as a file (multipart): stored and
 * answered 202 at once, imported by the real worker in the background, followed through GET until
 * completed; its report is read page by page and as CSV. The same file uploaded again changes nothing.
 */
describe('bank statement upload (multipart, background import)', () => {
  let fiscalYear: number;
  let finance: TestUser;
  let officer: TestUser;
  let poolId: string;
  let grants: Grant[];
  let refs: string[];
  let batchId: string;
  let csv: string;
  let importId: string;

  beforeAll(async () => {
    fiscalYear = await privateFiscalYear();
    [finance, officer] = await Promise.all([createStaff('finance', ZONE), createStaff('officer', ZONE)]);
    const pool = await api()
      .post('/fund-pools')
      .set(bearer(finance.token))
      .send({ programCode: PROGRAM, fiscalYear, allocatedFen: 3 * MUNICIPAL_FEN })
      .expect(201);
    poolId = pool.body.id;
    grants = [];
    for (let i = 0; i < 3; i++) grants.push(await approvedGrant(officer, fiscalYear));
    const built = await api()
      .post('/disbursement-batches')
      .set(bearer(finance.token))
      .send({ programCode: PROGRAM, fiscalYear })
      .expect(201);
    batchId = built.body.id;
    const refOf = new Map<string, string>(
      built.body.items.map((i: { applicationId: string; paymentReference: string }) => [
        i.applicationId,
        i.paymentReference,
      ]),
    );
    refs = grants.map((g) => refOf.get(g.id)!);
    await api().post(`/disbursement-batches/${batchId}/lock`).set(bearer(finance.token)).send().expect(200);
    await api().post(`/disbursement-batches/${batchId}/export`).set(bearer(finance.token)).send().expect(200);

    // The account's traffic, with the batch's payments in it: line 2 confirms A; line 1001 reports B
    // with a wrong amount, line 2001 confirms B; line 3001 returns C; line 3500 confirms A again under
    // another bank transaction; line 3600 repeats line 3; line 3700 cannot be read.
    const tx = (n: number) => `ICBC-UP-${fiscalYear}-${String(n).padStart(5, '0')}`;
    const rows: string[] = [];
    for (let lineNo = 2; lineNo <= LINES + 1; lineNo++) {
      const t = tx(lineNo);
      if (lineNo === 2) rows.push(`${t},${bankDate()},debit,${yuan(MUNICIPAL_FEN)},${refs[0]},success,`);
      else if (lineNo === 1001)
        rows.push(`${t},${bankDate()},debit,${yuan(MUNICIPAL_FEN + 10)},${refs[1]},success,`);
      else if (lineNo === 2001)
        rows.push(`${t},${bankDate(1)},debit,${yuan(MUNICIPAL_FEN)},${refs[1]},success,`);
      else if (lineNo === 3001)
        rows.push(`${t},${bankDate(1)},debit,${yuan(MUNICIPAL_FEN)},${refs[2]},returned,收款账户已销户`);
      else if (lineNo === 3500)
        rows.push(`${t},${bankDate(2)},debit,${yuan(MUNICIPAL_FEN)},${refs[0]},success,`);
      else if (lineNo === 3600) rows.push(rows[1]);
      else if (lineNo === 3700) rows.push(`${t},2026-06-31,debit,1.00,X,success,`);
      else if (lineNo % 3 === 0)
        rows.push(`${t},${bankDate(3)},credit,${yuan(1000 + lineNo)},IN${t},success,`);
      else if (lineNo % 7 === 0) rows.push(`${t},${bankDate(3)},debit,${yuan(200)},,success,`);
      else rows.push(`${t},${bankDate(3)},debit,${yuan(5000 + lineNo)},TR${t},success,`);
    }
    csv = `\uFEFF${[HEADER, ...rows].join('\r\n')}\r\n`;
  });

  const upload = (content: Buffer, fileName = 'icbc-2026-06.csv') =>
    api().post('/bank-statements').set(bearer(finance.token)).attach('file', content, fileName);

  async function completed(id: string): Promise<Report> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await api().get(`/bank-statements/${id}`).set(bearer(finance.token)).expect(200);
      if (res.body.status === 'completed') return res.body as Report;
      expect(res.body.status).not.toBe('failed');
      if (Date.now() > deadline) throw new Error(`import ${id} still ${res.body.status} after 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('answers 202 with the queued import, which the worker completes', async () => {
    expect(Buffer.byteLength(csv)).toBeGreaterThan(250_000);
    const res = await upload(Buffer.from(csv, 'utf8'));
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      status: 'queued',
      fileName: 'icbc-2026-06.csv',
      lineCount: LINES,
      progress: { linesLoaded: 0, linesToSettle: 0, linesSettled: 0 },
      counts: {},
    });
    expect(res.body.contentSha256).toMatch(/^[0-9a-f]{64}$/);
    importId = res.body.id;
    expect(res.headers.location).toBe(`/bank-statements/${importId}`);

    const report = await completed(importId);
    expect(report.progress).toEqual({ linesLoaded: LINES, linesToSettle: 5, linesSettled: 5 });
    expect(report.counts).toEqual({
      matched: 2,
      returned: 1,
      recovered: 0,
      amount_mismatch: 1,
      unknown_reference: LINES - 7,
      already_settled: 1,
      needs_review: 0,
      duplicate: 1,
      invalid: 1,
    });
    expect(report.batches).toEqual([
      expect.objectContaining({
        batchId,
        state: 'partly_settled',
        totals: expect.objectContaining({ paid: expect.objectContaining({ count: 2 }) }),
      }),
    ]);
    expect(await Promise.all(grants.map((g) => stateOf(finance.token, g.id)))).toEqual([
      'paid',
      'paid',
      'approved',
    ]);
    const pool = await api().get(`/fund-pools/${poolId}`).set(bearer(finance.token)).expect(200);
    expect(pool.body).toMatchObject({
      paidFen: 2 * MUNICIPAL_FEN,
      reservedFen: MUNICIPAL_FEN,
      consistent: true,
    });
  });

  it('reads the report page by page and as CSV', async () => {
    const first = await api().get(`/bank-statements/${importId}`).set(bearer(finance.token)).expect(200);
    expect(first.body.lines).toHaveLength(1000);
    expect(first.body.lines[0]).toMatchObject({ lineNo: 2, outcome: 'matched', batchId });
    expect(first.body.nextFromLine).toBe(1002);

    const outcomes = new Map<number, string>();
    const details = new Map<number, string | null>();
    for (let fromLine: number | null = 1; fromLine !== null;) {
      const page: Report = (
        await api()
          .get(`/bank-statements/${importId}`)
          .query({ fromLine, lineLimit: 1500 })
          .set(bearer(finance.token))
          .expect(200)
      ).body;
      for (const l of page.lines) {
        outcomes.set(l.lineNo, l.outcome);
        details.set(l.lineNo, l.detail);
      }
      fromLine = page.nextFromLine;
    }
    expect(outcomes.size).toBe(LINES);
    expect([2, 1001, 2001, 3001, 3500, 3600, 3700].map((n) => outcomes.get(n))).toEqual([
      'matched',
      'amount_mismatch',
      'matched',
      'returned',
      'already_settled',
      'duplicate',
      'invalid',
    ]);
    expect(details.get(3001)).toBe('收款账户已销户');
    expect(details.get(3600)).toBe('bank transaction already imported (first outcome: unknown_reference)');
    expectProblem(
      await api().get(`/bank-statements/${importId}`).query({ lineLimit: 5001 }).set(bearer(finance.token)),
      400,
    );

    const report = await api()
      .get(`/bank-statements/${importId}/report.csv`)
      .set(bearer(finance.token))
      .expect(200);
    const rows = parse(report.text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.filter((r) => r.record === 'line')).toHaveLength(LINES);
    expect(rows.find((r) => r.line_no === '1001')).toMatchObject({
      outcome: 'amount_mismatch',
      amount_yuan: '500000.10',
    });
    expect(rows.find((r) => r.record === 'batch')).toMatchObject({ paid_items: '2', returned_items: '1' });
  });

  it('the same file uploaded again changes nothing: every line a duplicate', async () => {
    const before = (await api().get(`/fund-pools/${poolId}`).set(bearer(finance.token)).expect(200)).body;
    const res = await upload(Buffer.from(csv, 'utf8'), 'icbc-2026-06-again.csv').expect(202);
    const again = await completed(res.body.id);
    expect(again.counts).toMatchObject({ duplicate: LINES - 1, invalid: 1, matched: 0, returned: 0 });
    expect(again.batches).toEqual([]);
    const after = (await api().get(`/fund-pools/${poolId}`).set(bearer(finance.token)).expect(200)).body;
    expect({ ...after, updatedAt: null }).toEqual({ ...before, updatedAt: null });
    const journals = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM ledger_journals WHERE kind = 'pay' AND application_id = ANY($1)`,
      [grants.map((g) => g.id)],
    );
    expect(journals[0].n).toBe(2);
  });

  it('a small file uploaded is reconciled in the request: 201 with the report', async () => {
    const small = `${HEADER}\nICBC-UP-SMALL-${fiscalYear},${bankDate(4)},credit,12.00,IN-SMALL,success,\n`;
    const res = await upload(Buffer.from(small, 'utf8'), 'small.csv').expect(201);
    expect(res.body).toMatchObject({ status: 'completed', counts: { unknown_reference: 1 } });
    expect(res.body.lines).toEqual([expect.objectContaining({ lineNo: 2, outcome: 'unknown_reference' })]);
  });

  it('the JSON form queues a statement of more than 1,000 lines the same way', async () => {
    const lines = Array.from(
      { length: 1_001 },
      (_, i) => `ICBC-UP-JSON-${fiscalYear}-${i},${bankDate(5)},credit,3.00,IN-JSON-${i},success,`,
    );
    const key = `statement-${fiscalYear}-json`;
    const send = () =>
      api()
        .post('/bank-statements')
        .set(bearer(finance.token))
        .set('idempotency-key', key)
        .send({ fileName: 'json.csv', content: [HEADER, ...lines].join('\n') });
    const res = await send().expect(202);
    expect(res.body).toMatchObject({ status: 'queued', lineCount: 1_001 });
    // A retry with the same key gets the first answer, status included (202, not the route's default).
    const replay = await send().expect(202);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(res.body.id);
    expect((await completed(res.body.id)).counts).toMatchObject({ unknown_reference: 1_001 });
  });

  it('refuses files it cannot read, naming the field', async () => {
    const cases: [Buffer, string, RegExp][] = [
      [Buffer.from('date;amount\n2026-06-01;1\n'), 'semi.csv', /value_date, amount/],
      // Not UTF-8: read as GBK (what Chinese banks export), so the header is what is wrong.
      [Buffer.from([0x76, 0x61, 0x6c, 0x75, 0x65, 0x5f, 0xc4, 0xe3, 0x0a]), 'gbk.csv', /value_date, amount/],
      [Buffer.from(`${HEADER}\n"T1,2026-06-01`), 'open-quote.csv', /readable CSV/],
    ];
    for (const [content, name, message] of cases) {
      const res = await upload(content, name);
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([{ field: 'file', messages: [expect.stringMatching(message)] }]);
    }
    const wrongField = await api()
      .post('/bank-statements')
      .set(bearer(finance.token))
      .attach('statement', Buffer.from(csv.slice(0, 200)), 'x.csv');
    expectProblem(wrongField, 400);
    expect(wrongField.body.errors.map((e: { field: string }) => e.field)).toEqual(['file']);
  });
});
