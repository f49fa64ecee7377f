import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import {
  api,
  bearer,
  createStaff,
  expectProblem,
  setVerifiedBankAccount,
  TestUser,
} from '../support/api-client';
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

const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

interface Line {
  lineNo: number;
  outcome: string;
  action: string | null;
  pendingProposal: { id: string; reference: string; proposedByName: string | null } | null;
}

/**
 * The bank leg as finance staff meet it: a GBK statement as the bank exports it (title rows, split
 * debit/credit columns, the reference inside 摘要) uploaded as a file; an XLSX statement; an unknown
 * line matched by hand under four eyes; an Idempotency-Key reused with another file; the finance
 * report at the largest allocation accepted.
 */
describe('bank leg: real bank files, hand matching, money sums', () => {
  let fiscalYear: number;
  let finance: TestUser;
  let second: TestUser;
  let third: TestUser;
  let officer: TestUser;
  let grants: Grant[];
  let refs: string[];

  beforeAll(async () => {
    fiscalYear = await privateFiscalYear();
    [finance, second, third, officer] = await Promise.all([
      createStaff('finance', ZONE),
      createStaff('finance', ZONE),
      createStaff('finance', ZONE),
      createStaff('officer', ZONE),
    ]);
    await api()
      .post('/fund-pools')
      .set(bearer(finance.token))
      .send({ programCode: PROGRAM, fiscalYear, allocatedFen: 3 * MUNICIPAL_FEN })
      .expect(201);
    grants = [];
    for (let i = 0; i < 3; i++) grants.push(await approvedGrant(officer, fiscalYear));
    const built = await api()
      .post('/disbursement-batches')
      .set(bearer(finance.token))
      .send({ programCode: PROGRAM, fiscalYear })
      .expect(201);
    const refOf = new Map<string, string>(
      built.body.items.map((i: { applicationId: string; paymentReference: string }) => [
        i.applicationId,
        i.paymentReference,
      ]),
    );
    refs = grants.map((g) => refOf.get(g.id)!);
    await api()
      .post(`/disbursement-batches/${built.body.id}/lock`)
      .set(bearer(finance.token))
      .send()
      .expect(200);
  });

  const upload = (user: TestUser, content: Buffer, fileName: string, key?: string) => {
    const req = api().post('/bank-statements').set(bearer(user.token));
    if (key) req.set('Idempotency-Key', key);
    return req.attach('file', content, fileName);
  };

  it('settles a GBK statement as the bank exports it, and matches its unknown line by hand under four eyes', async () => {
    const gbk = iconv.encode(
      [
        '中国工商银行账户明细',
        `账号：43050183360000000111,起止日期：2026-05-01至2026-05-31`,
        '交易日期,交易流水号,摘要,对方户名,对方账号,借方发生额(元),贷方发生额(元),余额(元),附言',
        `${bankDate()},GBK-${fiscalYear}-1,惠企补贴 ${refs[0]},示例科技,6222021001123456789,${yuan(MUNICIPAL_FEN)},,1,`,
        `${bankDate()},GBK-${fiscalYear}-2,代发工资,示例科技,6222021001123456789,${yuan(MUNICIPAL_FEN)},,1,补贴款`,
      ].join('\r\n'),
      'gbk',
    );
    const imported = await upload(finance, gbk, '工行明细.csv').expect(201);
    const lines = imported.body.lines as Line[];
    expect(lines.map((l) => [l.outcome, l.action])).toEqual([
      ['matched', null],
      ['unknown_reference', 'match_by_hand'],
    ]);
    expect(await stateOf(finance.token, grants[0].id)).toBe('paid');

    const lineNo = lines[1].lineNo;
    const base = `/bank-statements/${imported.body.id}/lines/${lineNo}/match-proposals`;
    const bad = await api()
      .post(base)
      .set(bearer(finance.token))
      .send({ paymentReference: 'HQ999999999P1', comment: 'x' });
    expectProblem(bad, 400);
    expect(bad.body.errors[0].field).toBe('paymentReference');
    // A JSON null is "not sent": neither reference given is a 400, not a 500 (the DTO fuzz found it).
    const nulls = await api()
      .post(base)
      .set(bearer(finance.token))
      .send({ clawbackReference: null, comment: '回单核对' });
    expectProblem(nulls, 400);
    expect(nulls.body.errors[0].field).toBe('paymentReference');

    const proposed = await api()
      .post(base)
      .set(bearer(finance.token))
      .send({ paymentReference: refs[1], comment: '银行回单核对一致' })
      .expect(201);
    expect(proposed.body).toMatchObject({ state: 'pending', reference: refs[1] });
    const report = await api()
      .get(`/bank-statements/${imported.body.id}`)
      .set(bearer(second.token))
      .expect(200);
    expect((report.body.lines as Line[])[1]).toMatchObject({
      action: 'confirm_match',
      pendingProposal: { id: proposed.body.id, reference: refs[1], proposedBy: finance.id },
    });
    expect((report.body.lines as Line[])[1].pendingProposal?.proposedByName).toEqual(expect.any(String));
    const queue = await api().get('/bank-statements/match-proposals').set(bearer(second.token)).expect(200);
    expect(queue.body.map((p: { id: string }) => p.id)).toContain(proposed.body.id);

    // The proposer cannot confirm; two others at once: one settles it, the other gets 409.
    const own = await api().post(`${base}/${proposed.body.id}/confirm`).set(bearer(finance.token)).send({});
    expectProblem(own, 403);
    expect(await stateOf(finance.token, grants[1].id)).toBe('disbursing');
    const both = await Promise.all(
      [second, third].map((u) =>
        api().post(`${base}/${proposed.body.id}/confirm`).set(bearer(u.token)).send({}),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await stateOf(finance.token, grants[1].id)).toBe('paid');
    const journals = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM ledger_journals WHERE kind = 'pay' AND application_id = $1`,
      [grants[1].id],
    );
    expect(journals[0].n).toBe(1);
  });

  it('reads an XLSX statement', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('明细');
    sheet.addRow(['交易日期', '交易流水号', '金额', '借贷标志', '用途', '对方账号']);
    sheet.addRow([
      new Date(`${bankDate()}T00:00:00Z`), // a date cell, as banks' XLSX exports carry it
      `XLSX-${fiscalYear}-1`,
      MUNICIPAL_FEN / 100,
      '借',
      `惠企补贴${refs[2]}`,
      '6222021001123456789',
    ]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const imported = await upload(finance, bytes, '明细.xlsx').expect(201);
    expect((imported.body.lines as Line[]).map((l) => l.outcome)).toEqual(['matched']);
    expect(await stateOf(finance.token, grants[2].id)).toBe('paid');
  });

  it('refuses an Idempotency-Key reused with another uploaded file (422) and replays the same file', async () => {
    const file = (n: number) =>
      Buffer.from(`交易日期,金额,摘要\n${bankDate(1)},${n}.00,转账 IDEM-${fiscalYear}-${n}`, 'utf8');
    const key = `idem-upload-${fiscalYear}`;
    const first = await upload(finance, file(1), 'a.csv', key).expect(201);
    const replay = await upload(finance, file(1), 'a.csv', key).expect(201);
    expect(replay.body.id).toBe(first.body.id);
    const other = await upload(finance, file(2), 'a.csv', key);
    expectProblem(other, 422);
  });

  it('refuses to lock a batch whose payee lacks a 联行号, naming it; exports XLSX with text accounts and totals', async () => {
    const year = await privateFiscalYear();
    await api()
      .post('/fund-pools')
      .set(bearer(finance.token))
      .send({ programCode: PROGRAM, fiscalYear: year, allocatedFen: 2 * MUNICIPAL_FEN })
      .expect(201);
    const [g1, g2] = [await approvedGrant(officer, year), await approvedGrant(officer, year)];
    // The second enterprise's account has no CNAPS code.
    await setVerifiedBankAccount(
      g2.enterprise,
      {
        bankName: '中国建设银行长沙分行',
        accountName: g2.enterprise.name,
        accountNo: '43050183360000000111',
      },
      finance.token,
    );
    const built = await api()
      .post('/disbursement-batches')
      .set(bearer(finance.token))
      .send({ programCode: PROGRAM, fiscalYear: year })
      .expect(201);
    const refused = await api()
      .post(`/disbursement-batches/${built.body.id}/lock`)
      .set(bearer(finance.token))
      .send();
    expectProblem(refused, 409);
    expect(refused.body.payees).toEqual([
      expect.objectContaining({ enterpriseId: g2.enterprise.enterpriseId, missing: ['cnapsCode'] }),
    ]);
    expect(refused.body.detail ?? refused.body.title).toBeDefined();
    expect(await stateOf(finance.token, g1.id)).toBe('approved');

    await setVerifiedBankAccount(
      g2.enterprise,
      {
        bankName: '中国建设银行长沙分行',
        accountName: g2.enterprise.name,
        accountNo: '4305018336000000011122',
        cnapsCode: '105551000011',
      },
      finance.token,
    );
    await api()
      .post(`/disbursement-batches/${built.body.id}/lock`)
      .set(bearer(finance.token))
      .send()
      .expect(200);
    const file = await api()
      .post(`/disbursement-batches/${built.body.id}/export?format=xlsx`)
      .set(bearer(finance.token))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .send()
      .expect(200);
    expect(file.headers['content-type']).toMatch(/spreadsheetml/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    expect(header).toEqual(expect.arrayContaining(['收款账号', '收款行联行号', '金额(元)', '付款参考号']));
    const col = (name: string) => header.indexOf(name) + 1;
    const accounts = [2, 3].map((r) => sheet.getRow(r).getCell(col('收款账号')).value);
    expect(accounts).toContain('4305018336000000011122');
    for (const a of accounts) expect(typeof a).toBe('string');
    const totals = (sheet.getRow(5).values as unknown[]).slice(1);
    expect(totals).toEqual([
      '笔数',
      '2',
      '合计金额',
      yuan(2 * MUNICIPAL_FEN),
      '批次号',
      built.body.reference,
    ]);
  });

  it('reports a pool at the largest allocation accepted, and refuses a larger one naming the field', async () => {
    const year = await privateFiscalYear();
    const tooBig = await api()
      .post('/fund-pools')
      .set(bearer(finance.token))
      .send({ programCode: PROGRAM, fiscalYear: year, allocatedFen: 1_000_000_000_001 });
    expectProblem(tooBig, 400);
    expect(tooBig.body.errors.map((e: { field: string }) => e.field)).toEqual(['allocatedFen']);
    await api()
      .post('/fund-pools')
      .set(bearer(finance.token))
      .send({ programCode: PROGRAM, fiscalYear: year, allocatedFen: 1_000_000_000_000 })
      .expect(201);
    const report = await api().get('/finance-reports').set(bearer(finance.token)).expect(200);
    expect(report.body.totals.allocatedFen).toBeGreaterThanOrEqual(1_000_000_000_000);
    await api().get('/finance-reports/report.csv').set(bearer(finance.token)).expect(200);
  });
});
