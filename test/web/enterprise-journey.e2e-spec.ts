import { bankDate } from '../support/bank-dates';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { currentFiscalYear, eventually, offersOf, recordFact } from '../auto-grants/support';
import {
  api,
  bearer,
  createStaff,
  makeUscc,
  TestUser,
  uniqueName,
  verifyBankAccount,
} from '../support/api-client';
import { act, ensurePool, PDF, waitForState } from '../support/applications';
import { checkPage, consoleUrl, expectNoRawCodes, launchBrowser, newSession } from '../support/browser';
import { makeDeadlinesDue } from '../support/db';

const ZONE = 'changsha-etdz';
const ZONE_NAME = '长沙经济技术开发区';
// 10% of the year's new equipment investment; above 500,000 yuan a director approves too.
const EQUIPMENT = `${ZONE}.equipment-upgrade`;
const EQUIPMENT_TITLE = '设备更新改造奖励';
// Auto grant (免申即享) of 500,000 yuan when the enterprise is recognised as a "little giant".
const LITTLE_GIANT = `${ZONE}.little-giant`;
const FY = currentFiscalYear();

// A browser's first page on a loaded machine can take a while: generous bounds, no sleeps.
jest.setTimeout(600_000);

async function check(page: Page, name: string): Promise<void> {
  await expectNoRawCodes(page);
  await checkPage(page, `journey-${name}`);
}

/** The case's state label as the enterprise reads it (exactly that text, not the timeline's "→ …"). */
const stateLabel = (page: Page, text: string) => page.getByText(text, { exact: true }).first();

