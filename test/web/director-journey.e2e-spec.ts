import type { Browser, Page } from 'playwright-core';
import {
  api,
  bearer,
  createStaff,
  registerEnterprise,
  TestEnterprise,
  TestUser,
} from '../support/api-client';
import { ensurePool } from '../support/applications';
import { checkPage, choose, consoleUrl, launchBrowser, newSession } from '../support/browser';
import { privateFiscalYear } from '../finance/support/grants';
import { caseInDirectorApproval, caseInFirstReview, NATIONAL_FEN, PLATFORM } from '../staff/cases';

const ZONE = 'ningxiang-htz';
const CASES = 50;

// 50 cases through screening and first review, then a browser on a loaded machine: generous bounds, no sleeps.
jest.setTimeout(600_000);

interface Labels {
  groups: Record<string, Record<string, { zh: string; en: string }>>;
}

/** Integer fen as the console shows it: ¥1,234.56. */
function yuan(fen: number): string {
  const whole = String(Math.floor(fen / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `¥${whole}.${String(fen % 100).padStart(2, '0')}`;
}

/** Runs `make` for each index, `width` at a time. */
async function inParallel<T>(count: number, width: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array<T>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await make(i);
      }
    }),
  );
  return out;
}

/**
 * The director's journey in the browser against the real api and worker: 50 cases wait for approval;
 * the director filters them, selects all matching, approves them with one comment, watches the worker's
 * progress reach 100% and reads the report; moves a case to another officer; and reads the dashboard.
 */
