import { Client } from 'pg';
import type { Browser, Locator, Page } from 'playwright-core';
import { api, bearer, createStaff, TestUser } from '../support/api-client';
import { checkPage, consoleUrl, launchBrowser, newSession } from '../support/browser';
import {
  connectPg,
  createTestZone,
  importRows,
  insertEnterprises,
  publishNewProgram,
  rndProgram,
} from '../catalog/support/catalog-fixtures';

// A sandbox run in the worker and a browser on a loaded machine: generous bounds, no sleeps.
jest.setTimeout(300_000);

const WAN = 10_000 * 100;
const beijingToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const FY = Number(beijingToday().slice(0, 4));

/** The antd form item around the control labelled `label`. */
const formItem = (page: Page, label: string): Locator =>
  page.locator('.ant-form-item', { has: page.getByLabel(label, { exact: true }) });

/**
 * The policy admin's journey in the browser against the real api and worker (issue 11): signs in,
 * opens a program of the zone's catalog, starts a draft, types an invalid date and sees the error at
 * that field, fixes it and changes the amount, runs the sandbox to completion (chart, gainers and
 * losers), compares the draft with the published version, publishes it and retires the program. The
 * API's state is checked after each step.
 */
describe('web console: the policy admin’s console (catalog, draft, sandbox, diff, publish, retire)', () => {
  let pg: Client;
  let zone: { id: string; code: string };
  let admin: TestUser;
  let browser: Browser;
  let page: Page;
  let code: string;

  const detail = async () =>
    (await api().get(`/programs/${code}`).set(bearer(admin.token)).expect(200)).body as {
      current: { version: number } | null;
      retirement: { lastDay: string; reason: string } | null;
      versions: { version: number; status: string; lifecycle: string; current: boolean }[];
    };

  beforeAll(async () => {
    pg = await connectPg();
    zone = await createTestZone(pg);
    let finance: TestUser;
    [admin, finance] = await Promise.all([
      createStaff('policy_admin', zone.code),
      createStaff('finance', zone.code),
    ]);
    code = `${zone.code}.rnd-reward`;
    await publishNewProgram(admin.token, rndProgram(zone.code, code));
    // Enterprise i spends i × 500,000 yuan on R&D this year: v1 (10 % from 1M, at most 500k) pays 8 of
    // them; the draft (20 % from 2M, at most 600k) pays 6, so some gain and two lose.
    const enterprises = await insertEnterprises(pg, zone.id, 10);
    const imported = await importRows(
      admin.token,
      enterprises.map((e, i) => ({
        uscc: e.uscc,
        key: 'rnd_expense_fen',
        period: String(FY),
        value: i * 50 * WAN,
        source: 'tax_bureau',
      })),
    );
    expect(imported.body).toMatchObject({ written: 10, rejected: 0 });
    await api()
      .post('/fund-pools')
      .set(bearer(finance.token))
      .send({ programCode: code, fiscalYear: FY, allocatedFen: 300 * WAN })
      .expect(201);
    browser = await launchBrowser();
    page = await (await newSession(browser)).newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
  });
  afterAll(async () => {
    await browser?.close();
    await pg?.end();
  });

  it('signs in and opens a program of the zone’s catalog with its versions', async () => {
    await page.goto(consoleUrl('/'));
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await page.getByLabel('用户名').fill(admin.username);
    await page.getByLabel('密码', { exact: true }).fill(admin.password);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('menuitem', { name: '政策目录管理' }).click();
    await page.getByRole('heading', { name: '政策目录管理', level: 1 }).waitFor();
    const row = page.getByRole('row', { name: /研发奖励（测试）/ });
    await row.getByText('已发布').waitFor();
    await row.getByText('2024年1月1日 起长期有效').waitFor();
    await checkPage(page, 'policy-catalog');

    await row.getByRole('link', { name: '研发奖励（测试）' }).click();
    await page.getByRole('heading', { name: '研发奖励（测试）', level: 1 }).waitFor();
    await page
      .getByRole('row', { name: /第 1 版/ })
      .getByText('现行')
      .waitFor();
    await checkPage(page, 'policy-program');
    expect((await detail()).versions).toEqual([
      expect.objectContaining({ version: 1, lifecycle: 'published', current: true }),
    ]);
  });

  it('starts a draft, sees an invalid date refused at its field, fixes it and saves a new amount', async () => {
    await page.getByRole('button', { name: '新建草稿' }).click();
    await page.getByRole('heading', { name: /编辑草稿：研发奖励（测试）（第 2 版）/ }).waitFor();
    expect((await detail()).versions.map((v) => [v.version, v.status])).toEqual([
      [2, 'draft'],
      [1, 'published'],
    ]);

    // An end date before the start: the API's problem lands on that field, in Chinese.
    await page.getByLabel('截止日期', { exact: true }).fill('2023-12-31');
    await page.getByRole('button', { name: '保存草稿' }).first().click();
    await formItem(page, '截止日期').getByText('必须晚于生效日期（effectiveFrom）').waitFor();
    await page.getByRole('alert').getByRole('link', { name: 'effectiveTo' }).waitFor();
    await checkPage(page, 'policy-draft-error');
    const unsaved = await api().get(`/programs/${code}/versions/2`).set(bearer(admin.token)).expect(200);
    expect(unsaved.body).toMatchObject({ revision: 1, effectiveTo: null });

    // Fixed, and the amount changed: 20 % from 2,000,000 yuan, at most 600,000.
    await page.getByLabel('截止日期', { exact: true }).fill('');
    const parameters = JSON.parse(await page.getByLabel('参数（JSON）').inputValue()) as {
      rate: { value: number };
    };
    parameters.rate.value = 2_000;
    await page.getByLabel('参数（JSON）').fill(JSON.stringify(parameters, null, 2));
    const amount = JSON.parse(await page.getByLabel('金额计算（JSON）').inputValue()) as Record<
      string,
      unknown
    >;
    await page
      .getByLabel('金额计算（JSON）')
      .fill(JSON.stringify({ ...amount, minBaseFen: 200 * WAN, capFen: 60 * WAN }, null, 2));
    await page.getByRole('button', { name: '保存草稿' }).first().click();
    await page.getByText('已保存（修订 2）').waitFor();
    // The field's error leaves with an animation: wait for it to go (it fails here if it stays).
    await formItem(page, '截止日期').locator('.ant-form-item-explain-error').waitFor({ state: 'detached' });
    const saved = await api().get(`/programs/${code}/versions/2`).set(bearer(admin.token)).expect(200);
    expect(saved.body).toMatchObject({ status: 'draft', revision: 2, effectiveTo: null });
    expect(saved.body.definition.amount).toMatchObject({ minBaseFen: 200 * WAN, capFen: 60 * WAN });
    expect(saved.body.definition.parameters.rate.value).toBe(2_000);
  });

  it('runs the draft in the sandbox: progress to completion, the cost chart, who gains and who loses', async () => {
    await page.getByRole('link', { name: '政策沙盘' }).click();
    await page.getByRole('heading', { name: /政策沙盘：研发奖励（测试）（第 2 版）/ }).waitFor();
    await page.getByRole('button', { name: '开始测算' }).click();
    await page.getByRole('progressbar', { name: '测算进度' }).waitFor();
    await page.getByText('已完成', { exact: true }).waitFor({ timeout: 120_000 });
    const runId = new URL(page.url()).searchParams.get('run')!;
    const run = await api().get(`/sandbox-runs/${runId}`).set(bearer(admin.token)).expect(200);
    expect(run.body).toMatchObject({
      status: 'completed',
      version: 2,
      baselineVersion: 1,
      fiscalYears: [FY],
    });
    expect(run.body.progress).toMatchObject({ processed: 10, total: 10 });
    const year = run.body.report.fiscalYears[0] as { gains: number; losses: number };
    expect(year.losses).toBe(2);

    await page.getByTestId('sandbox-cost').locator('canvas').waitFor();
    await page.getByTestId('sandbox-cost').getByText('¥3,000,000.00').first().waitFor();
    const changes = page.getByTestId('sandbox-changes');
    await changes.getByText('减少').first().waitFor();
    await changes.getByText('增加').first().waitFor();
    const listed = await api().get(`/sandbox-runs/${runId}/changes`).set(bearer(admin.token)).expect(200);
    expect(listed.body.total).toBe(year.gains + year.losses);
    expect(await changes.locator('tbody tr.ant-table-row').count()).toBe(listed.body.total);
    const first = listed.body.items[0] as { name: string; deltaFen: number };
    await changes.getByRole('row', { name: new RegExp(first.name) }).waitFor();
    const download = page.waitForEvent('download');
    await changes.getByRole('button', { name: '导出 CSV' }).click();
    expect((await download).suggestedFilename()).toBe(`政策沙盘变化-${code}-v2.csv`);
    await checkPage(page, 'policy-sandbox');
  });

  it('compares the draft with the published version field by field, then publishes it', async () => {
    await page.getByRole('link', { name: '返回项目' }).click();
    const diff = page.getByTestId('version-diff');
    await diff.getByText('amount.minBaseFen').waitFor();
    await diff.getByRole('row', { name: /amount\.capFen.*¥500,000\.00.*¥600,000\.00/ }).waitFor();
    await diff.getByRole('row', { name: /parameters\.rate\.value.*1000.*2000/ }).waitFor();
    await checkPage(page, 'policy-diff');

    await page.getByRole('button', { name: '发布第 2 版' }).click();
    const dialog = page.getByRole('dialog', { name: '发布第 2 版？' });
    await dialog.getByText('现行的第 1 版随即停止执行').waitFor();
    await checkPage(page, 'policy-publish-confirm');
    await dialog.getByRole('button', { name: '确认发布' }).click();
    await page.getByText('第 2 版已发布').waitFor();
    const after = await detail();
    expect(after.current?.version).toBe(2);
    expect(after.versions.map((v) => [v.version, v.status, v.lifecycle, v.current])).toEqual([
      [2, 'published', 'published', true],
      [1, 'published', 'superseded', false],
    ]);
    await page
      .getByRole('row', { name: /第 1 版/ })
      .getByText('已被新版本取代')
      .waitFor();
  });

  it('retires the program as of today: audited, shown on the page and in force no more after today', async () => {
    await page.getByRole('button', { name: '停止执行' }).click();
    const dialog = page.getByRole('dialog', { name: '停止执行本项目' });
    expect(await dialog.getByLabel('最后执行日').inputValue()).toBe(beijingToday());
    await dialog.getByLabel('原因').fill('政策到期，由新政策替代');
    await checkPage(page, 'policy-retire-confirm');
    await dialog.getByRole('button', { name: '确认停止执行' }).click();
    await page.getByText('已设置停止执行').waitFor();
    await page.getByText(/本项目执行至 .*（含当日）/).waitFor();
    await checkPage(page, 'policy-retired');

    const after = await detail();
    expect(after.retirement).toMatchObject({ lastDay: beijingToday(), reason: '政策到期，由新政策替代' });
    const audit = await pg.query(
      `SELECT 1 FROM audit_events WHERE stream = $1 AND action = 'program.retired'`,
      [`program:${code}`],
    );
    expect(audit.rowCount).toBe(1);
    const tomorrow = new Date(Date.now() + 32 * 3_600_000).toISOString().slice(0, 10);
    const listed = await api()
      .get(`/programs?asOf=${tomorrow}&zone=${zone.code}`)
      .set(bearer(admin.token))
      .expect(200);
    expect((listed.body as { code: string }[]).map((p) => p.code)).not.toContain(code);
  });
});
