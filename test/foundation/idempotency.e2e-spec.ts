import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { api, expectProblem, makeUscc, uniqueName } from '../support/api-client';
import { e2eEnv } from '../support/test-env';

const registration = () => ({
  uscc: makeUscc(),
  name: '幂等测试有限公司',
  zoneCode: 'xixian-new-area',
  username: uniqueName('idem').toLowerCase(),
  password: `pw-${randomBytes(6).toString('hex')}`,
});

async function countEnterprises(uscc: string): Promise<number> {
  const pg = new Client({ connectionString: e2eEnv().databaseUrl });
  await pg.connect();
  try {
    const { rows } = await pg.query('SELECT count(*)::int AS n FROM enterprises WHERE uscc = $1', [uscc]);
    return rows[0].n;
  } finally {
    await pg.end();
  }
}

describe('Idempotency-Key', () => {
  it('replays the first response for a retry with the same key and body', async () => {
    const body = registration();
    const key = `k-${randomBytes(8).toString('hex')}`;
    const first = await api()
      .post('/auth/register-enterprise')
      .set('idempotency-key', key)
      .send(body)
      .expect(201);
    const retry = await api()
      .post('/auth/register-enterprise')
      .set('idempotency-key', key)
      .send(body)
      .expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await countEnterprises(body.uscc)).toBe(1);
  });

  it('answers 422 when the same key comes with a different body', async () => {
    const key = `k-${randomBytes(8).toString('hex')}`;
    await api()
      .post('/auth/register-enterprise')
      .set('idempotency-key', key)
      .send(registration())
      .expect(201);
    const res = await api()
      .post('/auth/register-enterprise')
      .set('idempotency-key', key)
      .send(registration());
    expectProblem(res, 422);
  });

  // 8, not more: the per-account registration limit (10 a minute in tests) would answer 429.
  it('lets exactly one of many concurrent requests with one key run; the others get 409 or the replay', async () => {
    const body = registration();
    const key = `k-${randomBytes(8).toString('hex')}`;
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        api().post('/auth/register-enterprise').set('idempotency-key', key).send(body),
      ),
    );
    const fresh = responses.filter((r) => r.status === 201 && r.headers['idempotent-replayed'] !== 'true');
    expect(fresh).toHaveLength(1);
    for (const r of responses) {
      if (r.status === 409) expect(r.body.type).toBe('urn:huiqi:problem:idempotency-key-in-flight');
      else expect(r.status).toBe(201);
    }
    expect(await countEnterprises(body.uscc)).toBe(1);
  });

  it('does not store failures: a failed request retried with its key runs again', async () => {
    const body = { ...registration(), zoneCode: 'no-such-zone' };
    const key = `k-${randomBytes(8).toString('hex')}`;
    expectProblem(await api().post('/auth/register-enterprise').set('idempotency-key', key).send(body), 400);
    const again = await api().post('/auth/register-enterprise').set('idempotency-key', key).send(body);
    expectProblem(again, 400);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
  });

  it('refuses a malformed key by name', async () => {
    const res = await api()
      .post('/auth/register-enterprise')
      .set('idempotency-key', 'x'.repeat(300))
      .send(registration());
    expectProblem(res, 400);
    expect(res.body.errors[0].field).toBe('Idempotency-Key');
  });
});
