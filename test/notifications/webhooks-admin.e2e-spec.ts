import { adminToken, api, bearer, createStaff, expectProblem } from '../support/api-client';
import { startWebhookReceiver, WebhookReceiver } from './support/webhook-receiver';

/** Admins manage a zone's webhook endpoints; the secret is shown once and never again. */
describe('zone webhooks (admin)', () => {
  let receiver: WebhookReceiver;
  let admin: string;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    admin = await adminToken();
  });

  afterAll(async () => {
    await receiver?.close();
  });

  it('creates with a generated secret shown once, lists, updates, disables and deletes', async () => {
    const created = await api()
      .post('/admin/webhooks')
      .set(bearer(admin))
      .send({ zoneCode: 'changsha-etdz', url: receiver.url, description: '经开区政务平台' })
      .expect(201);
    const id = created.body.id as string;
    try {
      expect(created.body).toMatchObject({ zoneCode: 'changsha-etdz', url: receiver.url, enabled: true });
      expect(created.body.secret).toMatch(/^[0-9a-f]{64}$/);
      const list = await api()
        .get('/admin/webhooks')
        .query({ zone: 'changsha-etdz' })
        .set(bearer(admin))
        .expect(200);
      const listed = list.body.find((w: { id: string }) => w.id === id);
      expect(listed).toMatchObject({ description: '经开区政务平台' });
      expect(listed).not.toHaveProperty('secret');

      const updated = await api()
        .patch(`/admin/webhooks/${id}`)
        .set(bearer(admin))
        .send({ enabled: false, secret: 'a-new-shared-secret-that-is-long-enough' })
        .expect(200);
      expect(updated.body).toMatchObject({ id, enabled: false, url: receiver.url });
      expect(updated.body).not.toHaveProperty('secret');
    } finally {
      await api().delete(`/admin/webhooks/${id}`).set(bearer(admin)).expect(204);
    }
    expectProblem(await api().delete(`/admin/webhooks/${id}`).set(bearer(admin)), 404);
    expectProblem(await api().patch(`/admin/webhooks/${id}`).set(bearer(admin)).send({ enabled: true }), 404);
    const after = await api().get('/admin/webhooks').set(bearer(admin)).expect(200);
    expect(after.body.map((w: { id: string }) => w.id)).not.toContain(id);
  });

  it('validates by field and is for admins only', async () => {
    const bad = await api()
      .post('/admin/webhooks')
      .set(bearer(admin))
      .send({ zoneCode: 'changsha-etdz', url: 'ftp://example.com/x', secret: 'short' });
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['secret', 'url']);
    const unknownZone = await api()
      .post('/admin/webhooks')
      .set(bearer(admin))
      .send({ zoneCode: 'no-such-zone', url: receiver.url });
    expectProblem(unknownZone, 400);
    expect(unknownZone.body.errors[0].field).toBe('zoneCode');
    const officer = await createStaff('officer', 'changsha-etdz');
    expectProblem(await api().get('/admin/webhooks').set(bearer(officer.token)), 403);
    expectProblem(
      await api()
        .post('/admin/webhooks')
        .set(bearer(officer.token))
        .send({ zoneCode: 'changsha-etdz', url: receiver.url }),
      403,
    );
    expectProblem(await api().get('/admin/notification-deliveries').set(bearer(officer.token)), 403);
    const badFilter = await api()
      .get('/admin/notification-deliveries')
      .query({ applicationId: '------------------------------------', status: 'lost' })
      .set(bearer(admin));
    expectProblem(badFilter, 400);
    expect(badFilter.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'applicationId',
      'status',
    ]);
  });
});
