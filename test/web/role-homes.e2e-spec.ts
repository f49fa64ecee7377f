import type { Browser } from 'playwright-core';
import { checkPage, consoleUrl, expectAccessible, launchBrowser, sessionAs } from '../support/browser';

const ZONE = 'changsha-etdz';
const ROLE_NAMES: Record<string, string> = {
  officer: '经办人员',
  director: '审批领导',
  expert: '评审专家',
  finance: '财务人员',
  policy_admin: '政策管理员',
  auditor: '审计人员',
};

// A browser's first page on a loaded machine can take a while: generous bounds, no sleeps.
jest.setTimeout(180_000);

describe('web console: each staff role signs in to its home', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(Object.entries(ROLE_NAMES))(
    '%s sees its home with the zone and its role',
    async (role, roleName) => {
      const { context, user } = await sessionAs(browser, role, ZONE);
      const page = await context.newPage();
      await page.goto(consoleUrl('/'));
      await page.getByRole('heading', { name: `${user.username}，您好` }).waitFor();
      await page.getByText(`您以「${roleName}」身份登录长沙经济技术开发区。`).waitFor();
      await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '首页' }).waitFor();
      await checkPage(page, `home-${role}`);

      await page.goto(consoleUrl('/no-such-page'));
      await page.getByRole('heading', { name: '页面不存在' }).waitFor();
      if (role === 'officer') await checkPage(page, 'not-found');
      await context.close();
    },
  );

  // Every journey relies on this scan: it must catch what it claims to, after client-side navigation too.
  it('the accessibility scan fails on a serious violation, naming it', async () => {
    const { context } = await sessionAs(browser, 'officer', ZONE);
    const page = await context.newPage();
    await page.goto(consoleUrl('/'));
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '首页' }).waitFor();
    await expectAccessible(page, 'clean home');
    await page.evaluate(() => {
      const doc = (
        globalThis as unknown as {
          document: { querySelector(s: string): { insertAdjacentHTML(p: string, h: string): void } };
        }
      ).document;
      doc
        .querySelector('main')!
        .insertAdjacentHTML('beforeend', '<img src="/app/no-such.png"><button></button>');
    });
    const failure = await expectAccessible(page, 'broken home').then(
      () => new Error('the scan passed a page with a nameless button and an image without alt'),
      (error: Error) => error,
    );
    expect(failure.message).toMatch(/image-alt \(critical\)/);
    expect(failure.message).toMatch(/button-name \(critical\)/);
    await context.close();
  });
});
