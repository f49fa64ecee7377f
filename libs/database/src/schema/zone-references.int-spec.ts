import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { e2eEnv } from '../../../../test/support/test-env';

/**
 * Per-zone, per-year references from the counter table: concurrent transactions get distinct,
 * gap-free serials; a multi-row INSERT numbers every row; zones do not share counters; every new zone
 * gets a unique 2-4 letter tag.
 */
describe('zone references (migration 1795320000000)', () => {
  let pg: Pool;
  const yy = String(new Date().getUTCFullYear() % 100).padStart(2, '0');

  async function newZone(): Promise<{ id: string; tag: string }> {
    const code = `ref-${randomBytes(4).toString('hex')}`;
    const { rows } = await pg.query<{ id: string; reference_tag: string }>(
      `INSERT INTO zones (code, name_zh, name_en) VALUES ($1, $1, $1) RETURNING id, reference_tag`,
      [code],
    );
    return { id: rows[0].id, tag: rows[0].reference_tag };
  }

  beforeAll(() => {
    pg = new Pool({ connectionString: e2eEnv().databaseUrl, max: 10 });
  });
  afterAll(() => pg.end());

  it('gives the seed zones their tags and every new zone a unique one', async () => {
    const { rows } = await pg.query<{ code: string; reference_tag: string }>(
      `SELECT code, reference_tag FROM zones WHERE code IN ('ningxiang-htz', 'xixian-new-area', 'changsha-etdz', 'guangzhou-science-city') ORDER BY code`,
    );
    expect(rows.map((r) => r.reference_tag)).toEqual(['CS', 'GZ', 'NX', 'XX']);
    const zones = await Promise.all(Array.from({ length: 8 }, newZone));
    for (const z of zones) expect(z.tag).toMatch(/^[A-Z]{2,4}$/);
    const { rows: dup } = await pg.query(
      `SELECT reference_tag FROM zones GROUP BY reference_tag HAVING count(*) > 1`,
    );
    expect(dup).toEqual([]);
  });

  it('40 concurrent transactions get serials 1..40 of their zone, none twice', async () => {
    const zone = await newZone();
    const refs = await Promise.all(
      Array.from({ length: 40 }, async () => {
        const client = await pg.connect();
        try {
          await client.query('BEGIN');
          const { rows } = await client.query<{ ref: string }>(
            `SELECT next_zone_reference('HQ', $1) AS ref`,
            [zone.id],
          );
          await client.query('COMMIT');
          return rows[0].ref;
        } finally {
          client.release();
        }
      }),
    );
    const expected = Array.from(
      { length: 40 },
      (_, i) => `HQ${zone.tag}${yy}${String(i + 1).padStart(6, '0')}`,
    );
    expect([...refs].sort()).toEqual(expected);
  });

  it('numbers every row of a multi-row INSERT, per zone', async () => {
    const [a, b] = [await newZone(), await newZone()];
    const { rows } = await pg.query<{ zone_id: string; reference: string }>(
      `INSERT INTO disbursement_batches (zone_id, state, filters)
       SELECT z, 'draft', '{}'::jsonb FROM unnest($1::uuid[]) AS z
       RETURNING zone_id, reference`,
      [[a.id, a.id, b.id, a.id, b.id]],
    );
    const of = (zone: { id: string }) =>
      rows
        .filter((r) => r.zone_id === zone.id)
        .map((r) => r.reference)
        .sort();
    expect(of(a)).toEqual([1, 2, 3].map((n) => `PB${a.tag}${yy}00000${n}`));
    expect(of(b)).toEqual([1, 2].map((n) => `PB${b.tag}${yy}00000${n}`));
  });
});
