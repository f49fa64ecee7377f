import { Client } from 'pg';

export interface SetBasedResult {
  seconds: number;
  inserted: number;
  /** Rows inserted by running the statement a second time (must be 0). */
  rerunInserted: number;
  byProgram: Record<string, number>;
}

type Num = number | { param: string };
interface Definition {
  parameters?: Record<string, { value: number | string }>;
  amount: { amountFen?: Num; rateBasisPoints?: Num; capFen?: Num };
}

/**
 * The sweep's baseline: the same matches as the zones' eight `auto` programs, found by ONE set-based
 * `INSERT ... SELECT` into a scratch table (no evaluation engine, no evidence, no workflow, no audit,
 * no outbox). The rules are those of the seed catalog (libs/policies README), with every figure read
 * from the pinned program versions' definitions:
 * - facts: the newest record per (enterprise, key, subject, period), self-declared ones ignored;
 * - blacklisted enterprises are passed over;
 * - high-tech enterprise (Ningxiang, Guangzhou): certificate granted in the fiscal year;
 * - listing (Ningxiang): listed in the fiscal year on an exchange other than NEEQ;
 * - R&D investment (Changsha): R&D of the year ≥ threshold, rate × increase, capped, > 0;
 * - future industry (Changsha): recognised by year end, rate × sales increase, capped, > 0;
 * - little giant / single champion (Changsha): recognised in the fiscal year, the higher award only;
 * - innovative talents plan (Xixian): per person recognised under the plan, by `asOf`, whose plan
 *   starts in the fiscal year; installment 1 = rate × the person's tax contribution of the year before.
 */