describe('web console: the director’s console (bulk approval, reassignment, dashboard)', () => {
  let browser: Browser;
  let page: Page;
  let labels: Labels;
  let fy: number;
  let enterprise: TestEnterprise;
  let officer: TestUser;
  let officer2: TestUser;
  let director: TestUser;
  let finance: TestUser;
  let poolId: string;
  let ids: string[];
  let firstReviewId: string;
  let programTitle: string;

  beforeAll(async () => {
    fy = await privateFiscalYear();
    [officer, officer2, director, finance] = await Promise.all([
      createStaff('officer', ZONE),
      createStaff('officer', ZONE),
      createStaff('director', ZONE),
      createStaff('finance', ZONE),
    ]);
    enterprise = await registerEnterprise(ZONE);
    poolId = await ensurePool(finance.token, PLATFORM, fy, (CASES + 1) * NATIONAL_FEN);
    ids = await inParallel(CASES, 5, () => caseInDirectorApproval(enterprise, officer, fy));
    firstReviewId = await caseInFirstReview(enterprise, officer, fy);
    labels = (await api().get('/labels').expect(200)).body as Labels;
    const programs = (await api().get('/programs').set(bearer(director.token)).expect(200)).body as {
      code: string;
      title: { zh: string };
    }[];
    programTitle = programs.find((p) => p.code === PLATFORM)!.title.zh;
    browser = await launchBrowser();
    const context = await newSession(browser, { token: director.token });
    page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('bulk-approves all 50 matching cases with one comment, following the progress to a report', async () => {
    await page.goto(consoleUrl('/'));
    await page.getByRole('menuitem', { name: '批量审批' }).click();
    await page.getByRole('heading', { name: '批量审批', level: 1 }).waitFor();

    await choose(page, '政策', programTitle);
    await page.getByLabel('搜索', { exact: true }).fill(enterprise.name);
    await page.getByLabel('搜索', { exact: true }).press('Enter');
    const all = page.getByRole('checkbox', { name: `选择全部符合筛选条件的案件（共 ${CASES} 件）` });
    await all.waitFor();
    await checkPage(page, 'director-bulk-filtered');
    await all.check();
    await page.getByTestId('bulk-selected-count').getByText(`已选 ${CASES} 件`).waitFor();

    await page.getByLabel('审批意见（对所选案件统一适用）').fill('经审核，同意（批量审批）');
    await page.getByRole('button', { name: `提交批量审批（${CASES} 件）` }).click();
    const confirm = page.getByRole('dialog', { name: `确认批准 ${CASES} 件案件？` });
    await confirm.getByText('审批意见：经审核，同意（批量审批）').waitFor();
    await confirm.getByRole('button', { name: '确认提交' }).click();
    await confirm.waitFor({ state: 'hidden' });

    // The worker runs it: the bar follows the progress until every case is done.
    const run = page.getByTestId('bulk-run');
    await run.getByRole('progressbar').waitFor();
    await run.getByText(`已办理 ${CASES} / ${CASES} 件`).waitFor({ timeout: 180_000 });
    await run.getByRole('progressbar').getByText('100%').waitFor();
    await run.getByRole('heading', { name: '办理结果' }).waitFor();
    await run.getByTestId('bulk-succeeded').getByText(String(CASES)).waitFor();
    await run.getByTestId('bulk-failed').getByText('0', { exact: true }).waitFor();
    expect(page.url()).toMatch(/\/director\/bulk-approval\?run=[0-9a-f-]{36}$/);
    const publicity = labels.groups.applicationState.publicity.zh;
    await run.getByRole('cell', { name: publicity }).first().waitFor();
    await checkPage(page, 'director-bulk-report');

    // The report is what the API recorded, and every case moved on with the comment.
    const runId = new URL(page.url()).searchParams.get('run')!;
    const report = (await api().get(`/bulk-actions/${runId}`).set(bearer(director.token)).expect(200))
      .body as {
      succeeded: number;
      failed: number;
      items: { applicationId: string; outcome: string; stateAfter: string }[];
    };
    expect(report).toMatchObject({ succeeded: CASES, failed: 0 });
    expect(report.items.map((i) => i.applicationId).sort()).toEqual([...ids].sort());
    expect(new Set(report.items.map((i) => i.stateAfter))).toEqual(new Set(['publicity']));
    const history = await api()
      .get(`/applications/${ids[0]}/history`)
      .set(bearer(director.token))
      .expect(200);
    expect(history.body.map((e: { comment: string | null }) => e.comment)).toContain(
      '经审核，同意（批量审批）',
    );

    // The export is offered as a CSV file of the report.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      run.getByRole('button', { name: '导出结果（CSV）' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^bulk-approve-[0-9a-f]{8}\.csv$/);
  });

  it('moves one case to another officer, chosen by name', async () => {
    const reference = (
      await api().get(`/applications/${firstReviewId}`).set(bearer(director.token)).expect(200)
    ).body.reference as string;
    await page.getByRole('menuitem', { name: '转办' }).click();
    await page.getByRole('heading', { name: '转办', level: 1 }).waitFor();
    await page.getByRole('searchbox', { name: '按案件编号、企业名称或信用代码搜索' }).fill(reference);
    await page.getByRole('searchbox', { name: '按案件编号、企业名称或信用代码搜索' }).press('Enter');
    await page.getByRole('button', { name: `转办案件 ${reference}` }).click();
    const dialog = page.getByRole('dialog', { name: `转办案件 ${reference}` });
    await dialog.waitFor();
    await choose(dialog, '转给经办人', officer2.username, { type: true });
    await dialog.getByLabel('转办说明（选填）').fill('调整分工');
    await checkPage(page, 'director-reassign-dialog');
    await dialog.getByRole('button', { name: '确认转办' }).click();
    await page.getByText(`案件 ${reference} 已转给${officer2.username}`).waitFor();
    const moved = await api().get(`/applications/${firstReviewId}`).set(bearer(director.token)).expect(200);
    expect(moved.body.assigneeId).toBe(officer2.id);
    await page
      .getByRole('row', { name: new RegExp(reference) })
      .getByText(officer2.username)
      .waitFor();
    await checkPage(page, 'director-reassignment');
  });

  it('shows the dashboard’s figures as the API computes them', async () => {
    await page.getByRole('menuitem', { name: '数据看板' }).click();
    await page.getByRole('heading', { name: '数据看板', level: 1 }).waitFor();
    await choose(page, '资金年度', String(fy));
    const figures = (
      await api().get('/dashboard').query({ fiscalYear: fy }).set(bearer(director.token)).expect(200)
    ).body as {
      approvedCount: number;
      paidCount: number;
      overdueCount: number;
      states: { state: string; count: number }[];
    };
    for (const [id, value] of [
      ['stat-approved', figures.approvedCount],
      ['stat-paid', figures.paidCount],
      ['stat-overdue', figures.overdueCount],
    ] as const) {
      await page.getByTestId(id).getByText(String(value), { exact: true }).waitFor();
    }

    // This fiscal year's pool: 51 grants' worth allocated, the 50 approved ones reserved.
    const funds = page.getByTestId('chart-funds');
    await funds.locator('canvas').first().waitFor();
    await funds.getByText('表格', { exact: true }).click();
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const row = funds.getByRole('row', { name: new RegExp(month) });
    await row.getByRole('cell', { name: yuan((CASES + 1) * NATIONAL_FEN) }).waitFor();
    await row.getByRole('cell', { name: yuan(CASES * NATIONAL_FEN), exact: true }).waitFor();
    await row.getByRole('cell', { name: yuan(NATIONAL_FEN), exact: true }).waitFor();
    const pool = (await api().get(`/fund-pools/${poolId}`).set(bearer(finance.token)).expect(200)).body;
    expect(pool).toMatchObject({ reservedFen: CASES * NATIONAL_FEN, availableFen: NATIONAL_FEN });

    // Cases by state: the publicity count is the API's (at least our 50).
    const states = page.getByTestId('chart-states');
    await states.getByText('表格', { exact: true }).click();
    const publicity = figures.states.find((s) => s.state === 'publicity')!.count;
    expect(publicity).toBeGreaterThanOrEqual(CASES);
    await states
      .getByRole('row', { name: labels.groups.applicationState.publicity.zh })
      .getByRole('cell', { name: String(publicity), exact: true })
      .waitFor();
    await checkPage(page, 'director-dashboard');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      funds.getByRole('button', { name: '导出 CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^funds-${ZONE}-\\d{4}-FY${fy}\\.csv$`));
  });
});
