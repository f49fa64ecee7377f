import { ConfigModule, loadConfig } from '@huiqi/config';
import { DatabaseModule } from '@huiqi/core/database/database.module';
import { OutboxModule } from '@huiqi/core/outbox/outbox.module';
import type { ValidatedFact } from '@huiqi/policies';
import { Test, TestingModule } from '@nestjs/testing';
import { ClsModule } from 'nestjs-cls';
import { DataSource } from 'typeorm';
import { makeUscc } from '../../../../test/support/api-client';
import { createIsolatedDatabase } from '../../../../test/support/isolated-db';
import { e2eEnv, secretsEnv } from '../../../../test/support/test-env';
import { FactWriter } from './fact-writer.service';

/** The fact writer against real Postgres: concurrent writers of one enterprise never duplicate a version. */
describe('FactWriter', () => {
  let db: { url: string; drop: () => Promise<void> };
  let moduleRef: TestingModule;
  let ds: DataSource;
  let writer: FactWriter;
  let zoneId: string;

  beforeAll(async () => {
    db = await createIsolatedDatabase('facts');
    const config = loadConfig({
      ...secretsEnv(),
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      DATABASE_POOL_SIZE: '20',
      REDIS_URL: e2eEnv().redisUrl,
    });
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(config),
        ClsModule.forRoot({ global: true }),
        DatabaseModule.forRoot('facts-test'),
        OutboxModule,
      ],
      providers: [FactWriter],
    }).compile();
    await moduleRef.init();
    ds = moduleRef.get(DataSource);
    writer = moduleRef.get(FactWriter);
    [{ id: zoneId }] = await ds.query(`SELECT id FROM zones WHERE code = 'ningxiang-htz'`);
  });

  afterAll(async () => {
    await moduleRef?.close();
    await db?.drop();
  });

  const newEnterprise = async (): Promise<string> =>
    (
      await ds.query(`INSERT INTO enterprises (uscc, name, zone_id) VALUES ($1, 'x', $2) RETURNING id`, [
        makeUscc(),
        zoneId,
      ])
    )[0].id;

  const employees = (value: number, source: ValidatedFact['source'] = 'tax_bureau'): ValidatedFact => ({
    key: 'employees',
    subject: null,
    period: '2025',
    value,
    source,
  });

  const write = (enterpriseId: string, fact: ValidatedFact) =>
    ds.transaction((m) =>
      writer.write(m, [{ enterpriseId, zoneId, fact }], { recordedBy: null, feedId: null }),
    );

  it('ten concurrent writes of one value store it once and ask for one auto-grant check', async () => {
    const id = await newEnterprise();
    const outcomes = (await Promise.all(Array.from({ length: 10 }, () => write(id, employees(40))))).flat();
    expect(outcomes.filter((o) => o.status === 'written')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'unchanged')).toHaveLength(9);
    const rows = await ds.query(`SELECT value FROM enterprise_facts WHERE enterprise_id = $1`, [id]);
    expect(rows).toEqual([{ value: 40 }]);
    const jobs = await ds.query(`SELECT payload FROM outbox WHERE payload->>'enterpriseId' = $1`, [id]);
    // The fact is about fiscal year 2025: once that year is past, the check re-checks it too.
    const thisYear = Number(new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 4));
    expect(jobs).toEqual([
      {
        payload: {
          kind: 'check-enterprise',
          enterpriseId: id,
          reason: 'facts-changed',
          ...(thisYear > 2025 ? { fromFiscalYear: 2025 } : {}),
        },
      },
    ]);
  });

  it('concurrent different values: the last one recorded is the current one, every one is in history', async () => {
    const id = await newEnterprise();
    await Promise.all([1, 2, 3, 4, 5].map((n) => write(id, employees(n))));
    const history: { value: number }[] = await ds.query(
      `SELECT value FROM enterprise_facts WHERE enterprise_id = $1 ORDER BY received_at, created_at`,
      [id],
    );
    expect(history.map((h) => h.value).sort()).toEqual([1, 2, 3, 4, 5]);
    // Written again, the current value is unchanged; an older value is a new version.
    const last = history[history.length - 1].value;
    expect((await write(id, employees(last)))[0].status).toBe('unchanged');
    expect((await write(id, employees(history[0].value)))[0].status).toBe('written');
    // The same value from another source is a new version (auto programs trust only some sources).
    expect((await write(id, employees(history[0].value, 'self_declared')))[0].status).toBe('written');
  });

  it('writes for more enterprises than one statement can bind outbox parameters for', async () => {
    const ids: string[] = (
      await ds.query(
        `INSERT INTO enterprises (uscc, name, zone_id) SELECT u, 'x', $2 FROM unnest($1::text[]) u RETURNING id`,
        [Array.from({ length: 12_000 }, () => makeUscc()), zoneId],
      )
    ).map((r: { id: string }) => r.id);
    const outcomes = await ds.transaction((m) =>
      writer.write(
        m,
        ids.map((enterpriseId) => ({ enterpriseId, zoneId, fact: employees(7) })),
        { recordedBy: null, feedId: null },
      ),
    );
    expect(outcomes.every((o) => o.status === 'written')).toBe(true);
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM outbox WHERE queue = 'auto-grants' AND payload->>'enterpriseId' = ANY($1::text[])`,
      [ids],
    );
    expect(n).toBe(12_000);
  });

  it('refuses two values for one fact in one call, and an unknown enterprise, writing nothing', async () => {
    const id = await newEnterprise();
    await expect(
      ds.transaction((m) =>
        writer.write(
          m,
          [
            { enterpriseId: id, zoneId, fact: employees(1) },
            { enterpriseId: id, zoneId, fact: employees(2) },
          ],
          { recordedBy: null, feedId: null },
        ),
      ),
    ).rejects.toThrow('one fact per');
    await expect(write('00000000-0000-4000-8000-000000000000', employees(1))).rejects.toThrow(
      'unknown enterprise',
    );
    expect(await ds.query(`SELECT 1 FROM enterprise_facts WHERE enterprise_id = $1`, [id])).toEqual([]);
  });
});