describe('web console: one enterprise, registration to payment', () => {
  let browser: Browser;
  let officer: TestUser;
  let director: TestUser;
  let finance: TestUser;
  beforeAll(async () => {
    [browser, officer, director, finance] = await Promise.all([
      launchBrowser(),
      createStaff('officer', ZONE),
      createStaff('director', ZONE),
      createStaff('finance', ZONE),
    ]);
    await ensurePool(finance.token, EQUIPMENT, FY, 100_000_000_000);
    await ensurePool(finance.token, LITTLE_GIANT, FY, 10_000_000_000);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('registers, applies from the calculator, amends, is approved, confirms an offer and sees the payment', async () => {
    const context = await newSession(browser);
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
    const username = uniqueName('journey').toLowerCase();
    const password = `pw-${uniqueName('x')}`;
    const name = uniqueName('长沙旅程智能装备有限公司');
    const accountNo = `6217${Date.now().toString().slice(-11)}4321`;

    // 1. Registers in the browser and is signed in.
    await page.goto(consoleUrl('/'));
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await page.getByRole('link', { name: '注册企业' }).click();
    await page.getByRole('heading', { name: '企业注册' }).waitFor();
    await page.getByLabel('统一社会信用代码').fill(makeUscc());
    await page.getByLabel('企业名称').fill(name);
    await page.getByLabel('所在园区').click();
    await page.getByTitle(ZONE_NAME).click();
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByLabel('确认密码').fill(password);
    await check(page, 'register');
    await page.getByRole('button', { name: '注册', exact: true }).click();
    await page.getByRole('heading', { name: `${username}，您好` }).waitFor();
    await page.getByText(name).first().waitFor();
    await check(page, 'home-new');
    const token = (await page.evaluate<string | null>('localStorage.getItem("huiqi.accessToken")')) ?? '';
    const me = await api().get('/auth/me').set(bearer(token)).expect(200);
    const enterpriseId = me.body.enterpriseId as string;
    expect(enterpriseId).toEqual(expect.any(String));

    // Its bank account, where the money will go.
    await page.goto(consoleUrl('/enterprise/bank-account'));
    await page.getByRole('heading', { name: '收款账户' }).waitFor();
    await page.getByText('尚未设置收款账户。').waitFor();
    await page.getByRole('button', { name: '设置收款账户' }).click();
    await page.getByLabel('户名').fill(name);
    await page.getByLabel('开户银行').fill('长沙银行经开区支行');
    await page.getByLabel('银行账号').fill(accountNo);
    await page.getByLabel('联行号').fill('313551000011');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    // The account waits for the zone's finance staff; once they verify it, payments use it.
    await page.getByTestId('bank-account-change-state').getByText('待核验').waitFor();
    await page
      .getByTestId('pending-masked-account')
      .getByText(`**** **** ${accountNo.slice(-4)}`)
      .waitFor();
    await verifyBankAccount({ enterpriseId, token, zoneCode: ZONE }, finance.token);
    await page.reload();
    await page
      .getByTestId('masked-account')
      .getByText(`**** **** ${accountNo.slice(-4)}`)
      .waitFor();
    await check(page, 'bank-account');

    // 2. 我能享受哪些政策 → Apply → the wizard.
    await page
      .getByRole('navigation', { name: '主菜单' })
      .getByRole('link', { name: '我能享受哪些政策' })
      .click();
    await page.getByRole('heading', { name: '我能享受哪些政策', level: 1 }).waitFor();
    const card = page.getByRole('region', { name: EQUIPMENT_TITLE });
    await card.getByText('最高 ¥10,000,000.00').waitFor();
    // How it is computed, in the yuan people read (the API's step names the field in fen).
    await card.getByText(/按年度新增设备投资的 10% 计算/).waitFor();
    expect(await card.innerText()).not.toMatch(/（分）|\(fen\)/);
    await check(page, 'calculator');
    await page.getByRole('button', { name: `申报 ${EQUIPMENT_TITLE}` }).click();
    await page.getByRole('heading', { name: `申报：${EQUIPMENT_TITLE}` }).waitFor();
    const id = /\/applications\/([^/]+)\/edit/.exec(page.url())?.[1] ?? '';
    expect(id).not.toBe('');
    await check(page, 'wizard-tasks');

    await page.getByRole('link', { name: '填写申报信息' }).click();
    await page.getByLabel('项目名称').fill('智能产线设备更新');
    await page.getByLabel('投资年度').fill(String(FY));
    await page.getByLabel('年度新增设备投资（元）').fill('6543210.50');
    await check(page, 'wizard-form');
    await page.getByRole('button', { name: '保存并继续' }).click();

    await page.getByRole('heading', { name: '上传申报材料' }).waitFor();
    for (const [label, file] of [
      ['设备购置发票', '设备发票.pdf'],
      ['新增设备清单', '设备清单.pdf'],
      ['技术改造项目备案文件', '备案文件.pdf'],
    ]) {
      await page
        .getByLabel(`选择文件上传：${label}`)
        .setInputFiles({ name: file, mimeType: 'application/pdf', buffer: PDF });
      await page.getByText(file).waitFor();
    }
    await check(page, 'wizard-documents');

    // The yuan typed became exact fen.
    const saved = await api().get(`/applications/${id}`).set(bearer(token)).expect(200);
    expect(saved.body.form).toMatchObject({ newEquipmentInvestmentFen: 654_321_050, investmentYear: FY });
    const reference = saved.body.reference as string;

    await page.getByRole('button', { name: '继续' }).click();
    await page.getByRole('heading', { name: '核对并提交' }).waitFor();
    await page.getByText('¥6,543,210.50').waitFor();
    await page.getByText('¥654,321.05').waitFor();
    await page.getByText('按现有数据，资格审查可以通过。').waitFor();
    await check(page, 'check-answers');
    await page.getByRole('button', { name: '提交申报' }).click();
    await page.getByRole('heading', { name: `申报 ${reference}` }).waitFor();
    await waitForState(officer.token, id, 'first_review', 120_000);
    await page.reload();
    await page.getByText('园区经办人员审核').first().waitFor();
    await check(page, 'case-submitted');

    // 3. The officer returns it for amendment with a comment (API).
    await api()
      .post(`/applications/${id}/assignment`)
      .set(bearer(officer.token))
      .send({ action: 'take' })
      .expect(200);
    await act(officer.token, id, { type: 'return', comment: '请核对新增设备投资额' }).expect(200);

    await page.goto(consoleUrl('/'));
    await page.getByRole('link', { name: reference }).waitFor();
    await page
      .getByText(/前补正$/)
      .first()
      .waitFor();
    await check(page, 'home-returned');
    await page.getByRole('link', { name: reference }).click();
    await page.getByText('申报已退回补正').waitFor();
    await page.getByText('请核对新增设备投资额').first().waitFor();
    await check(page, 'case-returned');

    await page.getByRole('button', { name: '修改并重新提交' }).click();
    await page.getByRole('link', { name: '填写申报信息' }).click();
    await page.getByLabel('年度新增设备投资（元）').fill('7000000');
    await page.getByRole('button', { name: '保存并继续' }).click();
    await page.getByRole('heading', { name: '上传申报材料' }).waitFor();
    await page.getByRole('button', { name: '继续' }).click();
    await page.getByText('¥7,000,000.00').waitFor();
    await check(page, 'check-answers-amended');
    await page.getByRole('button', { name: '重新提交' }).click();
    await page.getByRole('heading', { name: `申报 ${reference}` }).waitFor();
    const back = await waitForState(officer.token, id, 'first_review', 120_000);
    expect(back.form).toMatchObject({ newEquipmentInvestmentFen: 700_000_000 });
    expect(back.computedAmountFen).toBe(70_000_000);

    // 4. Staff approve: officer (700,000 yuan is above 500,000) → director → publicity → approved.
    await act(officer.token, id, { type: 'approve', comment: '材料齐全，建议通过' }).expect(200);
    const recommended = await waitForState(officer.token, id, 'director_approval');
    expect(recommended.state).toBe('director_approval');
    await act(director.token, id, { type: 'approve', comment: '同意' }).expect(200);
    await waitForState(officer.token, id, 'publicity');
    // The publicity period's working days pass (time moved forward); the worker approves it.
    expect(await makeDeadlinesDue(id, 'publicity-end')).toBe(1);
    await waitForState(token, id, 'approved', 120_000);

    await page.reload();
    await stateLabel(page, '已批准').waitFor();
    await page.getByRole('row').filter({ hasText: '核定金额' }).getByText('¥700,000.00').waitFor();
    // The timeline: the director's approval into publicity, then publicity's end approving it.
    await page.getByText(/审核通过\s*→\s*公示中/).waitFor();
    await page.getByText(/公示期满\s*→\s*已批准/).waitFor();
    await page.getByText('下一步：财务拨付').waitFor();
    await check(page, 'case-approved');

    // 5. An auto-grant offer: the zone records the recognition, the worker makes the offer.
    await recordFact(officer.token, enterpriseId, {
      key: 'little_giant_recognition',
      value: { level: 'national', recognisedOn: `${FY}-05-20` },
      source: 'officer',
    }).expect(201);
    const [offer] = await eventually(
      () => offersOf(token, LITTLE_GIANT),
      (offers) => offers.length > 0,
      'the little-giant offer',
      120_000,
    );
    await page.goto(consoleUrl('/'));
    await page.getByRole('heading', { name: '待确认的免申即享' }).waitFor();
    await check(page, 'home-offer');
    await page.goto(consoleUrl('/offers'));
    await page.getByRole('heading', { name: '免申即享' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: offer.reference as string });
    await row.getByText('¥500,000.00').waitFor();
    await check(page, 'offers');
    await row.getByRole('button', { name: '确认领取' }).click();
    const dialog = page.getByRole('dialog');
    const account = dialog.getByTestId('offer-account');
    await account.waitFor();
    expect(await account.textContent()).toContain(accountNo.slice(-4));
    expect(await account.textContent()).not.toContain(accountNo);
    await checkPage(page, 'journey-offer-confirm');
    await dialog.getByRole('button', { name: '确认领取' }).click();
    await page.getByText('已确认领取').waitFor();
    await page.getByText('暂无待确认的免申即享政策').waitFor();
    await waitForState(token, offer.id, ['publicity', 'approved'], 120_000);

    // 6. Finance pays the equipment grant: batch → lock → export → the bank's statement.
    const batch = await api()
      .post('/disbursement-batches')
      .set(bearer(finance.token))
      .send({ applicationIds: [id] })
      .expect(201);
    expect(batch.body.totals).toMatchObject({ items: 1, amountFen: 70_000_000 });
    await api().post(`/disbursement-batches/${batch.body.id}/lock`).set(bearer(finance.token)).expect(200);
    const exported = await api()
      .post(`/disbursement-batches/${batch.body.id}/export`)
      .set(bearer(finance.token))
      .expect(200);
    const [line] = parse(exported.text, { bom: true, columns: true }) as Record<string, string>[];
    expect(line).toMatchObject({ '金额(元)': '700000.00', 收款账号: accountNo });
    const paymentReference = line['付款参考号'];
    const imported = await api()
      .post('/bank-statements')
      .set(bearer(finance.token))
      .send({
        fileName: `journey-${Date.now()}.csv`,
        content: [
          'transaction_id,value_date,direction,amount,payment_reference,status,reason',
          `JRN-${Date.now()},${bankDate()},debit,700000.00,${paymentReference},success,`,
        ].join('\r\n'),
      })
      .expect(201);
    expect(imported.body.counts).toMatchObject({ matched: 1 });
    await waitForState(token, id, 'paid', 120_000);

    // The enterprise sees the payment on its case page.
    await page.goto(consoleUrl(`/applications/${id}`));
    await page.getByRole('heading', { name: `申报 ${reference}` }).waitFor();
    await stateLabel(page, '已拨付').waitFor();
    await page.getByRole('row').filter({ hasText: '已拨付金额' }).getByText('¥700,000.00').waitFor();
    await check(page, 'case-paid');
    await context.close();
  });
});
