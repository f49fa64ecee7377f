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
const statement = (lines: string[]) => ({
  fileName: 'icbc-2026-05.csv',
  content: [HEADER, ...lines].join('\r\n'),
});

interface Outcome {
  lineNo: number;
  outcome: string;
  detail: string | null;
  expectedAmountFen: number | null;
}

/**
 * Paying grants end to end through the real API and worker: batch, lock, payment file, bank statements
 * (a wrong amount, an unknown reference, a returned payment; the same statement twice; an overlapping
 * one), reconciliation reports, the pool's ledger and the zone report.
 */
describe('disbursement and reconciliation', () => {
  let fiscalYear: number;
  let finance: TestUser;
  let officer: TestUser;
  let auditor: TestUser;
  let poolId: string;
  let grants: Grant[];
  let batchId: string;
  let references: Map<string, string>;
  let firstImportId: string;

  beforeAll(async () => {
    fiscalYear = await privateFiscalYear();
    [finance, officer, auditor] = await Promise.all([
      createStaff('finance', ZONE),
      createStaff('officer', ZONE),
      createStaff('auditor', ZONE),
    ]);
    const pool = await api()
      .post('/fund-pools')
      .set(bearer(finance.token))
      .send({ programCode: PROGRAM, fiscalYear, allocatedFen: 10 * MUNICIPAL_FEN })
      .expect(201);
    poolId = pool.body.id;
    grants = [];
    for (let i = 0; i < 4; i++) grants.push(await approvedGrant(officer, fiscalYear));
  });

  const pool = async () =>
    (await api().get(`/fund-pools/${poolId}`).set(bearer(finance.token)).expect(200)).body;
  const importStatement = (body: ReturnType<typeof statement>) =>
    api().post('/bank-statements').set(bearer(finance.token)).send(body);

  it('builds a draft batch of the approved, unpaid grants, with masked accounts', async () => {
    // The preview counts what the batch will hold, and builds nothing.
    const preview = await api()
      .post('/disbursement-batches/preview')
      .set(bearer(finance.token))
      .send({ programCode: PROGRAM, fiscalYear })
      .expect(200);
    expect(preview.body).toEqual({ count: 4, amountFen: 4 * MUNICIPAL_FEN, skipped: [] });
    const res = await api()
      .post('/disbursement-batches')
      .set(bearer(finance.token))
      .send({ programCode: PROGRAM, fiscalYear });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      state: 'draft',
      skipped: [],
      totals: { items: 4, amountFen: 4 * MUNICIPAL_FEN },
    });
    for (const item of res.body.items) expect(item.accountNo).toMatch(/^\*\*\*\* \*\*\*\* \d{4}$/);
    // What will be paid where, before the lock copies it: the enterprise's bank and account name now.
    for (const item of res.body.items)
      expect(item).toMatchObject({ bankName: expect.any(String), payeeName: expect.any(String) });
    batchId = res.body.id;
    references = new Map(
      res.body.items.map((i: { applicationId: string; paymentReference: string }) => [
        i.applicationId,
        i.paymentReference,
      ]),
    );
    expect(references.get(grants[0].id)).toBe(`${grants[0].reference}P1`);

    // A grant is in one open batch only.
    const after = await api()
      .post('/disbursement-batches/preview')
      .set(bearer(finance.token))
      .send({ programCode: PROGRAM, fiscalYear })
      .expect(200);
    expect(after.body).toMatchObject({ count: 0, amountFen: 0 });
    const again = await api()
      .post('/disbursement-batches')
      .set(bearer(finance.token))
      .send({ programCode: PROGRAM, fiscalYear });
    expectProblem(again, 422);
  });

  it('locks the batch: every grant moves to disbursing', async () => {
    const res = await api().post(`/disbursement-batches/${batchId}/lock`).set(bearer(finance.token)).send();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'locked', removed: [], totals: { awaitingBank: { count: 4 } } });
    for (const g of grants) expect(await stateOf(finance.token, g.id)).toBe('disbursing');
    expectProblem(
      await api().post(`/disbursement-batches/${batchId}/lock`).set(bearer(finance.token)).send(),
      409,
    );
  });

  it('exports the payment file: UTF-8 with BOM, yuan with two decimals, full accounts, unique references', async () => {
    const res = await api().post(`/disbursement-batches/${batchId}/export`).set(bearer(finance.token)).send();
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="PB[A-Z0-9]+\.csv"/);
    expect(res.text.startsWith('\uFEFF')).toBe(true);
    const rows = parse(res.text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row).toMatchObject({ '金额(元)': '500000.00', 收款开户行: '中国工商银行长沙分行' });
      expect(row['收款账号']).toMatch(/^\d{9,30}$/);
      expect(row['收款人统一社会信用代码']).toMatch(/^[0-9A-Z]{18}$/);
    }
    expect(new Set(rows.map((r) => r['付款参考号']))).toEqual(new Set(references.values()));
    const detail = await api().get(`/disbursement-batches/${batchId}`).set(bearer(auditor.token)).expect(200);
    expect(detail.body).toMatchObject({ state: 'exported', exportCount: 1 });
  });

  it('imports a statement with a match, a wrong amount, a returned payment, an unknown reference and a bad line', async () => {
    const [a, b, c] = grants.map((g) => references.get(g.id));
    const res = await importStatement(
      statement([
        `ICBC-0001,${bankDate()},debit,500000.00,${a},success,`,
        `ICBC-0002,${bankDate()},debit,500000.10,${b},success,`,
        `ICBC-0003,${bankDate()},debit,500000.00,${c},returned,收款账户已销户`,
        'ICBC-0004,2026-05-06,debit,1200.00,HQ000999999P1,success,',
        'ICBC-0005,2026-05-06,debit,abc,X,success,',
      ]),
    );
    expect(res.status).toBe(201);
    firstImportId = res.body.id;
    expect(res.body.counts).toMatchObject({
      matched: 1,
      amount_mismatch: 1,
      returned: 1,
      unknown_reference: 1,
      invalid: 1,
    });
    const lines = res.body.lines as (Outcome & { errors: { field: string }[] })[];
    expect(lines.map((l) => l.outcome)).toEqual([
      'matched',
      'amount_mismatch',
      'returned',
      'unknown_reference',
      'invalid',
    ]);
    expect(lines[1].expectedAmountFen).toBe(MUNICIPAL_FEN);
    expect(lines[2].detail).toBe('收款账户已销户');
    expect(lines[4].errors.map((e) => e.field)).toEqual(['amount']);
    expect(res.body.batches).toEqual([
      expect.objectContaining({
        batchId,
        state: 'exported',
        totals: expect.objectContaining({ paid: { count: 1, amountFen: MUNICIPAL_FEN } }),
      }),
    ]);

    expect(await stateOf(finance.token, grants[0].id)).toBe('paid');
    expect(await stateOf(finance.token, grants[1].id)).toBe('disbursing');
    expect(await stateOf(finance.token, grants[2].id)).toBe('approved');
    const history = await api()
      .get(`/applications/${grants[2].id}/history`)
      .set(bearer(finance.token))
      .expect(200);
    expect(history.body.at(-1)).toMatchObject({
      action: 'payment_failed',
      comment: '收款账户已销户',
      toState: 'approved',
    });
    expect(await pool()).toMatchObject({
      paidFen: MUNICIPAL_FEN,
      reservedFen: 3 * MUNICIPAL_FEN,
      consistent: true,
    });
  });

  it('imports the same statement again: every line is a duplicate and nothing changes', async () => {
    const before = await pool();
    const [a, b, c] = grants.map((g) => references.get(g.id));
    const res = await importStatement(
      statement([
        `ICBC-0001,${bankDate()},debit,500000.00,${a},success,`,
        `ICBC-0002,${bankDate()},debit,500000.10,${b},success,`,
        `ICBC-0003,${bankDate()},debit,500000.00,${c},returned,收款账户已销户`,
        'ICBC-0004,2026-05-06,debit,1200.00,HQ000999999P1,success,',
        'ICBC-0005,2026-05-06,debit,abc,X,success,',
      ]),
    );
    expect(res.status).toBe(201);
    expect(res.body.counts).toMatchObject({ duplicate: 4, invalid: 1, matched: 0, returned: 0 });
    const after = await pool();
    expect({ ...after, updatedAt: null }).toEqual({ ...before, updatedAt: null });
    expect(await stateOf(finance.token, grants[2].id)).toBe('approved');
  });

  it('an overlapping statement settles only what is new; a second confirmation of a paid grant pays nothing', async () => {
    const [a, b, , d] = grants.map((g) => references.get(g.id));
    const res = await importStatement(
      statement([
        `ICBC-0001,${bankDate()},debit,500000.00,${a},success,`,
        `ICBC-0006,${bankDate(1)},debit,500000.00,${b},success,`,
        `ICBC-0007,${bankDate(1)},debit,500000.00,${d},success,`,
        `ICBC-0008,${bankDate(1)},debit,500000.00,${a},success,`,
      ]),
    );
    expect((res.body.lines as Outcome[]).map((l) => l.outcome)).toEqual([
      'duplicate',
      'matched',
      'matched',
      'already_settled',
    ]);
    expect(await stateOf(finance.token, grants[1].id)).toBe('paid');
    expect(await stateOf(finance.token, grants[3].id)).toBe('paid');
    expect(await pool()).toMatchObject({
      paidFen: 3 * MUNICIPAL_FEN,
      reservedFen: MUNICIPAL_FEN,
      paidGrants: 3,
      consistent: true,
    });
    const payments = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM ledger_journals WHERE kind = 'pay' AND application_id = ANY($1)`,
      [grants.map((g) => g.id)],
    );
    expect(payments[0].n).toBe(3);
  });

  it('reports the reconciliation of the batch and of each statement, as JSON and CSV', async () => {
    const rec = await api()
      .get(`/disbursement-batches/${batchId}/reconciliation`)
      .set(bearer(auditor.token))
      .expect(200);
    expect(rec.body.batch).toMatchObject({
      state: 'partly_settled',
      totals: {
        items: 4,
        paid: { count: 3, amountFen: 3 * MUNICIPAL_FEN },
        returned: { count: 1, amountFen: MUNICIPAL_FEN },
      },
    });
    const itemA = rec.body.items.find((i: { applicationId: string }) => i.applicationId === grants[0].id);
    expect(itemA.statementLines.map((l: { outcome: string }) => l.outcome)).toEqual([
      'matched',
      'already_settled',
    ]);

    const csv = await api()
      .get(`/disbursement-batches/${batchId}/reconciliation.csv`)
      .set(bearer(finance.token))
      .expect(200);
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    const rows = parse(csv.text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.payment_reference === 'TOTAL')).toMatchObject({
      amount_yuan: '2000000.00',
      state: 'partly_settled',
    });
    expect(rows.find((r) => r.payment_reference === 'TOTAL paid')).toMatchObject({
      amount_yuan: '1500000.00',
    });

    // The zone's list (other suites import statements into the same zone at the same time).
    const imports = await api().get('/bank-statements').set(bearer(auditor.token)).expect(200);
    const firstImport = imports.body.items.find((i: { id: string }) => i.id === firstImportId);
    const report = await api()
      .get(`/bank-statements/${firstImport.id}/report.csv`)
      .set(bearer(auditor.token))
      .expect(200);
    const reportRows = parse(report.text, { bom: true, columns: true }) as Record<string, string>[];
    expect(reportRows.filter((r) => r.record === 'line').map((r) => r.outcome)).toEqual([
      'matched',
      'amount_mismatch',
      'returned',
      'unknown_reference',
      'invalid',
    ]);
    expect(reportRows.find((r) => r.record === 'batch')).toMatchObject({
      paid_items: '3',
      paid_yuan: '1500000.00',
    });
  });

  it('pays the returned grant in a new batch under a new payment reference', async () => {
    const built = await api()
      .post('/disbursement-batches')
      .set(bearer(finance.token))
      .send({ applicationIds: [grants[2].id], note: '重新支付' })
      .expect(201);
    expect(built.body.items[0].paymentReference).toBe(`${grants[2].reference}P2`);
    await api()
      .post(`/disbursement-batches/${built.body.id}/cancel`)
      .set(bearer(finance.token))
      .send({ reason: '账户待更新' })
      .expect(200);
    expect(await stateOf(finance.token, grants[2].id)).toBe('approved');
  });

  it('reports allocation, money, grants, days to payment and deadline compliance for the program and year', async () => {
    const res = await api()
      .get('/finance-reports')
      .query({ fiscalYear })
      .set(bearer(auditor.token))
      .expect(200);
    const row = res.body.rows.find((r: { programCode: string }) => r.programCode === PROGRAM);
    expect(row).toMatchObject({
      zoneCode: ZONE,
      fiscalYear,
      allocatedFen: 10 * MUNICIPAL_FEN,
      reservedFen: MUNICIPAL_FEN,
      paidFen: 3 * MUNICIPAL_FEN,
      grants: 4,
      paidGrants: 3,
      pool: { id: poolId, scope: 'program' },
    });
    expect(typeof row.averageDaysToPayment).toBe('number');
    expect(row.slaStages).toBeGreaterThanOrEqual(4);
    const csv = await api()
      .get('/finance-reports/report.csv')
      .query({ fiscalYear })
      .set(bearer(finance.token))
      .expect(200);
    const rows = parse(csv.text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.program_code === PROGRAM)).toMatchObject({
      paid_yuan: '1500000.00',
      grants: '4',
    });
    expect(rows.at(-1)).toMatchObject({ program_code: 'TOTAL' });
  });
});
