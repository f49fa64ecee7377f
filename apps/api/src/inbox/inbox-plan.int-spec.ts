import { ApplicationEntity, dataSourceOptions } from '@huiqi/database';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createIsolatedDatabase } from '../../../../test/support/isolated-db';
import type { Principal } from '../auth/principal';
import { applyInboxFilters, applyInboxSort, resolveInboxSearch } from './inbox-filter';
import type { InboxQueryDto } from './inbox.dto';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/**
 * The inbox's queries over a zone of 100,000 cases (and a neighbouring zone): each one reads
 * applications through an index, never by scanning the table. Plans, not timings.
 */
const CHUNK = 10_000;

describe('inbox query plans with 100k cases in a zone', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  let principal: Principal;
  let sampleReference: string;
  let sampleUscc: string;
  let sampleNamePart: string;

  beforeAll(async () => {
    db = await createIsolatedDatabase('inbox_plan');
    ds = await new DataSource({
      ...dataSourceOptions({ database: { url: db.url, poolSize: 2 } }, 'inbox-plan-test'),
    }).initialize();
    const zones: { id: string; code: string }[] = await ds.query(
      `SELECT id, code FROM zones WHERE code IN ('changsha-etdz', 'ningxiang-htz') ORDER BY code`,
    );
    const [zoneId, otherZoneId] = zones.map((z) => z.id);
    const officerId = randomUUID();
    await ds.query(
      `INSERT INTO users (id, username, password_hash, role, zone_id, display_name) VALUES ($1, 'plan-officer', 'x', 'officer', $2, '经办')`,
      [officerId, zoneId],
    );
    principal = {
      userId: officerId,
      language: null,
      username: 'plan-officer',
      role: 'officer',
      zoneId,
      enterpriseId: null,
      isEnterpriseOwner: false,
      displayName: '经办',
    };
    for (const [zone, count, cases] of [
      [zoneId, 20_000, 100_000],
      [otherZoneId, 400, 20_000],
    ] as const) {
      await ds.query(
        `INSERT INTO enterprises (id, uscc, name, zone_id)
         SELECT gen_random_uuid(), '9143' || lpad((n + $3)::text, 14, '0'), '湖南' || md5(n::text || $1) || '科技有限公司', $1::uuid
         FROM generate_series(1, $2) n`,
        [zone, count, zone === zoneId ? 0 : 100_000],
      );
      // In chunks: each row passes the per-zone reference trigger, and one statement of 100k rows could
      // outlast statement_timeout on a loaded machine.
      for (let from = 1; from <= cases; from += CHUNK) {
        await ds.query(
          `WITH e AS (SELECT id, row_number() OVER (ORDER BY uscc) - 1 AS k FROM enterprises WHERE zone_id = $1::uuid)
           INSERT INTO applications (zone_id, enterprise_id, program_code, program_version, mode, beneficiary_kind,
             beneficiary_key, period, fiscal_year, state, machine_version, snapshot, stage, stage_started_at,
             stage_due_at, assignee_id, submitted_at, computed_amount_fen)
           SELECT $1::uuid, e.id, (SELECT min(code) FROM program_versions WHERE version = 1), 1, 'apply', 'enterprise', 'enterprise|' || n, '2026', 2026,
             CASE WHEN n % 10 = 0 THEN 'draft' WHEN n % 3 = 0 THEN 'director_approval' ELSE 'first_review' END,
             1, '{}'::jsonb, 'first_review', now(), now() + (n % 60 - 20) * interval '1 day',
             CASE WHEN n % 4 = 0 THEN $3::uuid END, now() - (n % 90) * interval '1 day', 100000 * (n % 50)
           FROM generate_series($4::int, $2) n JOIN e ON e.k = n % 100`,
          [zone, Math.min(from + CHUNK - 1, cases), zone === zoneId ? officerId : null, from],
        );
      }
    }
    await ds.query('ANALYZE enterprises');
    await ds.query('ANALYZE applications');
    const sample = await ds.query(
      `SELECT a.reference, e.uscc, substr(e.name, 2, 11) AS name_part FROM applications a JOIN enterprises e ON e.id = a.enterprise_id
       WHERE a.zone_id = $1 AND a.state <> 'draft' LIMIT 1`,
      [zoneId],
    );
    [sampleReference, sampleUscc, sampleNamePart] = [
      sample[0].reference,
      sample[0].uscc,
      sample[0].name_part,
    ];
  }, 300_000);

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  async function plan(q: Partial<InboxQueryDto>): Promise<PlanNode[]> {
    const qb = ds
      .getRepository(ApplicationEntity)
      .createQueryBuilder('a')
      .innerJoin('enterprises', 'e', 'e.id = a.enterprise_id')
      .innerJoin('zones', 'z', 'z.id = a.zone_id')
      .addSelect(['e.name AS enterprise_name', 'z.code AS zone_code'])
      .offset(0)
      .limit(20);
    const search = await resolveInboxSearch(ds.manager, principal, q.q);
    applyInboxSort(applyInboxFilters(qb, principal, q, search), q.sort);
    const [sql, params] = qb.getQueryAndParameters();
    const rows: { 'QUERY PLAN': { Plan: PlanNode }[] }[] = await ds.query(
      `EXPLAIN (FORMAT JSON) ${sql}`,
      params,
    );
    return nodes(rows[0]['QUERY PLAN'][0].Plan);
  }

  const applicationScans = (all: PlanNode[]) => all.filter((n) => n['Relation Name'] === 'applications');

  it.each([
    ['the default first page', {}],
    ['overdue first', { overdue: true }],
    ['mine', { assignee: 'mine' }],
    ['unassigned, by deadline', { assignee: 'unassigned' }],
    ['a stage', { stage: 'first_review' }],
    ['newest submissions', { sort: '-submitted' as const }],
  ])('%s reads applications through an index', async (_label, q) => {
    const scans = applicationScans(await plan(q));
    expect(scans.length).toBeGreaterThan(0);
    for (const scan of scans) expect(scan['Node Type']).not.toBe('Seq Scan');
  });

  it('the default page walks the inbox-order index', async () => {
    const scans = applicationScans(await plan({}));
    expect(scans.map((s) => s['Index Name'])).toContain('ix_applications_zone_inbox_order');
  });

  it('search by case number, USCC and name part uses indexes on both tables', async () => {
    const byReference = await plan({ q: sampleReference });
    for (const scan of applicationScans(byReference)) expect(scan['Node Type']).not.toBe('Seq Scan');
    expect(byReference.map((n) => n['Index Name'])).toContain('ix_applications_reference_prefix');

    const byUscc = await plan({ q: sampleUscc });
    for (const scan of applicationScans(byUscc)) expect(scan['Node Type']).not.toBe('Seq Scan');

    const byName = await plan({ q: sampleNamePart });
    expect(applicationScans(byName).length).toBeGreaterThan(0);
    for (const scan of applicationScans(byName)) expect(scan['Node Type']).not.toBe('Seq Scan');

    // The enterprises behind a name search are found through the trigram index.
    const lookup: { 'QUERY PLAN': { Plan: PlanNode }[] }[] = await ds.query(
      `EXPLAIN (FORMAT JSON) SELECT id FROM enterprises WHERE name ILIKE $1 AND zone_id = $2 LIMIT 2001`,
      [`%${sampleNamePart}%`, principal.zoneId],
    );
    expect(nodes(lookup[0]['QUERY PLAN'][0].Plan).map((n) => n['Index Name'])).toContain(
      'ix_enterprises_name_trgm',
    );
  });
});
