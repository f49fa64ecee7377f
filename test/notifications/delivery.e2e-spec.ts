import { createHmac, randomBytes } from 'node:crypto';
import { api, bearer, registerEnterprise, TestEnterprise, TestUser, adminToken } from '../support/api-client';
import { act, waitForState } from '../support/applications';
import { sql } from '../support/db';
import { waitForLog } from '../support/processes';
import { createStaffWith, eventually, inboxFor, inviteColleague, submitApplication } from './support/flows';
import { startSmtpInbox, SmtpInbox } from './support/smtp-inbox';
import { ReceivedWebhook, startWebhookReceiver, WebhookReceiver } from './support/webhook-receiver';
import { startWorld, useWorld, World } from './support/world';

const ZONE = 'ningxiang-htz';
const PUBLIC_URL = 'https://huiqi.example.gov.cn';

/**
 * Email, webhooks and the worker's shutdown, against a Huiqi of this file's own (its database, Redis
 * prefix, api and worker) wired to a real SMTP server and a webhook receiver on loopback. Deliveries are
 * tried 3 times, 200 ms apart at first, so a failing endpoint gives up within a second or two.
 */
describe('notification deliveries: email, signed webhooks, retries, shutdown', () => {
  let world: World;
  let smtp: SmtpInbox;
  let receiver: WebhookReceiver;
  let secret: string;
  let admin: string;
  let owner: TestEnterprise;
  let colleague: TestUser;
  let officer: TestUser;
  const tag = randomBytes(3).toString('hex');
  const ownerEmail = `owner-${tag}@enterprise.example.cn`;
  const colleagueEmail = `colleague-${tag}@enterprise.example.cn`;
  const officerEmail = `officer-${tag}@zone.example.gov.cn`;

  beforeAll(async () => {
    [smtp, receiver] = await Promise.all([startSmtpInbox(), startWebhookReceiver()]);
    world = await startWorld('delivery', {
      env: {
        SMTP_URL: smtp.url,
        PUBLIC_URL,
        DELIVERY_ATTEMPTS: '3',
        DELIVERY_BACKOFF_MS: '200',
        WEBHOOK_TIMEOUT_MS: '5000',
      },
    });
    useWorld(world);
    admin = await adminToken();
    const hook = await api()
      .post('/admin/webhooks')
      .set(bearer(admin))
      .send({ zoneCode: ZONE, url: receiver.url, description: '园区 OA' })
      .expect(201);
    secret = hook.body.secret;
    owner = await registerEnterprise(ZONE, { email: ownerEmail, locale: 'zh-CN' });
    [colleague, officer] = await Promise.all([
      inviteColleague(owner, { email: colleagueEmail, locale: 'en' }),
      createStaffWith('officer', ZONE, { email: officerEmail, locale: 'en' }),
    ]);
  }, 300_000);

  afterAll(async () => {
    await world?.close();
    await Promise.all([smtp?.close(), receiver?.close()]);
  });

  const hooksFor = (applicationId: string, event?: string) => (h: ReceivedWebhook) =>
    h.body.application.id === applicationId && (event === undefined || h.body.event === event);

  function expectSigned(h: ReceivedWebhook): void {
    const expected = `sha256=${createHmac('sha256', secret).update(h.rawBody).digest('hex')}`;
    expect(h.headers['x-huiqi-signature']).toBe(expected);
    expect(h.headers['x-huiqi-delivery']).toBe(h.body.id);
    expect(h.headers['x-huiqi-timestamp']).toBe(String(h.body.timestamp));
    expect(h.headers['x-huiqi-event']).toBe(h.body.event);
  }

  it('tells every recipient in their language: inbox, email through SMTP, and a signed webhook', async () => {
    const id = await submitApplication(owner);
    const { reference } = (await api().get(`/applications/${id}`).set(bearer(owner.token)).expect(200)).body;

    const zh = await smtp.waitFor((m) => m.to.includes(ownerEmail) && m.subject.includes(reference));
    expect(zh.subject).toBe(`申请已提交：${reference}`);
    expect(zh.text).toContain('您单位的「平台建设补贴」申请已提交');
    expect(zh.text).toContain(`申请编号：${reference}`);
    expect(zh.text).toContain(`查看详情：${PUBLIC_URL}/applications/${id}`);
    expect(zh.headers.get('from')).toContain('no-reply@huiqi.local');
    const en = await smtp.waitFor((m) => m.to.includes(colleagueEmail) && m.subject.includes(reference));
    expect(en.subject).toBe(`Application submitted: ${reference}`);
    expect(en.text).toContain('Your application for “Platform construction subsidy” has been submitted');

    // Screened by the worker, then the zone's officer hears of it — in English, as they chose.
    await waitForState(owner.token, id, 'first_review');
    const review = await smtp.waitFor((m) => m.to.includes(officerEmail) && m.subject.includes(reference));
    expect(review.subject).toBe(`New application to review: ${reference}`);
    expect(review.text).toContain('Estimated amount: 2,000,000.00 yuan');

    const inbox = await inboxFor(owner.token, id);
    expect(inbox).toEqual([
      expect.objectContaining({ template: 'application-submitted', title: `申请已提交：${reference}` }),
    ]);

    const hooks = await receiver.waitFor(hooksFor(id, 'application-submitted'), 2);
    hooks.forEach(expectSigned);
    expect(hooks.map((h) => h.body.recipient)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: owner.id, locale: 'zh-CN' }),
        expect.objectContaining({ userId: colleague.id, locale: 'en' }),
      ]),
    );
    expect(hooks[0].body).toMatchObject({
      zone: ZONE,
      application: {
        id,
        reference,
        programCode: 'ningxiang-htz.platform-construction',
        state: expect.any(String),
      },
      message: { link: `/applications/${id}` },
    });

    // Every delivery is recorded as sent once, and nothing went out twice.
    const deliveries = await eventually(async () => {
      const res = await api()
        .get('/admin/notification-deliveries')
        .query({ applicationId: id, pageSize: 100 })
        .set(bearer(admin))
        .expect(200);
      const items = res.body.items as { status: string; channel: string; attempts: number }[];
      return items.length === 6 && items.every((d) => d.status === 'sent') ? items : undefined;
    }, 'every delivery sent');
    // submitted: 2 emails + 2 webhooks (two enterprise users); review requested: 1 + 1 (the zone's officer)
    expect(deliveries.every((d) => d.attempts === 1)).toBe(true);
    const subjects = smtp.messages
      .filter((m) => m.subject.includes(reference))
      .map((m) => `${m.to}:${m.subject}`);
    expect(new Set(subjects).size).toBe(subjects.length);
  });

  it('respects each user’s channels', async () => {
    await api()
      .put('/me/notification-preferences')
      .set(bearer(colleague.token))
      .send({ inApp: true, email: false, webhook: false })
      .expect(200, { inApp: true, email: false, webhook: false, emailAddressOnFile: true });
    const id = await submitApplication(owner);
    const { reference } = (await api().get(`/applications/${id}`).set(bearer(owner.token)).expect(200)).body;
    await smtp.waitFor((m) => m.to.includes(ownerEmail) && m.subject.includes(reference));
    // The fan-out writes every recipient's deliveries in one transaction: once the owner's exists, the
    // colleague's absence is final.
    const rows = await sql<{ user_id: string; channel: string }>(
      `SELECT user_id, channel FROM notification_deliveries WHERE application_id = $1 AND template = 'application-submitted'`,
      [id],
    );
    expect(rows.filter((r) => r.user_id === colleague.id)).toEqual([]);
    expect(
      rows
        .filter((r) => r.user_id === owner.id)
        .map((r) => r.channel)
        .sort(),
    ).toEqual(['email', 'webhook']);
    expect((await inboxFor(colleague.token, id)).map((n) => n.template)).toEqual(['application-submitted']);
    await api()
      .put('/me/notification-preferences')
      .set(bearer(colleague.token))
      .send({ inApp: true, email: true, webhook: true })
      .expect(200);
  });

  it('retries a webhook the receiver refuses, keeps it failed and visible, and an admin retry delivers it', async () => {
    const id = await submitApplication(owner);
    await waitForState(owner.token, id, 'first_review');
    await act(officer.token, id, { type: 'return', comment: '请补充平台认定文件' }).expect(200);
    receiver.respondWith((h) => (hooksFor(id, 'application-resubmitted')(h) ? 500 : 200));
    await api().post(`/applications/${id}/submit`).set(bearer(owner.token)).send({}).expect(200);

    const failed = await eventually(async () => {
      const res = await api()
        .get('/admin/notification-deliveries')
        .query({ applicationId: id, status: 'failed', channel: 'webhook' })
        .set(bearer(admin))
        .expect(200);
      return res.body.items[0] as
        { id: string; attempts: number; lastError: string; outboxId: string; template: string } | undefined;
    }, 'the webhook delivery to fail for good');
    expect(failed).toMatchObject({
      template: 'application-resubmitted',
      attempts: 3,
      lastError: expect.stringContaining('HTTP 500'),
    });
    const attempts = receiver.received.filter((h) => h.body.id === failed.id);
    expect(attempts).toHaveLength(3);
    attempts.forEach(expectSigned);

    // Visible to admins with its error: the outbox's failed list and the queue dashboard.
    const outboxFailed = await api()
      .get('/admin/outbox/failed')
      .query({ queue: 'webhooks' })
      .set(bearer(admin))
      .expect(200);
    expect(outboxFailed.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: failed.outboxId, lastError: expect.stringContaining('HTTP 500') }),
      ]),
    );
    const board = await api()
      .get('/admin/queues/api/queues')
      .query({ activeQueue: 'webhooks', status: 'failed', page: 1, jobsPerPage: 50 })
      .set(bearer(admin))
      .expect(200);
    const webhookQueue = board.body.queues.find((q: { name: string }) => q.name === 'webhooks');
    expect(webhookQueue.jobs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: `outbox-${failed.outboxId}`,
          failedReason: expect.stringContaining('HTTP 500'),
        }),
      ]),
    );

    receiver.respondWith(() => 200);
    await api().post(`/admin/notification-deliveries/${failed.id}/retry`).set(bearer(admin)).expect(200);
    await eventually(async () => {
      const res = await api()
        .get('/admin/notification-deliveries')
        .query({ applicationId: id, status: 'sent', channel: 'webhook' })
        .set(bearer(admin));
      return res.body.items.some((d: { id: string }) => d.id === failed.id) ? true : undefined;
    }, 'the retried delivery to be sent');
    const all = receiver.received.filter((h) => h.body.id === failed.id);
    expect(all).toHaveLength(4);
    all.forEach(expectSigned);
    await api().post(`/admin/notification-deliveries/${failed.id}/retry`).set(bearer(admin)).expect(409);
  });

  it('SIGTERM lets the active job finish: the delivery in flight completes once, and the worker exits', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held: ReceivedWebhook | undefined;
    const id = await submitApplication(owner);
    receiver.respondWith(async (h) => {
      if (!hooksFor(id, 'application-submitted')(h) || h.body.recipient.userId !== owner.id) return 200;
      held = h;
      await released;
      return 200;
    });
    await eventually(async () => held, 'a delivery to be in flight');
    const worker = world.worker!;
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
      worker.once('exit', (code, signal) => resolve(signal ?? code)),
    );
    const closing = waitForLog(worker, /shutting down: letting active jobs finish/, 10_000);
    worker.kill('SIGTERM');
    await closing;
    release();
    await exited;

    const deliveryId = held!.body.id;
    const [delivery] = await sql<{ status: string; attempts: number; done: boolean }>(
      `SELECT d.status, d.attempts, o.done_at IS NOT NULL AS done
       FROM notification_deliveries d JOIN outbox o ON o.dedup_key = 'delivery:' || d.id WHERE d.id = $1`,
      [deliveryId],
    );
    expect(delivery).toEqual({ status: 'sent', attempts: 1, done: true });

    // A new worker carries on; the finished delivery is never sent again.
    await world.startWorker();
    receiver.respondWith(() => 200);
    await waitForState(owner.token, id, 'first_review');
    await receiver.waitFor(hooksFor(id, 'review-requested'));
    expect(receiver.received.filter((h) => h.body.id === deliveryId)).toHaveLength(1);
  });
});
