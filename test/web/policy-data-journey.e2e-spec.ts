import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import {
  api,
  bearer,
  createStaff,
  registerEnterprise,
  TestEnterprise,
  TestUser,
} from '../support/api-client';
import { checkPage, choose, consoleUrl, launchBrowser, newSession } from '../support/browser';
import { currentFiscalYear, offersOf, seedFact } from '../auto-grants/support';

const ZONE = 'ningxiang-htz';
const LISTING = 'ningxiang-htz.listing';
const FY = currentFiscalYear();

jest.setTimeout(600_000);

interface ImportBody {
  id: string;
  rows: number;
  written: number;
  unchanged: number;
  rejected: number;
  errors: { row: number; field: string; message: string }[];
}

/** A facts CSV (UTF-8, the feed header) with these data lines. */
function csv(lines: string[]): Buffer {
  return Buffer.from(['uscc,key,period,value,source,idNumber', ...lines, ''].join('\r\n'), 'utf8');
}

/** The same feed as an XLSX workbook (one worksheet; a company fact's idNumber cell left empty). */
async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('企业数据');
  sheet.addRow(['uscc', 'key', 'period', 'value', 'source', 'idNumber']);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * The policy admin's data journey in the browser against the real api and worker: imports a facts file
 * with one bad row and reads the row's error in Chinese, imports the corrected file, then starts an
 * auto-grant sweep, watches its progress to the end and sees the offer it made. API state is checked
 * after each step.
 */
