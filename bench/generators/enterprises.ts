import { Client } from 'pg';

/** The four seed zones, in the order enterprise g is assigned to (g mod 4). */
export const ZONE_CODES = ['ningxiang-htz', 'xixian-new-area', 'changsha-etdz', 'guangzhou-science-city'];

export interface GeneratedData {
  enterprises: number;
  facts: number;
  persons: number;
  seconds: number;
}

/**
 * Makes `count` enterprises spread evenly over the four zones, with the facts the zones' `auto`
 * programs read, in a handful of set-based statements (no row-by-row inserts). Deterministic for a
 * given seed: every random choice is a hash of (enterprise number, what is chosen, seed).
 *
 * The mix, per enterprise (whatever its zone, as a data feed would deliver it):
 * - R&D expense and sales revenue for the fiscal year and the year before (tax bureau), log-uniform
 *   (R&D 10k–32M yuan, about 14% above Changsha's 10M threshold; sales 100k–1G yuan), the second
 *   year 0.8–1.3x the first;
 * - 30% hold a high-tech certificate granted 2023–2026 (so ~7.5% in the fiscal year);
 * - 3% are listed (SSE, SZSE, BSE, HKEX or NEEQ quotation, which is not a listing) 2022–2026;
 * - 6% are recognised future-industry enterprises (2024–2026);
 * - 4% are national "little giants" (2024–2026); 1.5% of all are also single champions recognised
 *   the same day (exclusivity: the higher award only), and 0.5% are champions alone;
 * - 8% employ 1–3 recognised talents (70% under Qinchuangyuan's innovative-talents plan,
 *   recognised 2024 or 2025), each with personal tax contributions for the two years before `fy`.
 */
