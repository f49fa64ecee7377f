import type { Browser, Page } from 'playwright-core';
import { api, bearer } from '../support/api-client';
import { act, castFor, PDF, waitForState, type ZoneCast } from '../support/applications';
import { checkPage, consoleUrl, expectNoRawCodes, launchBrowser, newSession } from '../support/browser';

const PROGRAM = 'xixian-new-area.talent-project-co-funding';
const TITLE = '人才项目配套资助';

// A browser's first page on a loaded machine can take a while: generous bounds, no sleeps.
jest.setTimeout(300_000);

async function check(page: Page, name: string): Promise<void> {
  await expectNoRawCodes(page);
  await checkPage(page, name);
}

describe('web console: an enterprise finds a program, applies through the wizard, is returned and resubmits', () => {
  let browser: Browser;
  let cast: ZoneCast;
  beforeAll(async () => {
    [browser, cast] = await Promise.all([
      launchBrowser(),
      castFor('xixian-new-area', PROGRAM, new Date().getFullYear(), 10_000_000_000),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('calculator → wizard (yuan, upload, check answers) → case timeline → returned → amended and resubmitted', async () => {
    const context = await newSession(browser, { token: cast.enterprise.token });
    const page = await context.newPage();

    // Home: the to-do, and what the calculator says the enterprise may still get.
    await page.goto(consoleUrl('/'));
    await page.getByRole('heading', { name: '还可以享受的政策' }).waitFor();
    await page.getByRole('link', { name: TITLE }).first().waitFor();
    await page.getByText('没有需要补正的申报').waitFor();
    await check(page, 'portal-home');

    // 我能享受哪些政策 from the menu: the program with its "up to" amount and Apply.
    await page
      .getByRole('navigation', { name: '主菜单' })
      .getByRole('link', { name: '我能享受哪些政策' })
      .click();
    await page.getByRole('heading', { name: '我能享受哪些政策', level: 1 }).waitFor();
    const card = page.getByRole('region', { name: TITLE });
    await card.getByText('最高 ¥1,000,000.00').waitFor();
    await check(page, 'portal-calculator');

    // Its guide: required documents with their types and size.
    await card.getByRole('link', { name: '办事指南' }).click();
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    await page.getByRole('cell', { name: '项目预算' }).waitFor();
    await page.getByRole('cell', { name: 'PDF、JPG、PNG' }).first().waitFor();
    await check(page, 'portal-program-guide');
    await page.goBack();

    await page.getByRole('button', { name: `申报 ${TITLE}` }).click();
    await page.getByRole('heading', { name: `申报：${TITLE}` }).waitFor();
    const id = /\/applications\/([^/]+)\/edit/.exec(page.url())?.[1] ?? '';
    expect(id).not.toBe('');
    await page.getByText('尚不能开始').waitFor();
    await check(page, 'portal-wizard-tasks');

    // The form: nothing typed → the error summary links to each field.
    await page.getByRole('link', { name: '填写申报信息' }).click();
    await page.getByRole('button', { name: '保存并继续' }).click();
    const summary = page.getByRole('alert').filter({ hasText: '有问题需要处理' });
    await summary.getByRole('link', { name: '请填写项目名称' }).waitFor();
    await check(page, 'portal-wizard-errors');
    await summary.getByRole('link', { name: '请填写项目名称' }).click();
    expect(await page.evaluate<string>('document.activeElement ? document.activeElement.id : ""')).toBe(
      'application_form_projectName',
    );

    await page.getByLabel('项目名称').fill('秦创原高端人才项目');
    await page.getByLabel('省级').check();
    await page.getByLabel('项目总额（元）').fill('1234567.89');
    await page.getByLabel('资助文件文号').fill('陕科发〔2026〕12号');
    await page.getByRole('button', { name: '保存并继续' }).click();

    // Documents: one upload per required type, with its allowed types and size.
    await page.getByRole('heading', { name: '上传申报材料' }).waitFor();
    await page.getByText('允许格式：PDF、JPG、PNG；单个文件不超过 20 MB').first().waitFor();
    await page
      .getByLabel('选择文件上传：上级资助（立项）文件')
      .setInputFiles({ name: 'funding.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByText('funding.pdf').waitFor();
    await page
      .getByLabel('选择文件上传：项目预算')
      .setInputFiles({ name: 'budget.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByText('budget.pdf').waitFor();
    await check(page, 'portal-wizard-documents');

    // The yuan typed became exact fen.
    const saved = await api().get(`/applications/${id}`).set(bearer(cast.enterprise.token)).expect(200);
    expect(saved.body.form).toMatchObject({
      projectTotalFen: 123456789,
      fundingAuthorityLevel: 'provincial',
    });

    // Check your answers, with what screening would say.
    await page.getByRole('button', { name: '继续' }).click();
    await page.getByRole('heading', { name: '核对并提交' }).waitFor();
    await page.getByText('¥1,234,567.89').waitFor();
    await page.getByText('按现有数据，资格审查可以通过。').waitFor();
    await check(page, 'portal-check-answers');
    await page.getByRole('button', { name: '提交申报' }).click();

    // The case page: timeline and who acts next.
    const reference = saved.body.reference as string;
    await page.getByRole('heading', { name: `申报 ${reference}` }).waitFor();
    await page.getByRole('heading', { name: '办理记录' }).waitFor();
    await waitForState(cast.officer.token, id, 'first_review', 60_000);
    await page.reload();
    await page.getByText('园区经办人员审核').first().waitFor();
    await check(page, 'portal-case-submitted');

    // The officer returns it with a comment (through the API).
    await api()
      .post(`/applications/${id}/assignment`)
      .set(bearer(cast.officer.token))
      .send({ action: 'take' })
      .expect(200);
    await act(cast.officer.token, id, { type: 'return', comment: '请补充项目预算明细' }).expect(200);

    // Home shows it to amend, with its deadline; the case page shows the comment.
    await page.goto(consoleUrl('/'));
    await page.getByRole('link', { name: reference }).waitFor();
    await page
      .getByText(/前补正$/)
      .first()
      .waitFor();
    await check(page, 'portal-home-returned');
    await page.getByRole('link', { name: reference }).click();
    await page.getByText('申报已退回补正').waitFor();
    await page.getByText('请补充项目预算明细').first().waitFor();
    await check(page, 'portal-case-returned');

    // Amend the amount and resubmit.
    await page.getByRole('button', { name: '修改并重新提交' }).click();
    await page.getByRole('link', { name: '填写申报信息' }).click();
    await page.getByLabel('项目总额（元）').fill('1500000');
    await page.getByRole('button', { name: '保存并继续' }).click();
    await page.getByRole('heading', { name: '上传申报材料' }).waitFor();
    await page.getByRole('button', { name: '继续' }).click();
    await page.getByText('¥1,500,000.00').waitFor();
    await page.getByRole('button', { name: '重新提交' }).click();
    await page.getByRole('heading', { name: `申报 ${reference}` }).waitFor();
    const back = await waitForState(cast.officer.token, id, 'first_review', 60_000);
    expect(back.form).toMatchObject({ projectTotalFen: 150000000 });
    await page.reload();
    await page.getByText('请补充项目预算明细').first().waitFor();
    await check(page, 'portal-case-resubmitted');
    await context.close();
  });
});
