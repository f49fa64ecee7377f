import { Workbook } from 'exceljs';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { currentFiscalYear } from '../auto-grants/support';
import { api, bearer, createStaff } from '../support/api-client';
import { act, castFor, uploadDocument, waitForState, type ZoneCast } from '../support/applications';
import { checkPage, consoleUrl, expectNoRawCodes, launchBrowser, newSession } from '../support/browser';

const ZONE = 'changsha-etdz';
// Always reviewed by experts; the amount is set by review (up to 5,000,000 yuan).
const PROGRAM = `${ZONE}.achievement-transformation`;
const PROGRAM_TITLE = '重大科技成果转化项目奖励';
const FY = currentFiscalYear();

// A browser's first page on a loaded machine can take a while: generous bounds, no sleeps.
jest.setTimeout(600_000);

async function check(page: Page, name: string): Promise<void> {
  await expectNoRawCodes(page);
  await checkPage(page, `officer-journey-${name}`);
}

/** Fails the test on any uncaught error of the page. */
function watch(page: Page): Page {
  page.on('pageerror', (error) => {
    throw error;
  });
  return page;
}

describe('web console: the officer and the expert review a case', () => {
  let browser: Browser;
  let cast: ZoneCast;
  beforeAll(async () => {
    [browser, cast] = await Promise.all([launchBrowser(), castFor(ZONE, PROGRAM, FY, 10_000_000_000)]);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('searches, opens, takes, returns, approves with an amount in yuan; the expert scores it', async () => {
    const enterprise = cast.enterprise;
    // 1. The enterprise applies (API).
    const projectName = `固态电池电解质产业化-${randomBytes(2).toString('hex')}`;
    const created = await api()
      .post('/applications')
      .set(bearer(enterprise.token))
      .send({
        programCode: PROGRAM,
        fiscalYear: FY,
        form: {
          projectName,
          projectSummary: '将湖南大学研发的固态电解质技术在园区内产业化',
          achievementSource: 'university',
          implementedInZone: true,
          totalInvestmentFen: 6_000_000_000,
        },
      })
      .expect(201);
    const id = created.body.id as string;
    const reference = created.body.reference as string;
    for (const doc of ['project-proposal', 'achievement-ownership', 'investment-evidence']) {
      await uploadDocument(enterprise.token, id, doc).expect(201);
    }
    await api().post(`/applications/${id}/submit`).set(bearer(enterprise.token)).send({}).expect(200);
    await waitForState(cast.officer.token, id, 'first_review', 120_000);
    // Whoever the worker assigned it to, a colleague holds it now: our officer has to take it.
    const colleague = await createStaff('officer', ZONE);
    await api()
      .post(`/applications/${id}/assignment`)
      .set(bearer(colleague.token))
      .send({ action: 'take' })
      .expect(200);

    // 2. The officer's inbox: search by case number, the countdown, the export.
    const officerContext = await newSession(browser, { token: cast.officer.token });
    const page = watch(await officerContext.newPage());
    await page.goto(consoleUrl('/'));
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '审核工作台' }).click();
    await page.getByRole('heading', { name: '审核工作台', level: 1 }).waitFor();
    await page.getByLabel('搜索').fill(reference);
    await page.getByRole('button', { name: '搜索' }).click();
    const row = page.getByRole('row').filter({ hasText: reference });
    await row.waitFor();
    expect(await page.getByRole('row').filter({ hasText: enterprise.name }).count()).toBe(1);
    await row.getByText(PROGRAM_TITLE).waitFor();
    await row.getByText('初审中').waitFor();
    await row.getByText(/剩 \d+ 个工作日|今日到期/).waitFor();
    await row.getByText('其他经办人').waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe(reference);
    await check(page, 'inbox-search');

    // The list as Excel, through the API with the same search.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const book = new Workbook();
    await book.xlsx.load(readFileSync((await download.path()) ?? '') as unknown as ArrayBuffer);
    const cells = book.worksheets[0]
      .getSheetValues()
      .flatMap((r) => (Array.isArray(r) ? r.map((c) => String(c ?? '')) : []));
    expect(cells).toContain(reference);
    expect(book.worksheets[0].rowCount).toBe(2);

    // 3. The case page: form with labels, documents inline, evidence, history verified.
    await row.getByRole('link', { name: reference }).click();
    await page.getByRole('heading', { name: `审核 ${reference}`, level: 1 }).waitFor();
    expect(page.url()).toContain(`/review/applications/${id}`);
    await page.getByRole('row').filter({ hasText: '项目名称' }).getByText(projectName).waitFor();
    await page.getByText('¥60,000,000.00').first().waitFor();
    const preview = page.getByTestId('document-preview');
    await preview.waitFor();
    const src = (await preview.getAttribute('src')) ?? '';
    expect(src).toMatch(/^blob:/);
    // The frame loaded the blob (a frame the CSP refused would show chrome's error page instead).
    const frame = await (await preview.elementHandle())?.contentFrame();
    await frame?.waitForLoadState('load');
    expect(frame?.url()).toBe(src);
    await page.getByRole('heading', { name: '资格审查依据' }).waitFor();
    await page.getByText('符合条件', { exact: true }).waitFor();
    await page.getByText(/审计链校验通过：共 \d+ 条记录/).waitFor();
    await page.getByText('此案件由其他经办人办理，认领后才能审核。').waitFor();
    // Not the officer's case yet: nothing but taking it.
    expect(await page.getByRole('button', { name: '退回补正' }).count()).toBe(0);
    await check(page, 'case-colleague');

    // 4. Takes it, returns it with a comment.
    await page.getByRole('button', { name: '认领' }).click();
    await page.getByRole('button', { name: '退回补正' }).click();
    const dialog = page.getByRole('dialog', { name: '退回补正' });
    await dialog.getByRole('button', { name: /确\s*认/ }).click();
    await dialog.getByText('请填写意见').waitFor();
    await dialog.getByLabel('意见').fill('请补充成果权属证明的签章页');
    await checkPage(page, 'officer-journey-return-dialog');
    await dialog.getByRole('button', { name: /确\s*认/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('退回补正中').first().waitFor();
    await page.getByRole('cell', { name: '请补充成果权属证明的签章页' }).waitFor();
    const returned = await api().get(`/applications/${id}`).set(bearer(cast.officer.token)).expect(200);
    expect(returned.body).toMatchObject({ state: 'amending', assigneeId: cast.officer.id });
    const history = await api()
      .get(`/applications/${id}/history`)
      .set(bearer(cast.officer.token))
      .expect(200);
    expect(history.body.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['assignment.taken', 'return']),
    );

    // 5. The enterprise amends and resubmits (API).
    await api()
      .patch(`/applications/${id}`)
      .set(bearer(enterprise.token))
      .send({ form: { totalInvestmentFen: 6_500_000_000 } })
      .expect(200);
    await act(enterprise.token, id, { type: 'resubmit' }).expect(200);
    await waitForState(cast.officer.token, id, 'first_review', 120_000);

    // 6. The officer approves with an amount typed in yuan.
    await page.reload();
    await page.getByRole('heading', { name: `审核 ${reference}`, level: 1 }).waitFor();
    await page.getByText('¥65,000,000.00').first().waitFor();
    await page.getByRole('button', { name: '审核通过' }).click();
    const approve = page.getByRole('dialog', { name: '审核通过' });
    await approve.getByLabel('金额（元）').fill('1,200,000.50');
    await approve.getByLabel('意见').fill('建议 120 万元');
    await approve.getByRole('button', { name: /确\s*认/ }).click();
    await approve.waitFor({ state: 'hidden' });
    await page.getByText('专家评审中').first().waitFor();
    const approved = await api().get(`/applications/${id}`).set(bearer(cast.director.token)).expect(200);
    expect(approved.body).toMatchObject({ state: 'expert_review', recommendedAmountFen: 120_000_050 });
    await page.getByRole('row').filter({ hasText: '经办人建议金额' }).getByText('¥1,200,000.50').waitFor();
    await check(page, 'case-approved');
    await officerContext.close();

    // 7. The expert follows the notification's link signed out, signs in and lands on the review page.
    const expertContext = await newSession(browser);
    const expertPage = watch(await expertContext.newPage());
    await expertPage.goto(consoleUrl(`/applications/${id}`));
    await expertPage.getByRole('heading', { name: '登录' }).waitFor();
    await expertPage.getByLabel('用户名').fill(cast.expert.username);
    await expertPage.getByLabel('密码').fill(cast.expert.password);
    await expertPage.getByRole('button', { name: /登\s*录/ }).click();
    await expertPage.getByRole('heading', { name: `审核 ${reference}`, level: 1 }).waitFor();
    expect(expertPage.url()).toContain(`/review/applications/${id}`);
    await expertPage.getByText('经办人建议金额：¥1,200,000.50').waitFor();
    await check(expertPage, 'expert-review');

    await expertPage.getByRole('button', { name: '提交评审意见' }).click();
    await expertPage.getByText('请填写 0 到 100 的整数评分').waitFor();
    await expertPage.getByLabel('评分（0–100）').fill('88');
    await expertPage.getByLabel('评审意见').fill('技术先进，产业化前景好');
    await expertPage.getByRole('button', { name: '提交评审意见' }).click();
    await expertPage.getByRole('heading', { name: '专家评审' }).waitFor({ state: 'detached' });
    await expertPage.getByRole('cell', { name: /技术先进，产业化前景好/ }).waitFor();
    const after = await api().get(`/applications/${id}/history`).set(bearer(cast.director.token)).expect(200);
    expect(after.body.find((e: { action: string }) => e.action === 'expert_approve')).toMatchObject({
      actorId: cast.expert.id,
      comment: '技术先进，产业化前景好',
      data: expect.objectContaining({ event: expect.objectContaining({ score: 88 }) }),
    });
    const reviewed = await api().get(`/applications/${id}`).set(bearer(cast.director.token)).expect(200);
    expect(reviewed.body.state).not.toBe('expert_review');
    await expertContext.close();

    // 8. The enterprise's own page still opens for the enterprise at the same path.
    const ownContext = await newSession(browser, { token: enterprise.token });
    const own = watch(await ownContext.newPage());
    await own.goto(consoleUrl(`/applications/${id}`));
    await own.getByRole('heading', { name: `申报 ${reference}` }).waitFor();
    expect(own.url()).toContain(`/applications/${id}`);
    expect(own.url()).not.toContain('/review/');
    await ownContext.close();
  });
});
