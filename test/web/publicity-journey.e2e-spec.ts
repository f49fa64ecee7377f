import type { Browser, Page } from 'playwright-core';
import {
  api,
  bearer,
  createStaff,
  registerEnterprise,
  TestEnterprise,
  TestUser,
} from '../support/api-client';
import { ensurePool, PDF, waitForState } from '../support/applications';
import { checkPage, consoleUrl, launchBrowser, newSession, opened } from '../support/browser';
import { makeDeadlinesDue } from '../support/db';
import { pdfText } from '../support/pdf-text';
import { privateFiscalYear } from '../finance/support/grants';
import { caseInDirectorApproval, NATIONAL_FEN, PLATFORM } from '../staff/cases';

const ZONE = 'ningxiang-htz';
const FACT = 'equipment_investment_fen';
const VERIFIED_FEN = 800_000_000; // ¥8,000,000.00
const REFUSED_FEN = 1_234_567_89; // ¥1,234,567.89
const REFUSAL = '发票金额与申报值不符，请核对后重新申报';
const OBJECTION = '该平台的认定文件尚未公布，请核实';
const ANSWER = '认定文件已于2026年3月18日印发，文号见申请材料';
const DISMISSAL = '经核实认定文件真实有效，异议不成立';

jest.setTimeout(300_000);

interface DeclaredFact {
  id: string;
  period: string;
  status: string;
  refusalReason: string | null;
}

