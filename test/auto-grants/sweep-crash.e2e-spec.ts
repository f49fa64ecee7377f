import { ConfigModule, loadConfig } from '@huiqi/config';
import { AuditModule } from '@huiqi/core/audit/audit.module';
import { AutoGrantSweepService } from '@huiqi/core/auto-grants/auto-grant-sweeps.service';
import { CatalogCoreModule } from '@huiqi/core/catalog/catalog-core.module';
import { DatabaseModule } from '@huiqi/core/database/database.module';
import { OutboxModule } from '@huiqi/core/outbox/outbox.module';
import { Test } from '@nestjs/testing';
import IORedis from 'ioredis';
import { ClsModule } from 'nestjs-cls';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createIsolatedDatabase } from '../support/isolated-db';
import { PROCESS_START_MS, startApp, stopApp, waitForLog } from '../support/processes';
import { appEnv, e2eEnv, secretsEnv } from '../support/test-env';
import { currentFiscalYear } from './support';

/** Enterprises in the sweep: enough for several batches and several seconds of work. */
const ENTERPRISES = 4000;
const FY = currentFiscalYear();
/** What the seed below qualifies for: a certificate (every 4th), a listing (every 6th), none when barred. */
const EXPECTED_OFFERS = Array.from({ length: ENTERPRISES }, (_, n) => n + 1)
  .filter((i) => i % 50 !== 0)
  .reduce((sum, i) => sum + (i % 4 === 0 ? 1 : 0) + (i % 6 === 0 ? 1 : 0), 0);

interface Db {
  label: string;
  url: string;
  drop: () => Promise<void>;
  prefix: string;
  worker?: ChildProcess;
}

async function query<T>(db: Db, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * The same input data in every database (ids derived from the row number): every 4th enterprise is a
 * newly certified high-tech enterprise, every 6th newly listed, every 50th on the blacklist.
 */
async function seed(db: Db): Promise<void> {
  await query(
    db,
    `INSERT INTO enterprises (id, uscc, name, zone_id)
     SELECT md5('crash-enterprise-' || i)::uuid, '9143' || upper(substr(md5('crash-uscc-' || i), 1, 14)),
       'crash-' || i, z.id
     FROM zones z, generate_series(1, $1) AS i WHERE z.code = 'ningxiang-htz'`,
    [ENTERPRISES],
  );
  await query(
    db,
    `INSERT INTO enterprise_facts (enterprise_id, zone_id, key, value, source)
     SELECT md5('crash-enterprise-' || i)::uuid, z.id, 'high_tech_certificate',
       jsonb_build_object('certificateNo', 'GR' || i, 'grantedOn', $2 || '-03-01'), 'science_technology_bureau'
     FROM zones z, generate_series(1, $1) AS i WHERE z.code = 'ningxiang-htz' AND i % 4 = 0`,
    [ENTERPRISES, String(FY)],
  );
  await query(
    db,
    `INSERT INTO enterprise_facts (enterprise_id, zone_id, key, value, source)
     SELECT md5('crash-enterprise-' || i)::uuid, z.id, 'listing',
       jsonb_build_object('exchange', 'SSE', 'ticker', lpad(i::text, 6, '6'), 'listedOn', $2 || '-04-01'), 'stock_exchange'
     FROM zones z, generate_series(1, $1) AS i WHERE z.code = 'ningxiang-htz' AND i % 6 = 0`,
    [ENTERPRISES, String(FY)],
  );
  await query(
    db,
    `INSERT INTO enterprise_blacklist (enterprise_id, zone_id, reason, barred_until)
     SELECT md5('crash-enterprise-' || i)::uuid, z.id, 'false-claim-upheld: test', now() + interval '3 years'
     FROM zones z, generate_series(1, $1) AS i WHERE z.code = 'ningxiang-htz' AND i % 50 = 0`,
    [ENTERPRISES],
  );
}

/** Starts a sweep of the zone exactly as the API does (the sweep row and its outbox row, one transaction). */
async function startSweep(db: Db): Promise<string> {
  const config = loadConfig({
    ...secretsEnv(),
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    REDIS_URL: e2eEnv().redisUrl,
  });
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(config),
      ClsModule.forRoot({ global: true }),
      DatabaseModule.forRoot(`crash-test-${db.label}`),
      OutboxModule,
      AuditModule,
      CatalogCoreModule,
    ],
    providers: [AutoGrantSweepService],
  }).compile();
  await moduleRef.init();
  try {
    const [zone] = await moduleRef.get(DataSource).query(`SELECT id FROM zones WHERE code = 'ningxiang-htz'`);
    const sweep = await moduleRef
      .get(AutoGrantSweepService)
      .start(zone.id, { fiscalYear: FY }, { userId: null, role: 'system' });
    return sweep.id;
  } finally {
    await moduleRef.close();
  }
}

