import fc from 'fast-check';
import { Client } from 'pg';
import { api, makeUscc } from '../support/api-client';
import { e2eEnv } from '../support/test-env';

/** Values that break naive code: wrong types, huge and unicode strings, injection-looking text, prototypes. */
const hostile = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant("'; DROP TABLE users; --"),
  fc.constant('../../etc/passwd'),
  fc.constant('\u0000'),
  fc.constant('x'.repeat(100_000)),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
  fc.constant({ __proto__: { admin: true } }),
);

const registrationLike = fc.record(
  {
    uscc: fc.oneof(
      hostile,
      fc.constant(null).map(() => makeUscc()),
    ),
    name: hostile,
    zoneCode: fc.oneof(hostile, fc.constantFrom('ningxiang-htz', 'changsha-etdz')),
    username: fc.oneof(hostile, fc.stringMatching(/^[a-z0-9]{3,12}$/)),
    password: hostile,
    bankAccount: fc.oneof(
      hostile,
      fc.record({ bankName: hostile, accountName: hostile, accountNo: hostile }),
    ),
    role: hostile,
  },
  { requiredKeys: [] },
);

async function snapshotCounts(pg: Client) {
  const { rows } = await pg.query(`
    SELECT (SELECT count(*) FROM enterprises)::int AS enterprises,
           (SELECT count(*) FROM users)::int AS users,
           (SELECT count(*) FROM enterprises e WHERE NOT EXISTS (
              SELECT 1 FROM users u WHERE u.enterprise_id = e.id AND u.is_enterprise_owner))::int AS orphans`);
  return rows[0] as { enterprises: number; users: number; orphans: number };
}

describe('DTO fuzzing (fast-check): no 500, problem+json, no partial writes', () => {
  let pg: Client;
  beforeAll(async () => {
    pg = new Client({ connectionString: e2eEnv().databaseUrl });
    await pg.connect();
  });
  afterAll(() => pg.end());

  it('register-enterprise', async () => {
    await fc.assert(
      fc.asyncProperty(registrationLike, async (body) => {
        const before = await snapshotCounts(pg);
        const res = await api()
          .post('/auth/register-enterprise')
          .send(body as object);
        expect(res.status).toBeLessThan(500);
        const after = await snapshotCounts(pg);
        // Other test files seed enterprises directly; only a change in the count would be ours.
        expect(after.orphans).toBe(before.orphans);
        if (res.status === 201) {
          expect(after.enterprises - before.enterprises).toBeGreaterThanOrEqual(1);
        } else {
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(res.body.status).toBe(res.status);
          if (res.status === 400) expect(res.body.errors.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 120 },
    );
  });

  it('login', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ username: hostile, password: hostile }, { requiredKeys: [] }),
        async (body) => {
          const res = await api()
            .post('/auth/login')
            .send(body as object);
          expect([400, 401, 429]).toContain(res.status);
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('a lone surrogate, which JSON can spell and Postgres cannot store, is a 400 naming its field', async () => {
    const res = await api()
      .post('/auth/register-enterprise')
      .set('content-type', 'application/json')
      .send('{"name":"\\ud800","bankAccount":{"accountName":"a\\udc00"}}');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'name',
      'bankAccount.accountName',
    ]);
  });

  it('any nesting deeper than 64 levels, of any mix of objects and arrays: a 400 naming the body', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 65, max: 4000 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
        async (depth, pattern) => {
          let raw = '1';
          for (let i = 0; i < depth; i++) raw = pattern[i % pattern.length] ? `[${raw}]` : `{"k":${raw}}`;
          const res = await api().post('/auth/login').set('content-type', 'application/json').send(raw);
          expect(res.status).toBe(400);
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(res.body.errors[0].field).toBe('body');
        },
      ),
      { numRuns: 40 },
    );
  });

  it('raw bodies that are not JSON objects', async () => {
    for (const raw of [
      '',
      'null',
      '[]',
      '"text"',
      '42',
      '{"a":',
      '\u0000',
      '{"uscc":{"$gt":""}}',
      '{"password":{"__proto__":""}}',
    ]) {
      const res = await api()
        .post('/auth/register-enterprise')
        .set('content-type', 'application/json')
        .send(raw);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      if (res.status === 400) expect(res.body.errors[0].field).toBeDefined();
    }
  });
});
