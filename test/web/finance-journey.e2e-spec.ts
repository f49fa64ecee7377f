import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { readFile } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  approvedGrant,
  Grant,
  MUNICIPAL_FEN,
  privateFiscalYear,
  PROGRAM,
  stateOf,
  ZONE,
} from '../finance/support/grants';
import { eventually } from '../auto-grants/support';
import { api, bearer, createStaff, setVerifiedBankAccount, TestUser } from '../support/api-client';
import {
  checkPage,
  choose,
  consoleUrl,
  expectNoRawCodes,
  launchBrowser,
  newSession,
  opened,
  screenshot,
} from '../support/browser';

// A browser's first page on a loaded machine can take a while: generous bounds, no sleeps.
jest.setTimeout(900_000);

const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
const GRANTS = 4;

async function check(page: Page, name: string): Promise<void> {
  await expectNoRawCodes(page);
  await checkPage(page, `finance-${name}`);
}

/** Waits for a dialog to close after its OK; if it stays (a refusal shown in it), fails saying what it says. */
async function closes(page: Page, dialog: Locator, name: string): Promise<void> {
  try {
    await dialog.waitFor({ state: 'detached', timeout: 60_000 });
  } catch (error) {
    await screenshot(page, `finance-${name}-stuck`);
    throw new Error(`the ${name} dialog did not close: ${await dialog.innerText().catch(() => '?')}`, {
      cause: error,
    });
  }
}

/**
 * The finance console end to end, against the real API and worker: a finance user funds a pool in the
 * browser, builds a batch with the wizard (count and total first), meets the lock refusal naming a
 * payee without 联行号, locks and exports the XLSX payment file, imports the bank's GBK statement (a
 * match, a 退汇, a reference inside 摘要, an unknown line), matches the unknown line by hand, and a second
 * finance user confirms it: the grants are paid.
 */
