import { createWorkflow } from '@huiqi/workflow';
import { Benchmark, BenchContext } from '../lib/context';
import { interleave, measureApp, Measured } from '../lib/interleave';
import { sql } from '../lib/pg';
import { MetricRow, row } from '../lib/report';

const NAME = 'inbox, 100k cases';
/** Not the bench's own zone (Ningxiang): the other benchmarks keep their zone's inbox as they made it. */
const ZONE = 'changsha-etdz';
const CASES = 100_000;
const ENTERPRISES = 20_000;
const CHUNK = 10_000;
const ROUNDS = 3;

/**
 * The officer's inbox (GET /applications) in a zone of 100,000 cases and 20,000 enterprises: the first
 * page as a person opens it, one request at a time, for the default view and the filters and searches
 * the console offers (each page answers with its total). Baseline: GET /auth/me (token check, one user
 * row) by the same officer, in alternating rounds. The cases are written straight into the database in
 * the shape the inbox reads (states, stages, deadlines across ±40 days, a quarter assigned to the
 * officer, drafts that must never show), as the plan test `apps/api/src/inbox/inbox-plan.int-spec.ts` does.
 */
export const inboxBenchmark: Benchmark = {
  name: 'inbox',
  title: 'Inbox first page with 100k cases in the zone',
  async run(ctx) {
    const { api, adminToken, stack, scale } = ctx;
    const officer = await api.createStaff(adminToken, 'officer', ZONE);
    ctx.log(`seeding ${CASES} cases of ${ENTERPRISES} enterprises into ${ZONE}`);
    const sample = await seedZone(ctx, officer.id);
    const requests = scale.name === 'full' ? 600 : 150;
    const views: [string, string][] = [
      ['first page', '/applications'],
      ['overdue', '/applications?overdue=true'],
      ['mine', '/applications?assignee=mine'],
      ['newest submissions', '/applications?sort=-submitted'],
      ['search case number', `/applications?q=${encodeURIComponent(sample.reference)}`],
      ['search USCC', `/applications?q=${sample.uscc}`],
      ['search name', `/applications?q=${encodeURIComponent(sample.namePart)}`],
    ];
    const probe = await api.call<{ total: number }>('GET', '/applications', {
      token: officer.token,
      expect: 200,
    });
    const get = (path: string) => (n: number) =>
      measureApp(stack, {
        url: stack.apiUrl,
        method: 'GET',
        connections: 1,
        amount: n,
        request: () => ({ path, headers: { authorization: `Bearer ${officer.token}` } }),
      });
    const me = get('/auth/me');
    ctx.log('warm-up');
    for (const [, path] of views) await get(path)(20);
    await me(50);
    const rows: MetricRow[] = [];
    const details: Record<string, unknown> = {
      cases: CASES,
      enterprises: ENTERPRISES,
      total: probe.body.total,
    };
    for (const [label, path] of views) {
      ctx.log(`${label}: GET ${path} × ${requests} and GET /auth/me, one at a time, ${ROUNDS} rounds`);
      const measured = await interleave(requests, ROUNDS, (from, to) => get(path)(to - from), me);
      rows.push(...latencyRows(label, measured));
      details[label] = measured;
    }
    return { rows, details };
  },
};

function latencyRows(label: string, m: { app: Measured; baseline: Measured }): MetricRow[] {
  const rows = [
    row(NAME, `${label} median`, 'ms', m.app.load.latency.p50, m.baseline.load.latency.p50),
    row(NAME, `${label} p99`, 'ms', m.app.load.latency.p99, m.baseline.load.latency.p99),
  ];
  if (m.app.load.failed) {
    rows.push(
      row(NAME, `${label} failed`, '', m.app.load.failed, null, null, JSON.stringify(m.app.load.statuses)),
    );
  }
  return rows;
}

/** 100k cases in the zone; returns a case's reference, its enterprise's USCC and part of its name. */
async function seedZone(
  ctx: BenchContext,
  officerId: string,
): Promise<{ reference: string; uscc: string; namePart: string }> {
  const url = ctx.stack.databaseUrl;
  const [zone] = await sql<{ id: string }>(url, `SELECT id FROM zones WHERE code = $1`, [ZONE]);
  await sql(
    url,
    `INSERT INTO enterprises (id, uscc, name, zone_id)
     SELECT gen_random_uuid(), '9143' || lpad((n + 500000)::text, 14, '0'), '湖南' || md5(n::text) || '科技有限公司', $1::uuid
     FROM generate_series(1, $2) n`,
    [zone.id, ENTERPRISES],
  );
  // A valid workflow snapshot (the list computes each case's available actions from it); each row
  // sets its own state into it.
  const { snapshot } = createWorkflow('apply', {
    applicationId: 'seeded',
    enterpriseId: 'seeded',
    params: {
      directorApprovalAboveFen: 50_000_000,
      expertReview: 'never',
      publicityWorkingDays: 5,
      amountSetByReview: false,
    },
    computedAmountFen: 100_000,
  });
  for (let from = 1; from <= CASES; from += CHUNK) {
    // In chunks: every row passes the per-zone reference trigger.
    await sql(
      url,
      `WITH e AS (SELECT id, row_number() OVER (ORDER BY uscc) - 1 AS k FROM enterprises WHERE zone_id = $1::uuid)
       INSERT INTO applications (zone_id, enterprise_id, program_code, program_version, mode, beneficiary_kind,
         beneficiary_key, period, fiscal_year, state, machine_version, snapshot, stage, stage_started_at,
         stage_due_at, assignee_id, submitted_at, computed_amount_fen)
       SELECT $1::uuid, e.id, (SELECT min(code) FROM program_versions WHERE code LIKE $5 AND version = 1), 1, 'apply',
         'enterprise', 'bench-inbox|' || n, '2026', 2026,
         CASE WHEN n % 10 = 0 THEN 'draft' WHEN n % 3 = 0 THEN 'director_approval' ELSE 'first_review' END,
         1, jsonb_set($7::jsonb, '{value}', to_jsonb(
           CASE WHEN n % 10 = 0 THEN 'draft' WHEN n % 3 = 0 THEN 'director_approval' ELSE 'first_review' END)),
         CASE WHEN n % 3 = 0 THEN 'director_approval' ELSE 'first_review' END, now(),
         now() + (n % 80 - 40) * interval '1 day', CASE WHEN n % 4 = 0 THEN $3::uuid END,
         now() - (n % 90) * interval '1 day', 100000 * (n % 50)
       FROM generate_series($4::int, $2) n JOIN e ON e.k = n % $6`,
      [
        zone.id,
        Math.min(from + CHUNK - 1, CASES),
        officerId,
        from,
        `${ZONE}.%`,
        ENTERPRISES,
        JSON.stringify(snapshot),
      ],
    );
  }
  // What autovacuum does soon after a bulk load: statistics, and the visibility map index-only scans need.
  await sql(url, 'VACUUM ANALYZE enterprises');
  await sql(url, 'VACUUM ANALYZE applications');
  const [s] = await sql<{ reference: string; uscc: string; name_part: string }>(
    url,
    `SELECT a.reference, e.uscc, substr(e.name, 3, 8) AS name_part
     FROM applications a JOIN enterprises e ON e.id = a.enterprise_id
     WHERE a.zone_id = $1 AND a.state <> 'draft' ORDER BY a.reference LIMIT 1 OFFSET 4321`,
    [zone.id],
  );
  return { reference: s.reference, uscc: s.uscc, namePart: s.name_part };
}
