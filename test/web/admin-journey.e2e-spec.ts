import { once } from 'node:events';
import { createServer, Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { adminToken, api, bearer, registerEnterprise } from '../support/api-client';
import { checkPage, choose, consoleUrl, launchBrowser, newSession } from '../support/browser';
import { freePort } from '../support/processes';
import { eventually } from '../auto-grants/support';
import { submitApplication } from '../notifications/support/flows';
import { startWorld, useWorld, World } from '../notifications/support/world';

const ZONE = 'ningxiang-htz';

jest.setTimeout(600_000);

interface DeliveryBody {
  id: string;
  status: string;
  attempts: number;
  target: string;
  webhookId: string | null;
  lastError: string | null;
}

/**
 * The admin's journey in the browser, against a Huiqi of its own (its own database, api and worker,
 * deliveries tried 3 times 200 ms apart, so a dead endpoint gives up within seconds): creates an officer
 * whose one-time password signs them in; adds a holiday to the default calendar; adds a webhook that
 * points at a closed local port, sees the real delivery fail, brings the endpoint up and retries it from
 * the console; and opens the queue board signed in. The API state is checked after each step.
 */
describe('web console: the admin console (users, calendars, webhooks, failed work, queue board)', () => {
  let world: World;
  let browser: Browser;
  let page: Page;
  let admin: string;
  let hookPort: number;
  let receiver: Server | undefined;
  const received: string[] = [];

  beforeAll(async () => {
    world = await startWorld('admin-web', {
      env: { DELIVERY_ATTEMPTS: '3', DELIVERY_BACKOFF_MS: '200', WEBHOOK_TIMEOUT_MS: '5000' },
    });
    useWorld(world);
    admin = await adminToken();
    hookPort = await freePort();
    browser = await launchBrowser();
    const context = await newSession(browser, { token: admin });
    page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    if (receiver) {
      receiver.close();
      await once(receiver, 'close');
    }
    await world?.close();
  });

  it('creates an officer with a one-time password shown once, and the officer signs in with it', async () => {
    await page.goto(consoleUrl('/'));
    await page.getByRole('menuitem', { name: '用户管理' }).click();
    await page.getByRole('heading', { name: '用户管理', level: 1 }).waitFor();
    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog', { name: '新建用户' });
    const username = `officer-web-${Date.now().toString(36)}`;
    await dialog.getByLabel('用户名').fill(username);
    await dialog.getByLabel('姓名').fill('王经办');
    await choose(page, '角色', '经办人（初审）');
    await choose(page, '所属园区', '宁乡高新技术产业园区');
    await checkPage(page, 'admin-user-new');
    await dialog.getByRole('button', { name: '创建' }).click();

    const done = page.getByRole('dialog', { name: '用户已创建' });
    const password = (await done.getByTestId('one-time-password').innerText()).trim();
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
    await checkPage(page, 'admin-user-created');
    await done.getByRole('button', { name: '我已记下' }).click();
    await page.getByRole('cell', { name: username, exact: true }).waitFor();

    const users = await api()
      .get('/admin/users')
      .query({ role: 'officer', pageSize: 100 })
      .set(bearer(admin));
    const user = users.body.items.find((u: { username: string }) => u.username === username);
    expect(user).toMatchObject({ role: 'officer', zoneCode: ZONE, isActive: true, displayName: '王经办' });

    // The officer signs in with it, in a browser of their own.
    const officerContext = await newSession(browser);
    const officerPage = await officerContext.newPage();
    await officerPage.goto(consoleUrl('/sign-in'));
    await officerPage.getByLabel('用户名').fill(username);
    await officerPage.getByLabel('密码').fill(password);
    await officerPage.getByRole('button', { name: '登录' }).click();
    await officerPage.getByRole('menuitem', { name: '审核工作台' }).waitFor();
    await officerContext.close();
    const login = await api().post('/auth/login').send({ username, password });
    expect(login.status).toBe(200);
  });

  it('adds a holiday to the default calendar and saves it', async () => {
    await page.getByRole('menuitem', { name: '工作日历' }).click();
    await page.getByRole('heading', { name: '工作日历', level: 1 }).waitFor();
    const before = (await api().get('/admin/calendars/default').set(bearer(admin)).expect(200)).body as {
      holidays: string[];
      extraWorkdays: string[];
    };
    // A weekday far ahead, so no deadline of this world moves.
    const year = new Date().getUTCFullYear() + 4;
    const day = [...Array(28).keys()]
      .map((d) => `${year}-06-${String(d + 1).padStart(2, '0')}`)
      .find((d) => {
        const w = new Date(`${d}T00:00:00Z`).getUTCDay();
        return w >= 1 && w <= 5 && !before.holidays.includes(d);
      })!;
    const picker = page.getByPlaceholder('添加节假日（工作日放假）');
    await picker.click();
    await picker.fill(day);
    await picker.press('Enter');
    await page.getByText(new RegExp(`^${day}（周`)).waitFor();
    await checkPage(page, 'admin-calendar');
    await page.getByRole('button', { name: '保存日历' }).click();
    await page.getByText('日历已保存').waitFor();
    const after = (await api().get('/admin/calendars/default').set(bearer(admin)).expect(200)).body as {
      holidays: string[];
      extraWorkdays: string[];
    };
    expect(after.holidays).toEqual([...before.holidays, day].sort());
    expect(after.extraWorkdays).toEqual(before.extraWorkdays);
  });

  it('adds a webhook to a closed port; its failed delivery is retried from the console once the endpoint is up', async () => {
    const url = `http://127.0.0.1:${hookPort}/hooks/oa`;
    await page.getByRole('menuitem', { name: 'Webhook 推送' }).click();
    await page.getByRole('heading', { name: 'Webhook 推送', level: 1 }).waitFor();
    await page.getByRole('button', { name: '添加 Webhook' }).click();
    const dialog = page.getByRole('dialog', { name: '添加 Webhook' });
    await dialog.getByLabel('推送地址').fill(url);
    await dialog.getByLabel('说明').fill('园区 OA 待办');
    await choose(page, '园区', '宁乡高新技术产业园区');
    await dialog.getByRole('button', { name: '保存' }).click();
    const secret = page.getByRole('dialog', { name: '签名密钥' });
    await secret.getByText(/^[0-9a-f]{64}$/).waitFor();
    await secret.getByRole('button', { name: '我已记下' }).click();
    await page.getByRole('cell', { name: /园区 OA 待办/ }).waitFor();
    const hooks = (await api().get('/admin/webhooks').set(bearer(admin)).expect(200)).body as {
      id: string;
      url: string;
      enabled: boolean;
    }[];
    const hook = hooks.find((h) => h.url === url)!;
    expect(hook).toMatchObject({ enabled: true });

    // A real event of the zone: its webhook call meets a closed port, three times, and is kept as failed.
    const enterprise = await registerEnterprise(ZONE);
    await submitApplication(enterprise);
    const failed = await eventually(
      async () =>
        (
          await api()
            .get('/admin/notification-deliveries')
            .query({ status: 'failed', channel: 'webhook', pageSize: 100 })
            .set(bearer(admin))
            .expect(200)
        ).body.items as DeliveryBody[],
      (items) => items.some((d) => d.webhookId === hook.id),
      'a failed webhook delivery',
      60_000,
    );
    const delivery = failed.find((d) => d.webhookId === hook.id)!;
    expect(delivery.attempts).toBe(3);
    expect(delivery.lastError).toBeTruthy();

    await page.reload();
    await page
      .getByRole('row', { name: /园区 OA 待办/ })
      .getByText('投递失败')
      .first()
      .waitFor();
    await checkPage(page, 'admin-webhooks');

    await page.getByRole('menuitem', { name: '失败任务与队列' }).click();
    await page.getByRole('heading', { name: '失败任务与队列', level: 1 }).waitFor();
    const row = page.getByRole('row').filter({ hasText: url }).first();
    await row.getByText(delivery.lastError!.slice(0, 20)).waitFor();
    await row.getByRole('cell', { name: '3', exact: true }).waitFor();
    await checkPage(page, 'admin-failed-work');

    // The endpoint comes up; the retry delivers.
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(req.headers['x-huiqi-delivery'] as string);
        res.writeHead(204).end();
      });
    });
    receiver.listen(hookPort, '127.0.0.1');
    await once(receiver, 'listening');
    // Every failed delivery listed now (the submission's, and any later one that also met the closed
    // port) is selected and retried at once.
    await page.reload();
    const failedRows = page.getByRole('row').filter({ hasText: url });
    await failedRows.first().waitFor();
    const count = await failedRows.count();
    // antd names its select-all box in English whatever the locale.
    await page.getByRole('checkbox', { name: 'Select all' }).first().check();
    await page.getByRole('button', { name: `重试所选（${count}）` }).click();
    await page.getByText(`已重新排队 ${count} 项`).waitFor();
    const sent = await eventually(
      async () =>
        (
          await api()
            .get('/admin/notification-deliveries')
            .query({ channel: 'webhook', pageSize: 100 })
            .set(bearer(admin))
            .expect(200)
        ).body.items as DeliveryBody[],
      (items) => items.filter((d) => d.webhookId === hook.id).every((d) => d.status === 'sent'),
      'every delivery of the webhook sent',
      60_000,
    );
    expect(sent.find((d) => d.id === delivery.id)).toMatchObject({ status: 'sent' });
    expect(received).toContain(delivery.id);
  });

  it('opens the queue board signed in with the console session', async () => {
    await page.getByRole('menuitem', { name: '失败任务与队列' }).click();
    const [board] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('button', { name: '打开队列看板' }).click(),
    ]);
    await board.waitForURL(/\/admin\/queues/);
    const response = await board.reload();
    expect(response?.status()).toBe(200);
    await board.getByText('auto-grants').first().waitFor();
    await page.getByText('队列看板未接受当前登录').waitFor({ state: 'detached' });
  });
});
