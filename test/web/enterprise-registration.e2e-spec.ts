import type { Browser } from 'playwright-core';
import { api, bearer, makeUscc, uniqueName } from '../support/api-client';
import { checkPage, consoleUrl, launchBrowser, newSession } from '../support/browser';

const ZONE_NAME = '宁乡高新技术产业园区';

/** A USCC with a wrong 18th (check) character. */
function withWrongCheckCharacter(uscc: string): string {
  return uscc.slice(0, 17) + (uscc[17] === '0' ? '1' : '0');
}

// A browser's first page on a loaded machine can take a while: generous bounds, no sleeps.
jest.setTimeout(180_000);

describe('web console: an enterprise registers, signs in and follows a deep link', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('registers in the browser, switches language, and returns to a deep link after sign-in', async () => {
    const context = await newSession(browser);
    const page = await context.newPage();
    const username = uniqueName('web').toLowerCase();
    const password = `pw-${uniqueName('x')}`;
    const name = uniqueName('浏览器测试科技有限公司');
    const uscc = makeUscc();

    // Signed out, the console opens at sign-in.
    await page.goto(consoleUrl('/'));
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await checkPage(page, 'sign-in');

    await page.getByRole('link', { name: '注册企业' }).click();
    await page.getByRole('heading', { name: '企业注册' }).waitFor();

    // A wrong check character is shown at the field while typing, in Chinese.
    const usccField = page.getByLabel('统一社会信用代码');
    await usccField.fill(withWrongCheckCharacter(uscc));
    await page.getByText('统一社会信用代码校验位不正确，请核对后重新输入').waitFor();
    await checkPage(page, 'register-uscc-error');
    await usccField.fill(uscc);
    await page.getByText('统一社会信用代码校验位不正确，请核对后重新输入').waitFor({ state: 'detached' });

    await page.getByLabel('企业名称').fill(name);
    await page.getByLabel('所在园区').click();
    // antd's visible options carry the name as their title (its role=option list is for screen readers).
    await page.getByTitle(ZONE_NAME).click();
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByLabel('确认密码').fill(password);
    await page.getByRole('button', { name: '注册', exact: true }).click();

    // Registered and signed in: the enterprise's home, its name in the top bar.
    await page.getByRole('heading', { name: `${username}，您好` }).waitFor();
    await page.getByText(name).waitFor();
    await checkPage(page, 'home-enterprise');

    // English and back; the choice survives a reload.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: `Hello, ${username}` }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: `Hello, ${username}` }).waitFor();
    await checkPage(page, 'home-enterprise-en');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: `${username}，您好` }).waitFor();

    // A case of this enterprise, as a notification email would link to it.
    const token = await page.evaluate<string | null>('localStorage.getItem("huiqi.accessToken")');
    const draft = await api()
      .post('/applications')
      .set(bearer(token ?? ''))
      .send({ programCode: 'ningxiang-htz.platform-construction', form: {} });
    expect(draft.status).toBe(201);

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('heading', { name: '登录' }).waitFor();

    await page.goto(consoleUrl(`/applications/${draft.body.id}`));
    await page.getByRole('heading', { name: '登录' }).waitFor();
    expect(new URL(page.url()).searchParams.get('returnTo')).toBe(`/applications/${draft.body.id}`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录', exact: true }).click();

    await page.getByRole('heading', { name: `申报 ${draft.body.reference}` }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/app/applications/${draft.body.id}`);
    await checkPage(page, 'application-deep-link');
    await context.close();
  });

  it('answers an unknown console path with the 404 page, and a wrong password at the form', async () => {
    const context = await newSession(browser);
    const page = await context.newPage();
    await page.goto(consoleUrl('/'));
    await page.getByLabel('用户名').fill(uniqueName('nobody').toLowerCase());
    await page.getByLabel('密码').fill('wrong-password-123');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('alert').waitFor();
    await checkPage(page, 'sign-in-refused');
    await context.close();
  });
});