describe('web console: the finance console, pool to reconciliation', () => {
  let browser: Browser;
  let finance: TestUser;
  let second: TestUser;
  let officer: TestUser;
  let fiscalYear: number;
  let programTitle: string;

  beforeAll(async () => {
    [browser, finance, second, officer, fiscalYear] = await Promise.all([
      launchBrowser(),
      createStaff('finance', ZONE),
      createStaff('finance', ZONE),
      createStaff('officer', ZONE),
      privateFiscalYear(),
    ]);
    const programs = await api().get('/programs').set(bearer(finance.token)).expect(200);
    programTitle = (programs.body as { code: string; title: { zh: string } }[]).find(
      (p) => p.code === PROGRAM,
    )!.title.zh;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('funds a pool, builds, locks and exports a batch, reconciles a GBK statement under four eyes', async () => {
    const context = await newSession(browser, { token: finance.token });
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });

    // 1. Funds the program's pool for the year in the browser.
    await page.goto(consoleUrl('/finance/pools'));
    await page.getByRole('heading', { name: '资金池', level: 1 }).waitFor();
    await page.getByRole('button', { name: '新建资金池' }).click();
    const dialog = await opened(page.getByRole('dialog'));
    await choose(page, '政策项目', programTitle, { exact: true });
    await dialog.getByLabel('年度').fill(String(fiscalYear));
    await dialog.getByLabel('下达额度（元）').fill(yuan(GRANTS * MUNICIPAL_FEN));
    await dialog.getByLabel('依据（如预算批复文号）').fill('宁财预〔2026〕12号');
    await dialog.getByRole('button', { name: '下达额度' }).click();
    await closes(page, dialog, 'new-pool');
    await page.getByLabel('年度').fill(String(fiscalYear));
    const poolLink = page.getByRole('link', { name: new RegExp(String(fiscalYear)) });
    await poolLink.waitFor();
    const pools = await api()
      .get(`/fund-pools?fiscalYear=${fiscalYear}&code=${PROGRAM}`)
      .set(bearer(finance.token))
      .expect(200);
    expect(pools.body.items).toEqual([
      expect.objectContaining({ allocatedFen: GRANTS * MUNICIPAL_FEN, availableFen: GRANTS * MUNICIPAL_FEN }),
    ]);
    const poolId = pools.body.items[0].id as string;
    await check(page, 'pools');

    // Four approved grants reserve the whole pool; the fourth enterprise's account has no 联行号.
    const grants: Grant[] = await Promise.all(
      Array.from({ length: GRANTS }, () => approvedGrant(officer, fiscalYear)),
    );
    const lacking = grants[3].enterprise;
    await setVerifiedBankAccount(lacking, {
      bankName: '中国建设银行长沙分行',
      accountName: lacking.name,
      accountNo: '43050183360000000111',
    });

    // The pool's page: utilisation and the ledger with the balance after each movement.
    await page.goto(consoleUrl(`/finance/pools/${poolId}`));
    await page.getByRole('heading', { name: '资金台账' }).waitFor();
    await page.getByTestId('pool-available').getByText('¥0.00').waitFor();
    await page.getByRole('cell', { name: '预留资金' }).first().waitFor();
    await page.getByRole('cell', { name: '下达额度' }).waitFor();
    await check(page, 'pool-ledger');

    // 2. The batch wizard: filters, then the count and total before building.
    await page.goto(consoleUrl('/finance/batches'));
    await page.getByRole('button', { name: '新建批次' }).click();
    await page.getByRole('heading', { name: '新建拨付批次' }).waitFor();
    await choose(page, '政策项目', programTitle, { exact: true });
    await page.getByLabel('年度').fill(String(fiscalYear));
    await page.getByRole('button', { name: '预览笔数与金额' }).click();
    await page.getByText(`¥${((GRANTS * MUNICIPAL_FEN) / 100).toLocaleString('en-US')}.00`).waitFor();
    await check(page, 'batch-preview');
    await page.getByRole('button', { name: `建立批次（${GRANTS} 笔）` }).click();
    const heading = page.getByRole('heading', { name: /^拨付批次 / });
    await heading.waitFor();
    const batchId = new URL(page.url()).pathname.split('/').pop()!;

    // What will be paid where, before the lock: payee, masked account, bank, amount.
    const rows = page.locator('tbody tr.ant-table-row');
    await eventually(
      () => rows.count(),
      (n) => n === GRANTS,
      'the batch lists its payments',
      60_000,
    );
    const paidWhere = page.getByRole('row').filter({ hasText: grants[0].reference });
    await paidWhere.getByText(/^\*\*\*\* \*\*\*\* \d{4}$/).waitFor();
    await paidWhere.getByText('中国工商银行长沙分行').waitFor();
    await paidWhere.getByText('¥500,000.00').first().waitFor();
    await check(page, 'batch-draft');

    // 3. Lock: refused, naming the payee without 联行号; fixed, locked.
    await page.getByRole('button', { name: '锁定批次' }).click();
    await page.getByRole('button', { name: '锁定批次' }).last().click();
    const refusal = page.getByRole('alert').filter({ hasText: '无法锁定' });
    await refusal.getByText(`${lacking.name}：缺少联行号`).waitFor();
    expect(await page.getByTestId('batch-state').innerText()).toBe('草稿');
    await setVerifiedBankAccount(lacking, {
      bankName: '中国建设银行长沙分行',
      accountName: lacking.name,
      accountNo: '4305018336000000011122',
      cnapsCode: '105551000011',
    });
    await page.getByRole('button', { name: '锁定批次' }).first().click();
    await page.getByRole('button', { name: '锁定批次' }).last().click();
    await page.getByTestId('batch-state').getByText('已锁定').waitFor();

    // 4. Export the XLSX payment file: accounts are text cells, then the totals row.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出支付文件（XLSX）' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    const bytes = await readFile((await download.path())!);
    await workbook.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const col = (name: string) => header.indexOf(name) + 1;
    expect(col('收款账号')).toBeGreaterThan(0);
    const accountCells = Array.from({ length: GRANTS }, (_, i) =>
      sheet.getRow(i + 2).getCell(col('收款账号')),
    );
    for (const cell of accountCells) {
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toMatch(/^\d{12,22}$/);
    }
    expect(accountCells.map((c) => c.value)).toContain('4305018336000000011122');
    const references = new Map(
      Array.from({ length: GRANTS }, (_, i) => {
        const row = sheet.getRow(i + 2);
        return [String(row.getCell(col('付款参考号')).value), row] as const;
      }),
    );
    const refOf = (g: Grant) => [...references.keys()].find((r) => r.startsWith(g.reference))!;
    const refs = grants.map(refOf);
    expect(refs.every(Boolean)).toBe(true);
    let totals: unknown[] = [];
    sheet.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      if (values[0] === '笔数') totals = values;
    });
    expect(totals.slice(0, 4)).toEqual(['笔数', String(GRANTS), '合计金额', yuan(GRANTS * MUNICIPAL_FEN)]);
    await page.getByTestId('batch-state').getByText('已导出支付文件').waitFor();

    // 5. The bank's GBK statement: a match, a 退汇, a reference inside 摘要, an unknown line.
    const amount = yuan(MUNICIPAL_FEN);
    // Paid today (Beijing): the report's days from submission to payment stay true.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const gbk = iconv.encode(
      [
        '中国工商银行账户明细',
        `账号：43050183360000000999,起止日期：${fiscalYear}-05-01至${fiscalYear}-05-31`,
        '交易日期,交易流水号,付款参考号,摘要,对方户名,借方发生额(元),贷方发生额(元),交易状态,退汇原因',
        `${today},WEB-${fiscalYear}-1,${refs[0]},代发,${grants[0].enterprise.name},${amount},,成功,`,
        `${today},WEB-${fiscalYear}-2,${refs[1]},代发,${grants[1].enterprise.name},${amount},,退汇,收款账户已销户`,
        `${today},WEB-${fiscalYear}-3,,惠企补贴 ${refs[2]},${grants[2].enterprise.name},${amount},,成功,`,
        `${today},WEB-${fiscalYear}-4,,代发工资,${lacking.name},${amount},,成功,`,
      ].join('\r\n'),
      'gbk',
    );
    await page.goto(consoleUrl('/finance/statements'));
    await page.getByRole('heading', { name: '银行流水对账', level: 1 }).waitFor();
    await check(page, 'statements');
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: '工行明细.csv', mimeType: 'text/csv', buffer: gbk });
    await page.getByRole('heading', { name: '对账报告：工行明细.csv' }).waitFor();
    const statementUrl = new URL(page.url()).pathname.replace(/^\/app/, '');
    const rowOf = (text: string) => page.getByRole('row').filter({ hasText: text });
    await rowOf(refs[0]).getByText('已匹配', { exact: true }).waitFor();
    await rowOf(refs[1]).getByText('银行退回', { exact: true }).waitFor();
    await rowOf(refs[1]).getByText('待企业更正收款账户后重新拨付', { exact: false }).waitFor();
    await rowOf(refs[2]).getByText('已匹配', { exact: true }).waitFor();
    await check(page, 'statement-report');

    // 6. The unknown line, found by its outcome, matched by hand (the proposer cannot confirm).
    await choose(page, '对账结果', '无法识别的编号（1）', { exact: true });
    await eventually(
      () => rows.count(),
      (n) => n === 1,
      'only the unknown line is shown',
      60_000,
    );
    await rows.first().getByText('无法识别的编号', { exact: true }).waitFor();
    await rows.first().getByRole('button', { name: '人工匹配' }).click();
    const matchDialog = page.getByRole('dialog');
    await matchDialog.getByLabel('付款参考号', { exact: true }).fill(refs[3]);
    await matchDialog.getByLabel('匹配依据').fill('已核对银行回单，收款人与金额一致');
    await check(page, 'match-dialog');
    await matchDialog.getByRole('button', { name: '提交匹配' }).click();
    await closes(page, matchDialog, 'match');
    await rows.first().getByText(`拟匹配 ${refs[3]}`, { exact: false }).waitFor();
    await rows.first().getByText('须由另一位财务人员确认').waitFor();
    expect(await rows.first().getByRole('button', { name: '确认匹配' }).count()).toBe(0);
    expect(await stateOf(finance.token, grants[3].id)).toBe('disbursing');

    // 7. A second finance user sees who proposed it and confirms: the grant is paid.
    const secondContext = await newSession(browser, { token: second.token });
    const other = await secondContext.newPage();
    other.on('pageerror', (error) => {
      throw error;
    });
    await other.goto(consoleUrl('/finance/statements'));
    await other.getByRole('heading', { name: '待复核的人工匹配' }).waitFor();
    await other.getByRole('row').filter({ hasText: refs[3] }).getByRole('link').click();
    await other.getByRole('heading', { name: '对账报告：工行明细.csv' }).waitFor();
    expect(new URL(other.url()).pathname).toBe(`/app${statementUrl}`);
    const proposal = other.getByRole('row').filter({ hasText: `拟匹配 ${refs[3]}` });
    await proposal.getByText('提议）', { exact: false }).waitFor();
    await check(other, 'confirm-match');
    await proposal.getByRole('button', { name: '确认匹配' }).click();
    await other.getByText('已确认，款项已入账').waitFor();
    await eventually(
      () => other.getByRole('button', { name: '确认匹配' }).count(),
      (n) => n === 0,
      'the confirmed line needs nothing more',
      60_000,
    );

    // The grants: three paid, the returned one payable again; the batch page says so.
    expect(await stateOf(finance.token, grants[0].id)).toBe('paid');
    expect(await stateOf(finance.token, grants[2].id)).toBe('paid');
    expect(await stateOf(finance.token, grants[3].id)).toBe('paid');
    expect(await stateOf(finance.token, grants[1].id)).toBe('approved');
    await page.goto(consoleUrl(`/finance/batches/${batchId}`));
    await page.getByTestId('batch-state').getByText('部分结清').waitFor();
    for (const g of [grants[0], grants[2], grants[3]]) {
      await page.getByRole('row').filter({ hasText: g.reference }).getByText('已到账').waitFor();
    }
    await page
      .getByRole('row')
      .filter({ hasText: grants[1].reference })
      .getByText('银行退回', { exact: true })
      .waitFor();

    // Reports and clawbacks render with their labels; the report's chart is drawn.
    await page.goto(consoleUrl('/finance/reports'));
    await page.getByRole('heading', { name: '财务报表', level: 1 }).waitFor();
    await page.getByLabel('年度').fill(String(fiscalYear));
    await page.getByRole('cell', { name: programTitle }).first().waitFor();
    await page.locator('canvas').first().waitFor();
    await check(page, 'reports');
    // A clawback finance opens on a paid grant: listed with its demand notice.
    const clawback = await api()
      .post('/clawbacks')
      .set(bearer(finance.token))
      .send({ applicationId: grants[0].id, amountFen: 10_000_000, reason: '核查发现平台认定材料不实' })
      .expect(201);
    await page.goto(consoleUrl('/finance/clawbacks'));
    await page.getByRole('heading', { name: '追回管理', level: 1 }).waitFor();
    await page.getByRole('row').filter({ hasText: clawback.body.reference }).getByText('追回中').waitFor();
    await check(page, 'clawbacks');
    await page.getByRole('button', { name: clawback.body.reference }).click();
    const notice = page.getByRole('dialog').filter({ hasText: `追回通知书 ${clawback.body.reference}` });
    await notice.getByText(`编号：${clawback.body.reference}`, { exact: false }).waitFor();
    await notice.getByText('应退回金额：人民币 100000.00 元', { exact: false }).waitFor();
    await check(page, 'clawback-notice');
    await secondContext.close();
    await context.close();
  });
});