export async function generateEnterprises(
  databaseUrl: string,
  opts: { count: number; fiscalYear: number; seed?: number },
): Promise<GeneratedData> {
  const started = performance.now();
  const seed = opts.seed ?? 20_260_101;
  const client = new Client({ connectionString: databaseUrl, application_name: 'huiqi-bench-generator' });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `CREATE TEMP TABLE gen ON COMMIT DROP AS
       SELECT g, md5('huiqi-bench:' || $2 || ':' || g)::uuid AS id, z.id AS zone_id
       FROM generate_series(1, $1::int) g
       JOIN (SELECT id, array_position($3::text[], code) - 1 AS idx FROM zones) z ON z.idx = g % 4`,
      [opts.count, seed, ZONE_CODES],
    );
    const enterprises = await client.query(
      `INSERT INTO enterprises (id, uscc, name, zone_id, created_at, updated_at)
       SELECT id, '91' || lpad(g::text, 16, '0'), '基准科技有限公司' || g, zone_id, now() - interval '1 day', now()
       FROM gen`,
    );
    const { facts, persons } = await insertFacts(client, opts.fiscalYear, seed);
    await client.query('COMMIT');
    // What autovacuum would do after a bulk load; the sweep's queries are planned on real statistics.
    await client.query('ANALYZE enterprises');
    await client.query('ANALYZE enterprise_facts');
    return {
      enterprises: enterprises.rowCount ?? 0,
      facts,
      persons,
      seconds: (performance.now() - started) / 1000,
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** The same mix of facts for enterprises that exist already (e.g. registered through the API). */
export async function addFactsFor(
  databaseUrl: string,
  enterpriseIds: string[],
  opts: { fiscalYear: number; seed?: number },
): Promise<{ facts: number; persons: number }> {
  const seed = opts.seed ?? 20_260_101;
  const client = new Client({ connectionString: databaseUrl, application_name: 'huiqi-bench-generator' });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `CREATE TEMP TABLE gen ON COMMIT DROP AS
       SELECT row_number() OVER (ORDER BY id)::int AS g, id, zone_id FROM enterprises WHERE id = ANY($1::uuid[])`,
      [enterpriseIds],
    );
    const result = await insertFacts(client, opts.fiscalYear, seed);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** Inserts the facts of every enterprise of the temp table `gen` (g, id, zone_id), set-based. */
async function insertFacts(
  client: Client,
  fy: number,
  seed: number,
): Promise<{ facts: number; persons: number }> {
  // A pseudo-random integer 0..9999 for (n, tag): stable across runs for one seed.
  await client.query(`
      CREATE OR REPLACE FUNCTION pg_temp.r(n bigint, tag text) RETURNS int LANGUAGE sql IMMUTABLE AS
      $$ SELECT (abs(hashtextextended(n::text || ':' || tag, ${seed})) % 10000)::int $$`);
  // A date in year y (months 1-10, so nothing lies in the future of a late-year run).
  await client.query(`
      CREATE OR REPLACE FUNCTION pg_temp.day_in(y int, n bigint, tag text) RETURNS text LANGUAGE sql IMMUTABLE AS
      $$ SELECT to_char(make_date(y, 1 + pg_temp.r(n, tag || 'm') % 10, 1 + pg_temp.r(n, tag || 'd') % 28), 'YYYY-MM-DD') $$`);
  const facts = async (sql: string) => (await client.query(sql)).rowCount ?? 0;
  const insert = `INSERT INTO enterprise_facts (enterprise_id, zone_id, key, subject, period, value, source, received_at)`;
  const received = `now() - interval '1 hour'`;
  let factCount = 0;
  // R&D expense and sales revenue, two fiscal years (fen, log-uniform).
  factCount += await facts(`
      ${insert}
      SELECT id, zone_id, k.key, NULL, p.period::text, to_jsonb(
               (round(power(10, k.low + k.span * pg_temp.r(g, k.key) / 10000.0)) * 100
                * CASE WHEN p.period = ${fy} THEN (8000 + pg_temp.r(g, k.key || 'growth') / 2) ELSE 10000 END
                / 10000)::bigint),
             'tax_bureau', ${received}
      FROM gen
      CROSS JOIN (VALUES ('rnd_expense_fen', 4.0, 3.5), ('sales_revenue_fen', 5.0, 4.0)) AS k(key, low, span)
      CROSS JOIN (VALUES (${fy - 1}), (${fy})) AS p(period)`);
  factCount += await facts(`
      ${insert}
      SELECT id, zone_id, 'high_tech_certificate', NULL, NULL,
             jsonb_build_object('certificateNo', 'GR' || (2023 + pg_temp.r(g, 'hty') % 4) || lpad(g::text, 8, '0'),
                                'grantedOn', pg_temp.day_in(${fy} - 3 + pg_temp.r(g, 'hty') % 4, g, 'ht')),
             'science_technology_bureau', ${received}
      FROM gen WHERE pg_temp.r(g, 'ht') < 3000`);
  factCount += await facts(`
      ${insert}
      SELECT id, zone_id, 'listing', NULL, NULL,
             jsonb_build_object('exchange', (ARRAY['SSE','SZSE','BSE','HKEX','NEEQ'])[1 + pg_temp.r(g, 'lsx') % 5],
                                'ticker', lpad((g % 1000000)::text, 6, '0'),
                                'listedOn', pg_temp.day_in(${fy} - 4 + pg_temp.r(g, 'lsy') % 5, g, 'ls')),
             'stock_exchange', ${received}
      FROM gen WHERE pg_temp.r(g, 'ls') < 300`);
  factCount += await facts(`
      ${insert}
      SELECT id, zone_id, 'future_industry_recognition', NULL, NULL,
             jsonb_build_object('field', (ARRAY['future-manufacturing','future-energy','future-information',
                                                'future-biology','future-materials'])[1 + pg_temp.r(g, 'fif') % 5],
                                'recognisedOn', pg_temp.day_in(${fy} - 2 + pg_temp.r(g, 'fiy') % 3, g, 'fi')),
             'science_technology_bureau', ${received}
      FROM gen WHERE pg_temp.r(g, 'fi') < 600`);
  // Little giants; the first 1.5% of all are single champions too, recognised the same day.
  factCount += await facts(`
      ${insert}
      SELECT id, zone_id, k.key, NULL, NULL,
             jsonb_build_object('level', 'national', 'recognisedOn', pg_temp.day_in(${fy} - 2 + pg_temp.r(g, 'lgy') % 3, g, 'lg')),
             'officer', ${received}
      FROM gen CROSS JOIN (VALUES ('little_giant_recognition', 400), ('single_champion_recognition', 150)) AS k(key, share)
      WHERE pg_temp.r(g, 'lg') < k.share`);
  factCount += await facts(`
      ${insert}
      SELECT id, zone_id, 'single_champion_recognition', NULL, NULL,
             jsonb_build_object('level', 'national', 'recognisedOn', pg_temp.day_in(${fy} - 2 + pg_temp.r(g, 'scy') % 3, g, 'sc')),
             'officer', ${received}
      FROM gen WHERE pg_temp.r(g, 'lg') >= 400 AND pg_temp.r(g, 'sc') < 50`);
  // Talents: a recognition and two years of personal tax contributions per person.
  await client.query(`
      CREATE TEMP TABLE gen_persons ON COMMIT DROP AS
      SELECT g, id, zone_id, p, 'person:' || md5('${seed}:' || g || ':' || p) AS subject
      FROM gen CROSS JOIN LATERAL generate_series(1, 1 + pg_temp.r(g, 'tln') % 3) AS p
      WHERE pg_temp.r(g, 'tl') < 800`);
  factCount += await facts(`
      ${insert}
      SELECT id, zone_id, 'talent_recognition', subject, NULL,
             jsonb_build_object(
               'tier', (ARRAY['leading','innovative','young'])[1 + pg_temp.r(g * 10 + p, 'tt') % 3],
               'programme', CASE WHEN pg_temp.r(g * 10 + p, 'tp') < 7000 THEN 'qinchuangyuan-innovative-talents'
                                 ELSE 'provincial-high-level-talents' END,
               'recognisedOn', pg_temp.day_in(${fy} - 2 + pg_temp.r(g * 10 + p, 'ty') % 2, g * 10 + p, 'tr')),
             'human_resources', ${received}
      FROM gen_persons`);
  factCount += await facts(`
      ${insert}
      SELECT id, zone_id, 'personal_tax_contribution_fen', subject, y::text,
             to_jsonb((round(power(10, 4.7 + 1.6 * pg_temp.r(g * 10 + p, 'tax' || y) / 10000.0)) * 100)::bigint),
             'tax_bureau', ${received}
      FROM gen_persons CROSS JOIN (VALUES (${fy - 2}), (${fy - 1})) AS t(y)`);
  const persons = await client.query('SELECT count(*)::int AS n FROM gen_persons');
  return { facts: factCount, persons: (persons.rows[0] as { n: number }).n };
}
