import fc from 'fast-check';
import { Client } from 'pg';
import {
  api,
  bearer,
  createStaff,
  registerEnterprise,
  TestEnterprise,
  TestUser,
} from '../support/api-client';
import { connectPg, makeIdNumber } from './support/catalog-fixtures';

const ZONE = 'guangzhou-science-city';

/** Any generated value as CSV cell text (some objects refuse String()). */
function cellText(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** Values that break naive code: wrong types, huge and unicode strings, floats, prototypes, NULs. */
const hostile = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.integer(),
  fc.double(),
  fc.constant(Number.MAX_SAFE_INTEGER + 2),
  fc.boolean(),
  fc.constant(null),
  fc.constant("'; DROP TABLE enterprise_facts; --"),
  fc.constant('\u0000'),
  fc.constant('x'.repeat(20_000)),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
  fc.constant({ __proto__: { admin: true } }),
  fc.constant({ certificateNo: 'GR1', grantedOn: '2025-01-01' }),
);

const keys = fc.oneof(
  hostile,
  fc.constantFrom(
    'rnd_expense_fen',
    'high_tech_certificate',
    'talent_recognition',
    'employees',
    'plot_ratio_milli',
  ),
);
const sources = fc.oneof(
  hostile,
  fc.constantFrom('tax_bureau', 'officer', 'science_technology_bureau', 'human_resources'),
);
const periods = fc.oneof(hostile, fc.constantFrom('2025', 2024, '1999', '20251'));
const values = fc.oneof(hostile, fc.integer({ min: -5, max: 5_000_000_000 }));

describe('facts and feeds under fuzzing (fast-check): no 500, problem+json, no partial writes', () => {
  let pg: Client;
  let officer: TestUser;
  let enterprise: TestEnterprise;

  beforeAll(async () => {
    pg = await connectPg();
    [officer, enterprise] = await Promise.all([createStaff('officer', ZONE), registerEnterprise(ZONE)]);
  });
  afterAll(() => pg.end());

  const factCount = async () =>
    (
      await pg.query(`SELECT count(*)::int AS n FROM enterprise_facts WHERE enterprise_id = $1`, [
        enterprise.enterpriseId,
      ])
    ).rows[0].n as number;

  it('POST /enterprises/{id}/facts', async () => {
    const body = fc.record(
      {
        key: keys,
        period: periods,
        value: values,
        source: sources,
        idNumber: fc.oneof(
          hostile,
          fc.constant(null).map(() => makeIdNumber()),
        ),
        subject: hostile,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(body, async (fact) => {
        const before = await factCount();
        const res = await api()
          .post(`/enterprises/${enterprise.enterpriseId}/facts`)
          .set(bearer(officer.token))
          .send(fact as object);
        expect(res.status).toBeLessThan(500);
        const after = await factCount();
        if (res.status === 201) {
          expect(after - before).toBe(res.body.changed ? 1 : 0);
        } else {
          expect(res.status).toBe(400);
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(res.body.errors.length).toBeGreaterThan(0);
          expect(after).toBe(before);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('POST /facts/imports (JSON)', async () => {
    const row = fc.oneof(
      hostile,
      fc.record(
        {
          uscc: fc.oneof(hostile, fc.constant(enterprise.uscc)),
          key: keys,
          period: periods,
          value: values,
          source: sources,
          idNumber: fc.oneof(
            hostile,
            fc.constant(null).map(() => makeIdNumber()),
          ),
          extra: hostile,
        },
        { requiredKeys: [] },
      ),
    );
    const feed = fc.record(
      { rows: fc.oneof(hostile, fc.array(row, { maxLength: 8 })), feedRef: hostile },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(feed, async (body) => {
        const before = await factCount();
        const res = await api()
          .post('/facts/imports')
          .set(bearer(officer.token))
          .send(body as object);
        expect(res.status).toBeLessThan(500);
        expect(res.headers['content-type']).toMatch(
          res.status === 201 ? /^application\/json/ : /^application\/problem\+json/,
        );
        const after = await factCount();
        if (res.status === 201) {
          // Exactly the rows the report says were written, all from this import.
          const { rows } = await pg.query(
            `SELECT count(*)::int AS n FROM enterprise_facts WHERE feed_id = $1`,
            [res.body.id],
          );
          expect(rows[0].n).toBe(res.body.replayed ? rows[0].n : res.body.written);
          expect(after - before).toBe(res.body.replayed ? 0 : res.body.written);
          expect(res.body.written + res.body.unchanged + res.body.duplicates + res.body.rejected).toBe(
            res.body.rows,
          );
        } else {
          expect(after).toBe(before);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('POST /facts/imports (CSV) with arbitrary text', async () => {
    const header = 'uscc,key,period,value,source,idNumber';
    const line = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc
        .tuple(keys, periods, values, sources)
        .map(([k, p, v, s]) =>
          [enterprise.uscc, k, p, v, s, ''].map((c) => JSON.stringify(cellText(c))).join(','),
        ),
    );
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(line, { maxLength: 6 }), async (withHeader, lines) => {
        const before = await factCount();
        const content = [...(withHeader ? [header] : []), ...lines].join('\n');
        const res = await api()
          .post('/facts/imports')
          .set(bearer(officer.token))
          .attach('file', Buffer.from(content, 'utf8'), 'feed.csv');
        expect(res.status).toBeLessThan(500);
        const after = await factCount();
        if (res.status !== 201) {
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(after).toBe(before);
        } else {
          expect(after - before).toBe(res.body.replayed ? 0 : res.body.written);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('raw bodies that are not JSON objects', async () => {
    const paths = [`/enterprises/${enterprise.enterpriseId}/facts`, '/facts/imports', '/calculator'];
    for (const path of paths) {
      for (const raw of [
        '',
        'null',
        '[]',
        '[{"uscc":1}]',
        '"text"',
        '42',
        '{"rows":',
        '{"rows":{"$gt":""}}',
      ]) {
        const res = await api()
          .post(path)
          .set(bearer(officer.token))
          .set('content-type', 'application/json')
          .send(raw);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    }
  });
});
