import type { Browser } from 'playwright-core';
import { createStaff, registerEnterprise, TestEnterprise, TestUser } from '../support/api-client';
import { checkPage, consoleUrl, launchBrowser, newSession } from '../support/browser';

const ZONE = 'ningxiang-htz';

// A browser's first page on a loaded machine can take a while: generous bounds, no sleeps.
jest.setTimeout(600_000);

/**
 * Issue 12 in the browser: the enterprise changes its bank account and sees it waiting (待核验) beside
 * the verified one; a finance user of the zone verifies it in the queue; the enterprise then sees the
 * new account (masked) as the one in effect.
 */
describe('web console: a bank account change verified by finance', () => {
  let browser: Browser;
  let finance: TestUser;
  let enterprise: TestEnterprise;
  beforeAll(async () => {
    [browser, finance, enterprise] = await Promise.all([
      launchBrowser(),
      createStaff('finance', ZONE),
      registerEnterprise(ZONE),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the enterprise asks, finance verifies in the queue, the enterprise sees the new masked account', async () => {
    const accountNo = `6217${Date.now().toString().slice(-11)}7788`;
    const ent = await (await newSession(browser, { token: enterprise.token })).newPage();
    ent.on('pageerror', (error) => {
      throw error;
    });
    await ent.goto(consoleUrl('/enterprise/bank-account'));
    await ent.getByRole('heading', { name: '收款账户', exact: true }).waitFor();
    const before = await ent.getByTestId('masked-account').textContent();
    expect(before).toMatch(/^\*\*\*\* \*\*\*\* \d{4}$/);
    await ent.getByRole('button', { name: '变更收款账户' }).click();
    await ent.getByLabel('开户银行').fill('长沙银行宁乡支行');
    await ent.getByLabel('银行账号').fill(accountNo);
    await ent.getByLabel('联行号').fill('313551000018');
    await ent.getByRole('button', { name: /保\s*存/ }).click();
    await ent.getByTestId('bank-account-change-state').getByText('待核验').waitFor();
    await ent.getByTestId('pending-masked-account').getByText('**** **** 7788').waitFor();
    // Still the verified account in effect until finance verifies.
    expect(await ent.getByTestId('masked-account').textContent()).toBe(before);
    expect(await ent.locator('main').first().innerText()).not.toContain(accountNo);
    await checkPage(ent, 'bank-change-pending');

    const fin = await (await newSession(browser, { token: finance.token })).newPage();
    fin.on('pageerror', (error) => {
      throw error;
    });
    await fin.goto(consoleUrl('/'));
    await fin.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '收款账户核验' }).click();
    await fin.getByRole('heading', { name: '收款账户变更核验' }).waitFor();
    const row = fin.getByRole('row').filter({ hasText: enterprise.name });
    await row.getByText('**** **** 7788').waitFor();
    await row.getByText(before ?? '').waitFor();
    await row.getByText('313551000018').waitFor();
    expect(await row.innerText()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
    expect(await fin.locator('main').first().innerText()).not.toContain(accountNo);
    await checkPage(fin, 'bank-verification-queue');
    await row.getByRole('button', { name: /核验通过/ }).click();
    await fin
      .getByRole('tooltip')
      .getByRole('button', { name: /核验通过/ })
      .click();
    await fin.getByText('已核验，新账户生效').waitFor();
    await row.waitFor({ state: 'detached' });

    await ent.reload();
    await ent.getByTestId('masked-account').getByText('**** **** 7788').waitFor();
    await ent.getByText('长沙银行宁乡支行').waitFor();
    expect(await ent.getByTestId('bank-account-change').count()).toBe(0);
    await checkPage(ent, 'bank-change-verified');
  });
});
