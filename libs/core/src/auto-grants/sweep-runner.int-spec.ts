import { ConfigModule, loadConfig } from '@huiqi/config';
import { Test, TestingModule } from '@nestjs/testing';
import { ClsModule } from 'nestjs-cls';
import { DataSource } from 'typeorm';
import { createIsolatedDatabase } from '../../../../test/support/isolated-db';
import { e2eEnv, secretsEnv } from '../../../../test/support/test-env';
import { ApplicationsCoreModule } from '../applications/applications-core.module';
import { AuditModule } from '../audit/audit.module';
import { CatalogCoreModule } from '../catalog/catalog-core.module';
import { DatabaseModule } from '../database/database.module';
import { OutboxModule } from '../outbox/outbox.module';
import { AutoGrantSweepService } from './auto-grant-sweeps.service';
import { AutoGrantsCoreModule } from './auto-grants-core.module';
import { SWEEP_BATCH_SIZE, SweepRunner } from './sweep-runner.service';
import { SWEEP_MAX_CONSECUTIVE_FAILURES, SweepStore, sweepTriggerKey } from './sweep-store';

const ENTERPRISES = 1300; // three batches
const FY = Number(new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 4));

/** The sweep runner against real Postgres, slice by slice, in a database of its own (no worker). */
describe('SweepRunner', () => {
  let db: { url: string; drop: () => Promise<void> };
  let moduleRef: TestingModule;
  let ds: DataSource;
  let runner: SweepRunner;
  let store: SweepStore;
  let zoneId: string;

  beforeAll(async () => {
    db = await createIsolatedDatabase('sweep_runner');
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
        DatabaseModule.forRoot('sweep-runner-test'),
        AuditModule,
        OutboxModule,
        CatalogCoreModule,
        ApplicationsCoreModule,
        AutoGrantsCoreModule,
      ],
    }).compile();
    moduleRef.useLogger(false);
    await moduleRef.init();
    ds = moduleRef.get(DataSource);
    runner = moduleRef.get(SweepRunner);
    store = moduleRef.get(SweepStore);
    [{ id: zoneId }] = await ds.query(`SELECT id FROM zones WHERE code = 'ningxiang-htz'`);
    await ds.query(
      `INSERT INTO enterprises (id, uscc, name, zone_id)
       SELECT md5('runner-' || i)::uuid, '9143' || upper(substr(md5('runner-uscc-' || i), 1, 14)), 'runner-' || i, $2
       FROM generate_series(1, $1) AS i`,
      [ENTERPRISES, zoneId],
    );
    await ds.query(
      `INSERT INTO enterprise_facts (enterprise_id, zone_id, key, value, source)
       SELECT md5('runner-' || i)::uuid, $2, 'high_tech_certificate',
         jsonb_build_object('certificateNo', 'GR' || i, 'grantedOn', $3 || '-05-01'), 'science_technology_bureau'
       FROM generate_series(1, $1) AS i WHERE i % 4 = 0`,
      [ENTERPRISES, zoneId, String(FY)],
    );
  }, 60_000);

  afterAll(async () => {
    await moduleRef?.close();
    await db?.drop();
  });

  const start = () =>
    moduleRef
      .get(AutoGrantSweepService)
      .start(zoneId, { programCode: 'ningxiang-htz.high-tech-enterprise' }, { userId: null, role: 'system' });

  const triggers = async (sweepId: string): Promise<{ id: string; dedup_key: string }[]> =>
    ds.query(
      `SELECT id, dedup_key FROM outbox WHERE payload->>'sweepId' = $1 AND done_at IS NULL ORDER BY id`,
      [sweepId],
    );

  const sweepRow = async (id: string) =>
    (
      await ds.query(
        `SELECT status, total, processed, offers_created, duplicates, error_count, lease_owner, lease_generation
         FROM auto_grant_sweeps WHERE id = $1`,
        [id],
      )
    )[0];

  /** Runs slices (one batch each) until the sweep completes, as the worker would through the outbox. */
  async function drive(sweepId: string): Promise<string[]> {
    const outcomes: string[] = [];
    for (let i = 0; i < 20; i++) {
      const [next] = await triggers(sweepId);
      if (!next) break;
      outcomes.push(await runner.runSlice(sweepId, { triggerOutboxId: next.id, budgetMs: 0 }));
    }
    return outcomes;
  }

  const offersOf = async (sweepId: string): Promise<number> =>
    (
      await ds.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'offered' AND data->>'sweepId' = $1`,
        [sweepId],
      )
    )[0].n;

  it('runs a sweep slice by slice through hand-overs, each enterprise once, with exact counters', async () => {
    const sweep = await start();
    const outcomes = await drive(sweep.id);
    expect(outcomes).toEqual(['handed-off', 'handed-off', 'completed']);
    const row = await sweepRow(sweep.id);
    expect(row).toMatchObject({
      status: 'completed',
      total: ENTERPRISES,
      processed: ENTERPRISES,
      offers_created: ENTERPRISES / 4,
      duplicates: 0,
      error_count: 0,
      lease_owner: null,
    });
    expect(await offersOf(sweep.id)).toBe(ENTERPRISES / 4);
    expect(await triggers(sweep.id)).toEqual([]);
  });

  it('the same trigger delivered twice runs once; a live lease holds the sweep; racing processors count each enterprise once', async () => {
    const sweep = await start();
    const [first] = await triggers(sweep.id);
    const twice = await Promise.all([
      runner.runSlice(sweep.id, { triggerOutboxId: first.id, budgetMs: 0 }),
      runner.runSlice(sweep.id, { triggerOutboxId: first.id, budgetMs: 0 }),
    ]);
    expect(twice.sort()).toEqual(['duplicate', 'handed-off']);

    // Another processor holds a live lease: a trigger is consumed without touching the sweep.
    await ds.query(
      `UPDATE auto_grant_sweeps SET lease_owner = gen_random_uuid(), lease_expires_at = now() + interval '1 minute'
       WHERE id = $1`,
      [sweep.id],
    );
    const [handoff] = await triggers(sweep.id);
    expect(await runner.runSlice(sweep.id, { triggerOutboxId: handoff.id, budgetMs: 0 })).toBe('held');
    expect(await triggers(sweep.id)).toEqual([]);

    // Its worker died: four workers race on resumption triggers until the sweep completes.
    await ds.query(
      `UPDATE auto_grant_sweeps SET lease_expires_at = now() - interval '1 second' WHERE id = $1`,
      [sweep.id],
    );
    for (let n = 1; n <= 4; n++) {
      await ds.query(
        `INSERT INTO outbox (queue, job_name, payload, dedup_key) VALUES ('auto-grants', 'sweep', $1::jsonb, $2)`,
        [JSON.stringify({ kind: 'sweep', sweepId: sweep.id }), sweepTriggerKey(sweep.id, 'resume', 100 + n)],
      );
    }
    const outcomes = (await Promise.all([1, 2, 3, 4].map(() => race(sweep.id)))).flat();
    expect(outcomes).toContain('completed');
    // Every enterprise was dealt with once: nothing counted twice, every grant already existed.
    expect(await sweepRow(sweep.id)).toMatchObject({
      status: 'completed',
      processed: ENTERPRISES,
      offers_created: 0,
      duplicates: ENTERPRISES / 4,
      error_count: 0,
    });
  });

  /** One worker: takes any open trigger of the sweep, runs its slice, until the sweep is done. */
  async function race(sweepId: string): Promise<string[]> {
    const outcomes: string[] = [];
    for (let i = 0; i < 60; i++) {
      if ((await sweepRow(sweepId)).status === 'completed') break;
      const open = await triggers(sweepId);
      if (open.length === 0) {
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      const pick = open[Math.floor(Math.random() * open.length)];
      outcomes.push(await runner.runSlice(sweepId, { triggerOutboxId: pick.id, budgetMs: 0 }));
    }
    return outcomes;
  }

  it('resumes a sweep whose worker died: once per lost lease, however many workers look', async () => {
    const sweep = await start();
    const [first] = await triggers(sweep.id);
    await runner.runSlice(sweep.id, { triggerOutboxId: first.id, budgetMs: 0 });
    // The next slice claims the sweep and dies before its first batch commits: its trigger is done,
    // its lease runs out.
    const [handoff] = await triggers(sweep.id);
    await ds.query(`UPDATE outbox SET done_at = now() WHERE id = $1`, [handoff.id]);
    await ds.query(
      `UPDATE auto_grant_sweeps SET lease_owner = gen_random_uuid(), lease_generation = lease_generation + 1,
         lease_expires_at = now() - interval '1 second' WHERE id = $1`,
      [sweep.id],
    );
    await Promise.all([store.resumeOrphans(), store.resumeOrphans(), store.resumeOrphans()]);
    const resumptions = await triggers(sweep.id);
    expect(resumptions).toHaveLength(1);
    expect(resumptions[0].dedup_key).toMatch(/:resume:/);
    expect(await store.resumeOrphans()).not.toContain(sweep.id);
    expect(await drive(sweep.id)).toEqual(['handed-off', 'completed']);
    expect(await sweepRow(sweep.id)).toMatchObject({ status: 'completed', processed: ENTERPRISES });
  });

  it('records an enterprise whose offer fails, rolls back only its writes and goes on', async () => {
    const fresh: string[] = (
      await ds.query(
        `INSERT INTO enterprises (uscc, name, zone_id)
         SELECT '9143' || upper(substr(md5('runner-fresh-' || i), 1, 14)), 'runner-fresh-' || i, $1
         FROM generate_series(1, 10) AS i RETURNING id`,
        [zoneId],
      )
    ).map((r: { id: string }) => r.id);
    await ds.query(
      `INSERT INTO enterprise_facts (enterprise_id, zone_id, key, value, source)
       SELECT id, zone_id, 'high_tech_certificate', jsonb_build_object('certificateNo', 'GR-' || id, 'grantedOn', $2 || '-06-01'),
         'science_technology_bureau'
       FROM enterprises WHERE id = ANY($1::uuid[])`,
      [fresh, String(FY)],
    );
    const failing = fresh[3];
    // A fault injected where the database refuses one enterprise's grant (as a broken constraint would).
    await ds.query(`
      CREATE FUNCTION refuse_one_grant() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.enterprise_id = '${failing}' THEN RAISE EXCEPTION 'refused for the test'; END IF;
        RETURN NEW;
      END $$`);
    await ds.query(
      `CREATE TRIGGER refuse_one_grant BEFORE INSERT ON applications FOR EACH ROW EXECUTE FUNCTION refuse_one_grant()`,
    );
    // TypeORM prints every failed statement; the injected one is expected.
    const quiet = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const sweep = await start();
      await drive(sweep.id);
      quiet.mockRestore();
      expect(await sweepRow(sweep.id)).toMatchObject({
        status: 'completed',
        total: ENTERPRISES + 10,
        processed: ENTERPRISES + 10,
        offers_created: 9,
        duplicates: ENTERPRISES / 4,
        error_count: 1,
      });
      const errors = await ds.query(
        `SELECT enterprise_id, message FROM auto_grant_sweep_errors WHERE sweep_id = $1`,
        [sweep.id],
      );
      expect(errors).toEqual([
        { enterprise_id: failing, message: expect.stringContaining('refused for the test') },
      ]);
      const granted: { enterprise_id: string }[] = await ds.query(
        `SELECT enterprise_id FROM applications WHERE enterprise_id = ANY($1::uuid[])`,
        [fresh],
      );
      expect(granted.map((g) => g.enterprise_id).sort()).toEqual(fresh.filter((id) => id !== failing).sort());
      expect(SWEEP_BATCH_SIZE).toBeLessThan(ENTERPRISES);
    } finally {
      quiet.mockRestore();
      await ds.query(`DROP TRIGGER refuse_one_grant ON applications`);
      await ds.query(`DROP FUNCTION refuse_one_grant()`);
    }
  });

  it('caps each enterprise by what it already holds: a batch reads every history at once and gives each its own', async () => {
    const [{ id: changsha }] = await ds.query(`SELECT id FROM zones WHERE code = 'changsha-etdz'`);
    // Three enterprises in one batch, each with 20M yuan of R&D this year and 10M last year: 10% of the
    // increase is 1M yuan (100,000,000 fen), under the program's 2M yuan cap per enterprise and year.
    const ids: string[] = (
      await ds.query(
        `INSERT INTO enterprises (uscc, name, zone_id)
         SELECT '9143' || upper(substr(md5('runner-capped-' || i), 1, 14)), 'runner-capped-' || i, $1
         FROM generate_series(1, 3) AS i RETURNING id`,
        [changsha],
      )
    ).map((r: { id: string }) => r.id);
    await ds.query(
      `INSERT INTO enterprise_facts (enterprise_id, zone_id, key, period, value, source)
       SELECT e.id, $2, 'rnd_expense_fen', p.period, to_jsonb(p.fen), 'tax_bureau'
       FROM unnest($1::uuid[]) AS e (id)
       CROSS JOIN (VALUES ($3, 2000000000::bigint), ($4, 1000000000::bigint)) AS p (period, fen)`,
      [ids, changsha, String(FY), String(FY - 1)],
    );
    // The second already holds 1.5M yuan of this program for this year (another period of it): its cap
    // leaves 0.5M. Only it may be capped; a history given to the wrong enterprise would show.
    const capped = ids[1];
    await ds.query(
      `INSERT INTO applications (zone_id, enterprise_id, program_code, program_version, mode, beneficiary_kind,
         beneficiary_key, period, fiscal_year, state, machine_version, snapshot, approved_amount_fen)
       VALUES ($1, $2, 'changsha-etdz.rnd-investment', 1, 'apply', 'enterprise', 'enterprise', 'supplement', $3,
         'approved', 1, '{}', 150000000)`,
      [changsha, capped, FY],
    );
    const sweep = await moduleRef
      .get(AutoGrantSweepService)
      .start(changsha, { programCode: 'changsha-etdz.rnd-investment' }, { userId: null, role: 'system' });
    await drive(sweep.id);
    expect(await sweepRow(sweep.id)).toMatchObject({ status: 'completed', offers_created: 3 });
    const offers: { enterprise_id: string; computed_amount_fen: string }[] = await ds.query(
      `SELECT enterprise_id, computed_amount_fen FROM applications
       WHERE program_code = 'changsha-etdz.rnd-investment' AND mode = 'auto' AND enterprise_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(Object.fromEntries(offers.map((o) => [o.enterprise_id, Number(o.computed_amount_fen)]))).toEqual({
      [ids[0]]: 100_000_000,
      [capped]: 50_000_000,
      [ids[2]]: 100_000_000,
    });
  });

  it('the nightly run starts one sweep per zone with auto programs, once per night, and lets an unfinished one finish', async () => {
    const sweeps = moduleRef.get(AutoGrantSweepService);
    const zones: { id: string }[] = await ds.query(`SELECT id FROM zones ORDER BY id`);
    const night = await sweeps.startScheduled('2031-01-01');
    expect(night.map((s) => s.zoneId).sort()).toEqual(zones.map((z) => z.id));
    expect(
      night.every((s) => s.trigger === 'schedule' && s.programCode === null && s.startedBy === null),
    ).toBe(true);
    expect(await sweeps.startScheduled('2031-01-01')).toEqual([]); // the scheduler's job delivered again
    expect(await sweeps.startScheduled('2031-01-02')).toEqual([]); // last night's are still running
    for (const sweep of night) await drive(sweep.id);
    const next = await sweeps.startScheduled('2031-01-02');
    expect(next).toHaveLength(zones.length);
    for (const sweep of next) await drive(sweep.id);
  });

  it('gives a slice that fails back at once, and marks the sweep failed after repeated failures', async () => {
    const sweep = await start();
    // A fault injected where the database refuses to record any progress of this sweep.
    await ds.query(`
      CREATE FUNCTION refuse_progress() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.id = '${sweep.id}' AND NEW.processed <> OLD.processed THEN RAISE EXCEPTION 'progress refused'; END IF;
        RETURN NEW;
      END $$`);
    await ds.query(
      `CREATE TRIGGER refuse_progress BEFORE UPDATE ON auto_grant_sweeps FOR EACH ROW EXECUTE FUNCTION refuse_progress()`,
    );
    const quiet = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      for (let attempt = 1; attempt <= SWEEP_MAX_CONSECUTIVE_FAILURES; attempt++) {
        // Each failure frees the lease at once, so the next trigger (a retry, a resumption) can claim it.
        const [{ id: trigger }] =
          attempt === 1 ? await triggers(sweep.id) : await addTrigger(sweep.id, attempt);
        await expect(runner.runSlice(sweep.id, { triggerOutboxId: trigger, budgetMs: 0 })).rejects.toThrow(
          'progress refused',
        );
      }
    } finally {
      quiet.mockRestore();
      await ds.query(`DROP TRIGGER refuse_progress ON auto_grant_sweeps`);
      await ds.query(`DROP FUNCTION refuse_progress()`);
    }
    const row = (
      await ds.query(
        `SELECT status, processed, finished_at, last_error FROM auto_grant_sweeps WHERE id = $1`,
        [sweep.id],
      )
    )[0];
    expect(row).toMatchObject({
      status: 'failed',
      processed: 0,
      last_error: expect.stringContaining('refused'),
    });
    expect(row.finished_at).not.toBeNull();
    const history = await ds.query(`SELECT action FROM audit_events WHERE stream = $1 ORDER BY seq`, [
      `auto-grant-sweep:${sweep.id}`,
    ]);
    expect(history.map((h: { action: string }) => h.action)).toEqual([
      'auto-grant-sweep.started',
      'auto-grant-sweep.failed',
    ]);
    expect(await store.resumeOrphans()).not.toContain(sweep.id);
  });

  async function addTrigger(sweepId: string, n: number): Promise<{ id: string }[]> {
    return ds.query(
      `INSERT INTO outbox (queue, job_name, payload, dedup_key) VALUES ('auto-grants', 'sweep', $1::jsonb, $2) RETURNING id`,
      [JSON.stringify({ kind: 'sweep', sweepId }), sweepTriggerKey(sweepId, 'resume', 1000 + n)],
    );
  }
});