export async function runSetBasedAutoGrants(
  databaseUrl: string,
  opts: SetBasedOptions,
): Promise<SetBasedResult> {
  const client = new Client({ connectionString: databaseUrl, application_name: 'huiqi-bench-set-based' });
  await client.connect();
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS bench_sql_grants (
      enterprise_id uuid NOT NULL, program_code text NOT NULL, beneficiary_key text NOT NULL, period text NOT NULL,
      amount_fen bigint NOT NULL CHECK (amount_fen > 0),
      PRIMARY KEY (enterprise_id, program_code, beneficiary_key, period))`);
    await client.query('TRUNCATE bench_sql_grants');
    const statement = await setBasedStatement(client, opts);
    const started = performance.now();
    const first = await client.query(statement);
    const seconds = (performance.now() - started) / 1000;
    const rerun = await client.query(statement);
    const counts = await client.query<{ program_code: string; n: number }>(
      'SELECT program_code, count(*)::int AS n FROM bench_sql_grants GROUP BY program_code ORDER BY program_code',
    );
    return {
      seconds,
      inserted: first.rowCount ?? 0,
      rerunInserted: rerun.rowCount ?? 0,
      byProgram: Object.fromEntries(counts.rows.map((r) => [r.program_code, r.n])),
    };
  } finally {
    await client.end();
  }
}

export interface SetBasedOptions {
  fiscalYear: number;
  asOf: string;
  programs: { code: string; version: number }[];
}

/** The one INSERT ... SELECT, with the figures of the pinned program versions. */
export async function setBasedStatement(client: Client, opts: SetBasedOptions): Promise<string> {
  const defs = new Map<string, Definition>();
  const rows = await client.query<{ code: string; definition: Definition }>(
    `SELECT code, definition FROM program_versions pv
       JOIN unnest($1::text[], $2::int[]) AS p(code, version) USING (code, version)`,
    [opts.programs.map((p) => p.code), opts.programs.map((p) => p.version)],
  );
  for (const r of rows.rows) defs.set(r.code, r.definition);
  const value = (code: string, n: Num | undefined, fallback = 0): number => {
    const def = defs.get(code);
    if (n === undefined || !def) return fallback;
    return typeof n === 'number' ? n : Number(def.parameters?.[n.param]?.value ?? fallback);
  };
  const param = (code: string, name: string, fallback: string | number) =>
    defs.get(code)?.parameters?.[name]?.value ?? fallback;
  const amount = (code: string) => defs.get(code)?.amount ?? {};
  const fixed = (code: string) => value(code, amount(code).amountFen);
  const rate = (code: string) => value(code, amount(code).rateBasisPoints);
  const cap = (code: string) => value(code, amount(code).capFen, Number.MAX_SAFE_INTEGER);
  const on = (code: string) => defs.has(code);

  const fy = opts.fiscalYear;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf)) throw new Error(`asOf must be YYYY-MM-DD, got ${opts.asOf}`);
  const asOf = opts.asOf;
  const RND = 'changsha-etdz.rnd-investment';
  const FUTURE = 'changsha-etdz.future-industry';
  const LITTLE = 'changsha-etdz.little-giant';
  const CHAMPION = 'changsha-etdz.single-champion';
  const TALENTS = 'xixian-new-area.innovative-talents-plan';
  // Every branch reads `ent` (one row per enterprise, its facts pivoted) or `persons` (one row per
  // talent): plain scans, no join between fact sets, so the statement stays linear in the data.
  const branches: string[] = [];
  for (const zone of ['ningxiang-htz', 'guangzhou-science-city']) {
    const code = `${zone}.high-tech-enterprise`;
    if (on(code))
      branches.push(`
          SELECT id, '${code}', 'enterprise', 'once', ${fixed(code)}::bigint FROM ent
          WHERE zone = '${zone}' AND high_tech_on BETWEEN fy_start AND fy_end`);
  }
  if (on('ningxiang-htz.listing'))
    branches.push(`
        SELECT id, 'ningxiang-htz.listing', 'enterprise', 'once', ${fixed('ningxiang-htz.listing')}::bigint FROM ent
        WHERE zone = 'ningxiang-htz' AND exchange <> 'NEEQ' AND listed_on BETWEEN fy_start AND fy_end`);
  const increase = (code: string, current: string, previous: string, extra: string) => `
        SELECT id, '${code}', 'enterprise', '${fy}', least(${cap(code)}::bigint, (${current} - ${previous}) * ${rate(code)} / 10000)
        FROM ent
        WHERE zone = 'changsha-etdz' AND (${current} - ${previous}) * ${rate(code)} / 10000 > 0 ${extra}`;
  if (on(RND))
    branches.push(
      increase(RND, 'rnd_fy', 'rnd_prev', `AND rnd_fy >= ${value(RND, { param: 'rndScaleThresholdFen' })}`),
    );
  if (on(FUTURE)) branches.push(increase(FUTURE, 'sales_fy', 'sales_prev', 'AND future_on <= fy_end'));
  const honours = [
    [LITTLE, 'little_giant_on'],
    [CHAMPION, 'single_champion_on'],
  ].filter(([code]) => on(code));
  if (honours.length)
    branches.push(`
        SELECT DISTINCT ON (id) id, h.code, 'enterprise', 'once', h.reward
        FROM ent CROSS JOIN LATERAL (VALUES ${honours
          .map(([code, column]) => `('${code}', ${column}, ${value(code, { param: 'rewardFen' })}::bigint)`)
          .join(', ')}) AS h(code, recognised_on, reward)
        WHERE zone = 'changsha-etdz' AND h.recognised_on BETWEEN fy_start AND fy_end
        ORDER BY id, h.reward DESC, h.code`);
  if (on(TALENTS))
    branches.push(`
        SELECT p.enterprise_id, '${TALENTS}', p.subject, 'once', p.tax_prev * ${rate(TALENTS)} / 10000
        FROM persons p
        WHERE p.zone = 'xixian-new-area'
          AND p.programme = '${param(TALENTS, 'recognitionProgramme', 'qinchuangyuan-innovative-talents')}'
          AND p.recognised_on <= '${asOf}'::date
          AND extract(year FROM p.recognised_on) + ${param(TALENTS, 'firstInstallmentOffsetYears', 1)} = ${fy}
          AND p.tax_prev * ${rate(TALENTS)} / 10000 > 0`);

  return `
      WITH cur AS (
        SELECT DISTINCT ON (enterprise_id, key, subject, period) enterprise_id, key, subject, period, value
        FROM enterprise_facts WHERE source <> 'self_declared'
        ORDER BY enterprise_id, key, subject, period, received_at DESC, created_at DESC
      ),
      ent AS (
        SELECT e.id, z.code AS zone, make_date(${fy}, 1, 1) AS fy_start, make_date(${fy}, 12, 31) AS fy_end,
          max(c.value->>'grantedOn') FILTER (WHERE c.key = 'high_tech_certificate')::date AS high_tech_on,
          max(c.value->>'exchange') FILTER (WHERE c.key = 'listing') AS exchange,
          max(c.value->>'listedOn') FILTER (WHERE c.key = 'listing')::date AS listed_on,
          max(c.value->>'recognisedOn') FILTER (WHERE c.key = 'future_industry_recognition')::date AS future_on,
          max(c.value->>'recognisedOn') FILTER (WHERE c.key = 'little_giant_recognition')::date AS little_giant_on,
          max(c.value->>'recognisedOn') FILTER (WHERE c.key = 'single_champion_recognition')::date AS single_champion_on,
          max((c.value #>> '{}')::bigint) FILTER (WHERE c.key = 'rnd_expense_fen' AND c.period = '${fy}') AS rnd_fy,
          max((c.value #>> '{}')::bigint) FILTER (WHERE c.key = 'rnd_expense_fen' AND c.period = '${fy - 1}') AS rnd_prev,
          max((c.value #>> '{}')::bigint) FILTER (WHERE c.key = 'sales_revenue_fen' AND c.period = '${fy}') AS sales_fy,
          max((c.value #>> '{}')::bigint) FILTER (WHERE c.key = 'sales_revenue_fen' AND c.period = '${fy - 1}') AS sales_prev
        FROM enterprises e JOIN zones z ON z.id = e.zone_id
        LEFT JOIN cur c ON c.enterprise_id = e.id AND c.subject IS NULL
        WHERE NOT EXISTS (SELECT 1 FROM enterprise_blacklist b WHERE b.enterprise_id = e.id AND b.lifted_at IS NULL
                            AND b.barred_from <= now() AND b.barred_until > now())
        GROUP BY e.id, z.code
      ),
      persons AS (
        SELECT c.enterprise_id, c.subject, z.code AS zone,
          max(c.value->>'programme') FILTER (WHERE c.key = 'talent_recognition') AS programme,
          max(c.value->>'recognisedOn') FILTER (WHERE c.key = 'talent_recognition')::date AS recognised_on,
          max((c.value #>> '{}')::bigint) FILTER (WHERE c.key = 'personal_tax_contribution_fen' AND c.period = '${fy - 1}') AS tax_prev
        FROM cur c JOIN enterprises e ON e.id = c.enterprise_id JOIN zones z ON z.id = e.zone_id
        WHERE c.subject IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM enterprise_blacklist b WHERE b.enterprise_id = e.id AND b.lifted_at IS NULL
                            AND b.barred_from <= now() AND b.barred_until > now())
        GROUP BY c.enterprise_id, c.subject, z.code
      )
      INSERT INTO bench_sql_grants (enterprise_id, program_code, beneficiary_key, period, amount_fen)
      ${branches.map((b) => `(${b.trim()})`).join('\nUNION ALL\n')}
      ON CONFLICT DO NOTHING`;
}
