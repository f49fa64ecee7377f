import type { Browser, Page } from 'playwright-core';
import {
  api,
  bearer,
  createStaff,
  registerEnterprise,
  setVerifiedBankAccount,
  TestUser,
} from '../support/api-client';
import { castFor, ensurePool, PDF, uploadDocument, waitForState, ZoneCast } from '../support/applications';
import { currentFiscalYear, eventually, offersOf, recordFact } from '../auto-grants/support';
import { checkPage, consoleUrl, launchBrowser, newSession, opened, screenshot } from '../support/browser';

const ZONE = 'ningxiang-htz';
const EQUIPMENT = 'ningxiang-htz.equipment-upgrading';
const HIGH_TECH = 'ningxiang-htz.high-tech-enterprise';
const FY = currentFiscalYear();

// A browser's first page on a loaded machine can take a while: generous bounds, no sleeps.
jest.setTimeout(240_000);

interface Labels {
  groups: Record<string, Record<string, { zh: string; en: string }>>;
}

/** A page that fails the test on an uncaught page error (a broken screen must not pass silently). */
async function openPage(browser: Browser, token?: string): Promise<Page> {
  const context = await newSession(browser, token ? { token } : {});
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  return page;
}

describe('web console: enterprise portal part B (offers, inbox, declared facts, 公示)', () => {
  let browser: Browser;
  let labels: Labels;
  beforeAll(async () => {
    browser = await launchBrowser();
    labels = (await api().get('/labels').expect(200)).body as Labels;
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe('a case returned for a missing fact', () => {
    let cast: ZoneCast;
    let caseId: string;
    beforeAll(async () => {
      cast = await castFor(ZONE, EQUIPMENT, 2026, 100_000_000_000);
      const created = await api()
        .post('/applications')
        .set(bearer(cast.enterprise.token))
        .send({ programCode: EQUIPMENT, fiscalYear: 2026, form: { projectName: '数控机床升级' } })
        .expect(201);
      caseId = created.body.id;
      for (const type of ['equipment-invoices', 'equipment-list', 'project-filing'])
        await uploadDocument(cast.enterprise.token, caseId, type).expect(201);
      await api()
        .post(`/applications/${caseId}/submit`)
        .set(bearer(cast.enterprise.token))
        .send({})
        .expect(200);
      const returned = await waitForState(cast.enterprise.token, caseId, ['amending', 'rejected']);
      expect(returned.state).toBe('amending');
      // The returned notice is written by the worker: wait for it before opening the inbox.
      await eventually(
        async () =>
          (await api().get('/notifications').set(bearer(cast.enterprise.token)).expect(200)).body
            .unreadCount as number,
        (n) => n > 0,
        'the returned notice',
      );
    });

    it('(c) the inbox shows the unread count in the top bar, links to the case and marks read', async () => {
      const page = await openPage(browser, cast.enterprise.token);
      await page.goto(consoleUrl('/'));
      const badge = page.getByTestId('unread-badge');
      // The count arrives after the page: wait for a non-zero one.
      await page.getByLabel(/^消息通知，[1-9]\d* 条未读$/).waitFor();
      const before = Number(/(\d+) 条未读/.exec((await badge.getAttribute('aria-label'))!)![1]);
      await badge.click();
      await page.getByRole('heading', { name: '消息通知' }).waitFor();
      await page.getByTestId('unread-count').getByText(`未读 ${before} 条`).waitFor();
      const notice = page.getByRole('listitem').filter({ hasText: '退回补正' }).first();
      await notice.waitFor();
      await expect(notice.getByRole('link', { name: '查看申报' }).getAttribute('href')).resolves.toBe(
        `/app/applications/${caseId}`,
      );
      await checkPage(page, 'portal-b-notifications');
      await notice.getByRole('button', { name: /^将「.*」标为已读$/ }).click();
      await page
        .getByTestId('unread-count')
        .getByText(`未读 ${before - 1} 条`)
        .waitFor();
      await page
        .getByTestId('unread-badge')
        .and(page.getByLabel(`消息通知，${before - 1} 条未读`))
        .waitFor();
      await page.context().close();
    });

    it('(a) the enterprise declares the missing fact with evidence; an officer verifies it; the enterprise sees it verified', async () => {
      const page = await openPage(browser, cast.enterprise.token);
      await page.goto(consoleUrl('/declared-facts?key=equipment_investment_fen&period=2026'));
      await page.getByRole('heading', { name: '一企一档' }).waitFor();
      await checkPage(page, 'portal-b-declared-facts-empty');
      await page.getByRole('button', { name: /^申报设备投资额/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('申报：设备投资额').waitFor();
      await dialog.getByLabel(/^设备投资额.*（元）$/).fill('8,000,000');
      await checkPage(page, 'portal-b-declare-dialog');
      await dialog.getByRole('button', { name: '提交' }).click();
      await dialog.waitFor({ state: 'hidden' });

      const pendingLabel = labels.groups.declaredFactStatus.pending.zh;
      const status = page.getByTestId('fact-status-equipment_investment_fen');
      await status.getByText(pendingLabel).waitFor();
      await page.getByRole('cell', { name: '¥8,000,000.00' }).waitFor();
      await page.getByRole('cell', { name: '2026 年度' }).first().waitFor();
      await page.locator('input[type=file]').setInputFiles({
        name: '设备发票.pdf',
        mimeType: 'application/pdf',
        buffer: PDF,
      });
      await page.getByText('设备发票.pdf').waitFor();
      await checkPage(page, 'portal-b-declared-facts-pending');

      const mine = await api()
        .get(`/enterprises/${cast.enterprise.enterpriseId}/declared-facts`)
        .set(bearer(cast.enterprise.token))
        .expect(200);
      const declared = (mine.body as { id: string; key: string; value: unknown; period: string }[]).find(
        (f) => f.key === 'equipment_investment_fen',
      )!;
      expect(declared).toMatchObject({ value: 800_000_000, period: '2026' });
      await api()
        .post(`/declared-facts/${declared.id}/verify`)
        .set(bearer(cast.officer.token))
        .send({ comment: '发票核对无误' })
        .expect(200);

      await page.reload();
      await page
        .getByTestId('fact-status-equipment_investment_fen')
        .getByText(labels.groups.declaredFactStatus.verified.zh)
        .waitFor();
      await checkPage(page, 'portal-b-declared-facts-verified');
      await page.context().close();
    });
  });

  describe('an auto-grant offer', () => {
    let officer: TestUser;
    const accountNo = `6222${Date.now().toString().slice(-9)}1234`;
    beforeAll(async () => {
      const finance = await createStaff('finance', ZONE);
      officer = await createStaff('officer', ZONE);
      await ensurePool(finance.token, HIGH_TECH, FY, 1_000_000_000);
    });

    it('(b) is confirmed in the browser showing the masked account, then (d) appears on the public 公示 page, printable', async () => {
      const enterprise = await registerEnterprise(ZONE);
      // A known account number (to check what the confirmation shows), set as the enterprise would.
      await setVerifiedBankAccount(enterprise, {
        bankName: '长沙银行宁乡支行',
        accountName: enterprise.name,
        accountNo,
      });
      await recordFact(officer.token, enterprise.enterpriseId, {
        key: 'high_tech_certificate',
        value: { certificateNo: 'GR202643001234', grantedOn: `${FY}-09-01` },
        source: 'science_technology_bureau',
      }).expect(201);
      const [offer] = await eventually(
        () => offersOf(enterprise.token, HIGH_TECH),
        (offers) => offers.length > 0,
        'the high-tech offer',
      );

      const page = await openPage(browser, enterprise.token);
      await page.goto(consoleUrl('/offers'));
      await page.getByRole('heading', { name: '免申即享' }).waitFor();
      const row = page.getByRole('row').filter({ hasText: offer.reference as string });
      await row.getByText('¥100,000.00').waitFor();
      await row.getByText(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/).waitFor();
      await checkPage(page, 'portal-b-offers');
      await row.getByRole('button', { name: '确认领取' }).click();
      const dialog = page.getByRole('dialog');
      const account = dialog.getByTestId('offer-account');
      await account.waitFor();
      const shown = (await account.textContent())!;
      expect(shown).toContain('长沙银行宁乡支行');
      expect(shown).toContain(accountNo.slice(-4));
      expect(shown).toContain('****');
      expect(shown).not.toContain(accountNo);
      await checkPage(page, 'portal-b-offer-confirm');
      await dialog.getByRole('button', { name: '确认领取' }).click();
      await page.getByText('已确认领取').waitFor();
      await page.getByText('暂无待确认的免申即享政策').waitFor();
      const confirmed = await waitForState(enterprise.token, offer.id, ['publicity']);
      expect(confirmed.state).toBe('publicity');
      await page.context().close();

      // (d) The public notice: reached from the sign-in page without signing in.
      const publicPage = await openPage(browser);
      await publicPage.goto(consoleUrl('/sign-in'));
      await publicPage.getByRole('link', { name: '查看公示信息（无需登录）' }).click();
      await publicPage.getByRole('heading', { name: '政策兑现公示' }).waitFor();
      await checkPage(publicPage, 'portal-b-publicity-zones');
      await publicPage.getByRole('link', { name: '宁乡高新技术产业园区' }).click();
      await publicPage.getByRole('heading', { name: /惠企政策兑现公示$/ }).waitFor();
      const item = publicPage.getByRole('row').filter({ hasText: enterprise.name });
      await item.getByText('¥100,000.00').waitFor();
      await item.getByText(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/).waitFor();
      await publicPage.getByRole('button', { name: /打\s*印/ }).waitFor();
      await checkPage(publicPage, 'portal-b-publicity');
      await publicPage.emulateMedia({ media: 'print' });
      await expect(publicPage.getByRole('button', { name: /打\s*印/ }).isVisible()).resolves.toBe(false);
      await item.getByText(enterprise.name).waitFor();
      await screenshot(publicPage, 'portal-b-publicity-print');
      await publicPage.context().close();
    });
  });

  it('(e) the first user invites and removes a colleague; the bank account page shows the masked account and changes it', async () => {
    const enterprise = await registerEnterprise(ZONE);
    const page = await openPage(browser, enterprise.token);
    await page.goto(consoleUrl('/enterprise/users'));
    await page.getByRole('heading', { name: '企业用户' }).waitFor();
    await page.getByRole('row').filter({ hasText: enterprise.username }).getByText('管理员').waitFor();
    await page.getByRole('button', { name: '添加同事' }).click();
    const dialog = page.getByRole('dialog');
    const colleague = `${enterprise.username}-c`;
    await dialog.getByLabel('用户名').fill(colleague);
    await dialog.getByLabel('姓名').fill('李会计');
    await dialog.getByLabel('初始密码').fill('colleague-pass-1');
    await checkPage(page, 'portal-b-invite');
    await dialog
      .getByRole('button', { name: '添 加' })
      .or(dialog.getByRole('button', { name: '添加' }))
      .click();
    const row = page.getByRole('row').filter({ hasText: colleague });
    await row.waitFor();
    // The invite dialog closes with an animation; the next dialog must not be confused with it.
    await dialog.waitFor({ state: 'hidden' });
    await checkPage(page, 'portal-b-users');
    const signIn = await api()
      .post('/auth/login')
      .send({ username: colleague, password: 'colleague-pass-1' });
    expect(signIn.status).toBe(200);
    await row.getByRole('button', { name: /移\s*除/ }).click();
    const confirm = await opened(page.getByRole('dialog').filter({ hasText: '李会计' }));
    await confirm.getByRole('button', { name: /移\s*除/ }).click();
    await confirm.waitFor({ state: 'hidden' });
    await row.getByText('已移除').waitFor();
    await api().get('/auth/me').set(bearer(signIn.body.accessToken)).expect(401);

    await page.goto(consoleUrl('/enterprise/bank-account'));
    await page.getByRole('heading', { name: '收款账户', exact: true }).waitFor();
    await expect(page.getByTestId('masked-account').textContent()).resolves.toMatch(
      /^\*\*\*\* \*\*\*\* \d{4}$/,
    );
    await checkPage(page, 'portal-b-bank-account');
    await page.getByRole('button', { name: '变更收款账户' }).click();
    await page.getByLabel('开户银行').fill('中国建设银行宁乡支行');
    await page.getByLabel('银行账号').fill('6217002710000123456');
    await page.getByLabel('联行号').fill('105551000012');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    // A change waits for the zone's finance staff: shown as 待核验 beside the verified account.
    await page.getByTestId('bank-account-change-state').getByText('待核验').waitFor();
    await page.getByTestId('pending-masked-account').getByText('**** **** 3456').waitFor();
    await page.getByText('中国建设银行宁乡支行').waitFor();
    await page.context().close();
  });
});