describe('web console: policy data (fact imports, auto-grant sweeps)', () => {
  let browser: Browser;
  let page: Page;
  let policyAdmin: TestUser;
  let fed: TestEnterprise;
  let listed: TestEnterprise;
  let listingTitle: string;

  beforeAll(async () => {
    policyAdmin = await createStaff('policy_admin', ZONE);
    [fed, listed] = await Promise.all([registerEnterprise(ZONE), registerEnterprise(ZONE)]);
    const programs = (await api().get('/programs').set(bearer(policyAdmin.token)).expect(200)).body as {
      code: string;
      title: { zh: string };
    }[];
    listingTitle = programs.find((p) => p.code === LISTING)!.title.zh;
    browser = await launchBrowser();
    const context = await newSession(browser, { token: policyAdmin.token });
    page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('imports a file with one bad row, shows that row’s error in Chinese, then imports the corrected file', async () => {
    const code = fed.uscc;
    const good = `${code},rnd_expense_fen,${FY - 1},120000000,tax_bureau,`;
    await page.goto(consoleUrl('/'));
    await page.getByRole('menuitem', { name: '数据导入' }).click();
    await page.getByRole('heading', { name: '数据导入', level: 1 }).waitFor();
    const [template] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载模板' }).click(),
    ]);
    expect(template.suggestedFilename()).toBe('企业数据导入模板.csv');
    await checkPage(page, 'policy-data-imports');

    await page.locator('input[type=file]').setInputFiles({
      name: '税务数据.csv',
      mimeType: 'text/csv',
      buffer: csv([good, `${code},employees,25,80,tax_bureau,`]),
    });
    await page.getByRole('heading', { name: '导入结果：税务数据.csv' }).waitFor();
    await page.getByText('1 行有错误未写入，1 项数据已写入。').waitFor();
    const errorRow = page.getByRole('row').filter({ hasText: '该数据项按年度记录' });
    await errorRow.getByRole('cell', { name: '2', exact: true }).waitFor();
    await errorRow.getByRole('cell', { name: '年度', exact: true }).waitFor();
    await checkPage(page, 'policy-data-import-errors');

    const firstId = new URL(page.url()).pathname.split('/').pop()!;
    const first = (await api().get(`/facts/imports/${firstId}`).set(bearer(policyAdmin.token)).expect(200))
      .body as ImportBody;
    expect(first).toMatchObject({ rows: 2, written: 1, rejected: 1 });
    expect(first.errors).toEqual([expect.objectContaining({ row: 2, field: 'period' })]);

    // The corrected file comes back as a spreadsheet.
    await page.getByRole('link', { name: '返回导入记录' }).click();
    await page.locator('input[type=file]').setInputFiles({
      name: '税务数据（更正）.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await xlsx([
        [code, 'rnd_expense_fen', FY - 1, 120_000_000, 'tax_bureau'],
        [code, 'employees', FY - 1, 80, 'tax_bureau'],
      ]),
    });
    await page.getByRole('heading', { name: '导入结果：税务数据（更正）.xlsx' }).waitFor();
    await page.getByText('全部正确，1 项数据已写入。').waitFor();
    const secondId = new URL(page.url()).pathname.split('/').pop()!;
    const second = (await api().get(`/facts/imports/${secondId}`).set(bearer(policyAdmin.token)).expect(200))
      .body as ImportBody;
    expect(second).toMatchObject({
      format: 'xlsx',
      rows: 2,
      written: 1,
      unchanged: 1,
      rejected: 0,
      errors: [],
    });
    const facts = (
      await api().get(`/enterprises/${fed.enterpriseId}/facts`).set(bearer(fed.token)).expect(200)
    ).body.items as { key: string; period: string; value: number }[];
    expect(facts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'rnd_expense_fen', period: String(FY - 1), value: 120_000_000 }),
        expect.objectContaining({ key: 'employees', period: String(FY - 1), value: 80 }),
      ]),
    );

    await page.getByRole('link', { name: '返回导入记录' }).click();
    await page.getByRole('link', { name: '税务数据（更正）.xlsx' }).waitFor();
    await page.getByRole('link', { name: '税务数据.csv', exact: true }).waitFor();
  });

  it('starts a sweep, follows its progress to the end and sees the offer it made', async () => {
    // A listing already in the database (fed before this test, without a targeted check): only a sweep finds it.
    await seedFact([listed.enterpriseId], {
      key: 'listing',
      value: { exchange: 'SSE', ticker: '688321', listedOn: `${FY}-04-08` },
      source: 'stock_exchange',
    });
    expect(await offersOf(listed.token, LISTING)).toEqual([]);

    await page.getByRole('menuitem', { name: '免申即享核查' }).click();
    await page.getByRole('heading', { name: '免申即享核查', level: 1 }).waitFor();
    await choose(page, '政策项目', listingTitle);
    await page.getByLabel('年度', { exact: true }).fill(String(FY));
    await checkPage(page, 'policy-data-sweeps');
    await page.getByRole('button', { name: '开始核查' }).click();

    await page.getByRole('heading', { name: `核查：${listingTitle}（${FY} 年度）` }).waitFor();
    await page.getByRole('progressbar', { name: '核查进度' }).waitFor();
    await page.getByRole('status').getByText('已完成').waitFor({ timeout: 180_000 });
    expect(await page.getByRole('progressbar', { name: '核查进度' }).getAttribute('aria-valuenow')).toBe(
      '100',
    );
    await page.getByRole('row').filter({ hasText: listed.name }).getByText('¥1,000,000.00').waitFor();
    await checkPage(page, 'policy-data-sweep-done');

    const sweepId = new URL(page.url()).pathname.split('/').pop()!;
    const sweep = (
      await api().get(`/auto-grant-sweeps/${sweepId}`).set(bearer(policyAdmin.token)).expect(200)
    ).body as {
      status: string;
      processed: number;
      total: number;
      offersCreated: number;
      programCode: string;
    };
    expect(sweep).toMatchObject({ status: 'completed', programCode: LISTING, fiscalYear: FY });
    expect(sweep.processed).toBe(sweep.total);
    expect(sweep.offersCreated).toBeGreaterThanOrEqual(1);
    await page.getByText(String(sweep.offersCreated), { exact: true }).first().waitFor();
    const [offer] = await offersOf(listed.token, LISTING);
    expect(offer).toMatchObject({ state: 'offered', computedAmountFen: 100_000_000, fiscalYear: FY });

    await page.getByRole('link', { name: '返回核查记录' }).click();
    await page.getByRole('row').filter({ hasText: listingTitle }).getByText('已完成').first().waitFor();
  });
});
