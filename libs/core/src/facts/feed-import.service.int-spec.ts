import { ConfigModule, loadConfig } from '@huiqi/config';
import { AuditModule } from '@huiqi/core/audit/audit.module';
import { DatabaseModule } from '@huiqi/core/database/database.module';
import { OutboxModule } from '@huiqi/core/outbox/outbox.module';
import { Test, TestingModule } from '@nestjs/testing';
import { ClsModule } from 'nestjs-cls';
import { DataSource } from 'typeorm';
import { makeUscc } from '../../../../test/support/api-client';
import { createIsolatedDatabase } from '../../../../test/support/isolated-db';
import { e2eEnv, secretsEnv } from '../../../../test/support/test-env';
import { FactsCoreModule } from './facts-core.module';
import { FeedImportService } from './feed-import.service';

/** Feed imports against real Postgres: the same feed sent twice at once is imported once. */
describe('FeedImportService', () => {
  let db: { url: string; drop: () => Promise<void> };
  let moduleRef: TestingModule;
  let ds: DataSource;
  let feeds: FeedImportService;
  let zoneId: string;
  let userId: string;

  beforeAll(async () => {
    db = await createIsolatedDatabase('feeds');
    const config = loadConfig({
      ...secretsEnv(),
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      REDIS_URL: e2eEnv().redisUrl,
    });
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(config),
        ClsModule.forRoot({ global: true }),
        DatabaseModule.forRoot('feeds-test'),
        AuditModule,
        OutboxModule,
        FactsCoreModule,
      ],
    }).compile();
    await moduleRef.init();
    ds = moduleRef.get(DataSource);
    feeds = moduleRef.get(FeedImportService);
    [{ id: zoneId }] = await ds.query(`SELECT id FROM zones WHERE code = 'changsha-etdz'`);
    [{ id: userId }] = await ds.query(
      `INSERT INTO users (username, password_hash, role, zone_id, display_name) VALUES ('feeder', 'x', 'officer', $1, 'x') RETURNING id`,
      [zoneId],
    );
  });

  afterAll(async () => {
    await moduleRef?.close();
    await db?.drop();
  });

  async function feedFor(n: number, extra: unknown[] = []) {
    const usccs = Array.from({ length: n }, () => makeUscc());
    await ds.query(
      `INSERT INTO enterprises (uscc, name, zone_id) SELECT u, u, $2 FROM unnest($1::text[]) u`,
      [usccs, zoneId],
    );
    return [
      ...usccs.map((uscc, i) => ({
        uscc,
        key: 'sales_revenue_fen',
        period: '2025',
        value: (i + 1) * 1_000_000,
        source: 'tax_bureau',
      })),
      ...extra,
    ];
  }

  const request = (rows: unknown[], feedRef: string | null = null) => ({
    zoneId,
    importedBy: userId,
    importerRole: 'officer',
    format: 'json' as const,
    feedRef,
    fileName: null,
    rows,
  });

  const factsOf = async (importIds: string[]) =>
    (
      await ds.query(`SELECT count(*)::int AS n FROM enterprise_facts WHERE feed_id = ANY($1::uuid[])`, [
        importIds,
      ])
    )[0].n;

  it('a clean feed sent three times at once is imported once and replayed twice', async () => {
    const rows = await feedFor(40);
    const results = await Promise.all([1, 2, 3].map(() => feeds.import(request(rows, 'sales-2025'))));
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.report.id)).size).toBe(1);
    expect(await factsOf([results[0].report.id])).toBe(40);
    const audit = await ds.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'facts.feed-imported'`,
    );
    expect(audit[0].n).toBe(1);
  });

  it('a feed with rejected rows sent twice at once runs twice, the second writing nothing new', async () => {
    const rows = await feedFor(30, [
      { uscc: makeUscc(), key: 'employees', period: '2025', value: 1, source: 'tax_bureau' },
    ]);
    const results = await Promise.all([feeds.import(request(rows)), feeds.import(request(rows))]);
    expect(results.every((r) => !r.replayed && r.report.rejectedCount === 1)).toBe(true);
    expect(results.map((r) => r.report.writtenCount).sort()).toEqual([0, 30]);
    expect(results.map((r) => r.report.unchangedCount).sort()).toEqual([0, 30]);
    expect(await factsOf(results.map((r) => r.report.id))).toBe(30);
  });
});