async function startWorker(db: Db, run: number): Promise<ChildProcess> {
  const env = appEnv(e2eEnv(), { DATABASE_URL: db.url, REDIS_PREFIX: db.prefix });
  const worker = startApp('worker', env, `${e2eEnv().databaseName}-crash-${db.label}-worker-${run}`);
  await waitForLog(worker, /Huiqi worker started/, PROCESS_START_MS);
  return worker;
}

interface SweepRow {
  status: string;
  total: number;
  processed: number;
  offers_created: number;
  duplicates: number;
  skipped: number;
  error_count: number;
  lease_generation: number;
}

const sweepRow = async (db: Db, id: string) =>
  (
    await query<SweepRow>(
      db,
      `SELECT status, total, processed, offers_created, duplicates, skipped, error_count, lease_generation
       FROM auto_grant_sweeps WHERE id = $1`,
      [id],
    )
  )[0];

async function waitUntil(
  db: Db,
  id: string,
  done: (row: SweepRow) => boolean,
  what: string,
  timeoutMs = 120_000,
): Promise<SweepRow> {
  const deadline = Date.now() + timeoutMs;
  let last: SweepRow | undefined;
  while (Date.now() < deadline) {
    last = await sweepRow(db, id);
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
}

const grants = (db: Db) =>
  query<Record<string, unknown>>(
    db,
    `SELECT enterprise_id, program_code, program_version, period, beneficiary_key, fiscal_year, computed_amount_fen, state
     FROM applications ORDER BY enterprise_id, program_code`,
  );

describe('a sweep SIGKILLed mid-way resumes where it stopped', () => {
  const dbs: Db[] = [];
  let reference: Db;
  let crashed: Db;

  beforeAll(async () => {
    const run = randomBytes(4).toString('hex');
    [reference, crashed] = await Promise.all(
      ['ref', 'kill'].map(async (label) => {
        const db = await createIsolatedDatabase(`sweep_${label}`);
        return { label, ...db, prefix: `hq-sweep-${label}-${run}` };
      }),
    );
    dbs.push(reference, crashed);
    await Promise.all(dbs.map(seed));
  }, 300_000);

  afterAll(async () => {
    await Promise.all(dbs.map((db) => stopApp(db.worker)));
    await Promise.all(dbs.map((db) => db.drop()));
    const redis = new IORedis(e2eEnv().redisUrl);
    for (const db of dbs) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${db.prefix}:*`, 'COUNT', 1000);
        if (keys.length) await redis.unlink(...keys);
        cursor = next;
      } while (cursor !== '0');
    }
    await redis.quit();
  });

  it('and grants exactly what an uninterrupted run grants', async () => {
    [reference.worker, crashed.worker] = await Promise.all([
      startWorker(reference, 1),
      startWorker(crashed, 1),
    ]);
    const [referenceId, crashedId] = await Promise.all([startSweep(reference), startSweep(crashed)]);

    // Kill the worker without warning once a few batches are committed.
    const before = await waitUntil(crashed, crashedId, (r) => r.processed >= 1000, 'a few batches');
    crashed.worker.kill('SIGKILL');
    await new Promise((r) => crashed.worker!.once('exit', r));
    const atKill = await sweepRow(crashed, crashedId);
    expect(atKill.status).toBe('running');
    expect(atKill.processed).toBeGreaterThanOrEqual(before.processed);
    expect(atKill.processed).toBeLessThan(atKill.total); // killed in the middle, not after the end

    // A new worker: the lease of the dead one runs out, the watchdog resumes the sweep from its cursor.
    crashed.worker = await startWorker(crashed, 2);
    const [ref, resumed] = await Promise.all([
      waitUntil(reference, referenceId, (r) => r.status === 'completed', 'the reference sweep'),
      waitUntil(crashed, crashedId, (r) => r.status === 'completed', 'the resumed sweep'),
    ]);
    expect(resumed.lease_generation).toBeGreaterThan(atKill.lease_generation);

    const referenceGrants = await grants(reference);
    const crashedGrants = await grants(crashed);
    expect(crashedGrants).toEqual(referenceGrants);
    expect(referenceGrants).toHaveLength(EXPECTED_OFFERS);
    expect(new Set(crashedGrants.map((g) => `${g.enterprise_id}|${g.program_code}`)).size).toBe(
      crashedGrants.length,
    );
    // Counters were committed with the offers: exact, even across the crash.
    for (const [row, count] of [
      [ref, referenceGrants.length],
      [resumed, crashedGrants.length],
    ] as const) {
      expect(row).toMatchObject({
        processed: ENTERPRISES,
        total: ENTERPRISES,
        offers_created: count,
        duplicates: 0,
        skipped: ENTERPRISES / 50,
        error_count: 0,
      });
    }
  }, 480_000);
});