/** Integer fen as the console shows it: ¥1,234.56. */
function yuan(fen: number): string {
  const whole = String(Math.floor(fen / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `¥${whole}.${String(fen % 100).padStart(2, '0')}`;
}

async function declare(enterprise: TestEnterprise, period: string, value: number): Promise<string> {
  const res = await api()
    .post(`/enterprises/${enterprise.enterpriseId}/declared-facts`)
    .set(bearer(enterprise.token))
    .send({ key: FACT, period, value, note: `${period} 年度设备投资` })
    .expect(201);
  await api()
    .post(`/enterprises/${enterprise.enterpriseId}/declared-facts/${res.body.id}/evidence`)
    .set(bearer(enterprise.token))
    .attach('file', PDF, { filename: `设备发票-${period}.pdf`, contentType: 'application/pdf' })
    .expect(201);
  return res.body.id as string;
}

async function declaredFacts(enterprise: TestEnterprise): Promise<DeclaredFact[]> {
  return (
    await api()
      .get(`/enterprises/${enterprise.enterpriseId}/declared-facts`)
      .set(bearer(enterprise.token))
      .expect(200)
  ).body as DeclaredFact[];
}

async function caseState(token: string, id: string): Promise<string> {
  return (await api().get(`/applications/${id}`).set(bearer(token)).expect(200)).body.state as string;
}

/**
 * Declared facts, publicity and objections, and the grant letter, in the browser against the real api
 * and worker: an officer verifies one declared fact and refuses another (the enterprise reads both);
 * the case is approved into publicity; another enterprise of the zone objects; the applicant answers;
 * the director reads the answer and dismisses the objection; the objector reads the outcome; the
 * publicity ends and the grant decision letter (兑现告知书) prints to a PDF naming the enterprise and the
 * amount in figures and in capitals. The API's state is checked after each step.
 */
describe('web console: declared-fact verification, publicity and objections, grant letter', () => {
  let browser: Browser;
  let fy: number;
  let officer: TestUser;
  let director: TestUser;
  let applicant: TestEnterprise;
  let objector: TestEnterprise;
  let caseId: string;
  let reference: string;
  let verifiedId: string;
  let refusedId: string;

  async function pageFor(token?: string): Promise<Page> {
    const context = await newSession(browser, token ? { token } : {});
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
    return page;
  }

  beforeAll(async () => {
    fy = await privateFiscalYear();
    let finance: TestUser;
    [officer, director, finance] = await Promise.all([
      createStaff('officer', ZONE),
      createStaff('director', ZONE),
      createStaff('finance', ZONE),
    ]);
    await ensurePool(finance.token, PLATFORM, fy, 2 * NATIONAL_FEN);
    [applicant, objector] = await Promise.all([registerEnterprise(ZONE), registerEnterprise(ZONE)]);
    verifiedId = await declare(applicant, '2025', VERIFIED_FEN);
    refusedId = await declare(applicant, '2026', REFUSED_FEN);
    caseId = await caseInDirectorApproval(applicant, officer, fy);
    reference = (await api().get(`/applications/${caseId}`).set(bearer(officer.token)).expect(200)).body
      .reference as string;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('an officer verifies one declared fact and refuses the other with a reason, looking at the evidence', async () => {
    const page = await pageFor(officer.token);
    await page.goto(consoleUrl('/review'));
    await page.getByRole('menuitem', { name: '企业申报核实' }).click();
    await page.getByRole('heading', { name: '企业申报数据核实', level: 1 }).waitFor();
    const rows = page.getByRole('row').filter({ hasText: applicant.name });
    const first = rows.filter({ hasText: '2025 年度' });
    const second = rows.filter({ hasText: '2026 年度' });
    // Labels and yuan, never codes or fen; the USCC beside the name.
    await first.getByText(yuan(VERIFIED_FEN)).waitFor();
    await second.getByText(yuan(REFUSED_FEN)).waitFor();
    await first.getByText(applicant.uscc).waitFor();
    expect(await rows.first().textContent()).not.toContain(FACT);
    await checkPage(page, 'publicity-journey-fact-queue');

    await first.getByRole('button', { name: '设备发票-2025.pdf' }).click();
    const preview = page.getByRole('dialog', { name: '证明材料：设备发票-2025.pdf' });
    await preview.locator('iframe[title="证明材料：设备发票-2025.pdf"]').waitFor();
    await checkPage(page, 'publicity-journey-fact-evidence');
    await preview.getByRole('button', { name: /close|关闭/i }).click();
    await preview.waitFor({ state: 'hidden' });

    await first.getByRole('button', { name: /^核实通过/ }).click();
    await (await opened(page.locator('.ant-popconfirm'))).getByRole('button', { name: '核实通过' }).click();
    await page.getByText('已核实', { exact: true }).first().waitFor();
    await first.waitFor({ state: 'detached' });
    let facts = await declaredFacts(applicant);
    expect(facts.find((f) => f.id === verifiedId)).toMatchObject({ status: 'verified' });
    expect(facts.find((f) => f.id === refusedId)).toMatchObject({ status: 'pending' });

    await second.getByRole('button', { name: /^退回/ }).click();
    const dialog = page.getByRole('dialog', { name: '退回企业申报' });
    await dialog.getByRole('button', { name: '退回' }).click();
    await dialog.getByText('请填写退回理由').waitFor(); // a reason is required
    await dialog.getByLabel('退回理由').fill(REFUSAL);
    await dialog.getByRole('button', { name: '退回' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await second.waitFor({ state: 'detached' });
    facts = await declaredFacts(applicant);
    expect(facts.find((f) => f.id === refusedId)).toMatchObject({
      status: 'refused',
      refusalReason: REFUSAL,
    });

    await page.locator('.ant-segmented').getByText('未通过核验').click(); // the refused ones
    await page.getByRole('row').filter({ hasText: applicant.name }).getByText(REFUSAL).waitFor();
    await checkPage(page, 'publicity-journey-fact-refused');
    await page.context().close();
  });

  it('the enterprise reads both outcomes on its declared-facts page', async () => {
    const page = await pageFor(applicant.token);
    await page.goto(consoleUrl('/declared-facts'));
    const mine = page.getByRole('row');
    await mine.filter({ hasText: '2025' }).filter({ hasText: '已核验' }).first().waitFor();
    await mine
      .filter({ hasText: '2026' })
      .filter({ hasText: '未通过核验' })
      .filter({ hasText: REFUSAL })
      .first()
      .waitFor();
    await checkPage(page, 'publicity-journey-enterprise-facts');
    await page.context().close();
  });

  it('the director approves: the case is in publicity, and the public notice prints with the amount in capitals', async () => {
    const approved = await api()
      .post(`/applications/${caseId}/actions`)
      .set(bearer(director.token))
      .send({ type: 'approve', comment: '同意' })
      .expect(200);
    expect(approved.body.state).toBe('publicity');

    const page = await pageFor();
    await page.goto(consoleUrl(`/publicity/${ZONE}`));
    await page.getByRole('row').filter({ hasText: reference }).waitFor();
    const { pages, text } = await pdfText(await page.pdf({ format: 'A4' }));
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(text).toContain(applicant.name);
    expect(text).toContain(reference);
    expect(text).toContain(yuan(NATIONAL_FEN));
    expect(text).toContain('人民币贰佰万元整');
    await page.context().close();
  });

  it('another enterprise of the zone objects from its 公示异议 page', async () => {
    const page = await pageFor(objector.token);
    await page.goto(consoleUrl('/'));
    await page.getByRole('menuitem', { name: '公示异议' }).click();
    await page.getByRole('heading', { name: '本区公示名单', level: 1 }).waitFor();
    await checkPage(page, 'publicity-journey-objector-list');
    await page.getByRole('button', { name: `提出异议 ${reference}` }).click();
    const dialog = page.getByRole('dialog', { name: `对 ${reference} 提出异议` });
    await dialog.getByLabel('异议内容').fill(OBJECTION);
    await dialog.getByRole('button', { name: '提出异议' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId(`my-objection-${reference}`).getByText('待处理').waitFor();
    expect(await caseState(officer.token, caseId)).toBe('objection');
    await checkPage(page, 'publicity-journey-objected');
    await page.context().close();
  });

  it('the applicant reads the objection (not who raised it) and answers it', async () => {
    const page = await pageFor(applicant.token);
    await page.goto(consoleUrl(`/applications/${caseId}`));
    await page.getByRole('button', { name: '答复异议' }).click();
    await page.getByRole('heading', { name: `答复异议 · ${reference}`, level: 1 }).waitFor();
    await page.getByTestId('objection-text').getByText(OBJECTION).waitFor();
    expect(await page.getByRole('main').first().textContent()).not.toContain(objector.name);
    await page.getByLabel('答复内容').fill(ANSWER);
    await page.getByRole('button', { name: '提交答复' }).click();
    await page.getByTestId('objection-answer').getByText(ANSWER).waitFor();
    await checkPage(page, 'publicity-journey-answered');
    const objections = (
      await api().get(`/applications/${caseId}/objections`).set(bearer(director.token)).expect(200)
    ).body;
    expect(objections).toEqual([
      expect.objectContaining({
        comment: OBJECTION,
        answers: [expect.objectContaining({ comment: ANSWER })],
      }),
    ]);
    expect(await caseState(officer.token, caseId)).toBe('objection');
    await page.context().close();
  });

  it('the director reads the objection, the objector and the answer, and dismisses it', async () => {
    const page = await pageFor(director.token);
    await page.goto(consoleUrl(`/review/applications/${caseId}`));
    await page.getByText('企业答复异议').first().waitFor(); // the answer is in the case's history
    await page.getByRole('link', { name: '公示与异议' }).first().click();
    await page.getByRole('heading', { name: '公示与异议', level: 1 }).waitFor();
    await page.getByTestId(`publicity-state-${reference}`).waitFor();
    // The case waiting on an objection opens with its objections.
    await page.getByTestId('objection-text').getByText(OBJECTION).waitFor();
    await page.getByText(objector.name).first().waitFor();
    await page.getByTestId('objection-answer').getByText(ANSWER).waitFor();
    await checkPage(page, 'publicity-journey-director');

    await page.getByRole('button', { name: '异议不成立' }).click();
    const dialog = page.getByRole('dialog', { name: /处理异议/ });
    await dialog.getByLabel('处理意见').fill(DISMISSAL);
    await dialog.getByRole('button', { name: '异议不成立' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await caseState(director.token, caseId)).toBe('publicity');
    await page.getByTestId(`publicity-state-${reference}`).getByText('公示中').waitFor();
    await page.context().close();
  });

  it('the objector follows the outcome on its page', async () => {
    const page = await pageFor(objector.token);
    await page.goto(consoleUrl('/objections/mine'));
    await page.getByTestId(`my-objection-${reference}`).getByText('异议不成立').waitFor();
    const mine = (await api().get('/objections/mine').set(bearer(objector.token)).expect(200)).body;
    expect(mine).toEqual([
      expect.objectContaining({ reference, outcome: 'dismissed', amountFen: NATIONAL_FEN }),
    ]);
    expect(Object.keys(mine[0])).not.toContain('id');
    await checkPage(page, 'publicity-journey-objector-outcome');
    await page.context().close();
  });

  it('after publicity the grant letter (兑现告知书) prints to a PDF with the enterprise and the amount in capitals', async () => {
    expect(await makeDeadlinesDue(caseId, 'publicity-end')).toBe(1);
    const approved = await waitForState(applicant.token, caseId, 'approved');
    expect(approved).toMatchObject({ approvedAmountFen: NATIONAL_FEN, approvedAt: expect.any(String) });

    const page = await pageFor(applicant.token);
    await page.goto(consoleUrl(`/applications/${caseId}`));
    await page.getByRole('link', { name: '兑现告知书' }).click();
    await page.getByRole('heading', { name: '政策兑现告知书', level: 1 }).waitFor();
    await page.getByTestId('letter-uscc').getByText(applicant.uscc).waitFor();
    await page.getByTestId('letter-amount-capital').getByText('人民币贰佰万元整').waitFor();
    await checkPage(page, 'publicity-journey-grant-letter');
    const { pages, text } = await pdfText(await page.pdf({ format: 'A4' }));
    expect(pages).toBe(1);
    expect(text).toContain('政策兑现告知书');
    expect(text).toContain(applicant.name);
    expect(text).toContain(applicant.uscc);
    expect(text).toContain(yuan(NATIONAL_FEN));
    expect(text).toContain('人民币贰佰万元整');
    expect(text).not.toContain('打印'); // the letter alone: no console controls
    await page.context().close();

    // Staff reach the same letter from their case page.
    const staffPage = await pageFor(officer.token);
    await staffPage.goto(consoleUrl(`/review/applications/${caseId}`));
    await staffPage.getByRole('link', { name: '兑现告知书' }).click();
    await staffPage.getByTestId('letter-amount').getByText(yuan(NATIONAL_FEN)).waitFor();
    await staffPage.context().close();
  });
});
