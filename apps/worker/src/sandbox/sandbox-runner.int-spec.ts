import { ConfigModule, loadConfig } from '@huiqi/config';
import { CatalogCoreModule } from '@huiqi/core/catalog/catalog-core.module';
import { ProgramCatalogService } from '@huiqi/core/catalog/program-catalog.service';
import { FactsReader } from '@huiqi/core/facts/facts-reader.service';
import { SandboxReport } from '@huiqi/core/catalog/sandbox-tally';
import { DatabaseModule } from '@huiqi/core/database/database.module';
import { SEED_CATALOG } from '@huiqi/policies';
import { Test, TestingModule } from '@nestjs/testing';
import { ClsModule } from 'nestjs-cls';
import { DataSource } from 'typeorm';
import { makeUscc } from '../../../../test/support/api-client';
import { createIsolatedDatabase } from '../../../../test/support/isolated-db';
import { e2eEnv, secretsEnv } from '../../../../test/support/test-env';
import { SandboxRunner } from './sandbox-runner.service';

const CODE = 'changsha-etdz.rnd-investment';
const ENTERPRISES = 60;

/**
 * The sandbox runner against real Postgres, in a database of its own: the same run computed in one
 * batch, in small batches across a "restart", and by two deliveries at once must give one answer.
 */
describe('SandboxRunner', () => {
  let db: { url: string; drop: () => Promise<void> };
  let moduleRef: TestingModule;
  let ds: DataSource;
  let zoneId: string;
  let userId: string;

  beforeAll(async () => {
    db = await createIsolatedDatabase('sandbox');
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
        DatabaseModule.forRoot('sandbox-test'),
        CatalogCoreModule,
      ],
      providers: [SandboxRunner],
    }).compile();
    await moduleRef.init();
    ds = moduleRef.get(DataSource);
    [{ id: zoneId }] = await ds.query(`SELECT id FROM zones WHERE code = 'changsha-etdz'`);
    [{ id: userId }] = await ds.query(
      `INSERT INTO users (username, password_hash, role, zone_id, display_name) VALUES ('sandbox-admin', 'x', 'policy_admin', $1, 'x') RETURNING id`,
      [zoneId],
    );
    // A draft version 2 that halves the scale threshold and pays 20 %.
    const seed = SEED_CATALOG.find((d) => d.code === CODE)!;
    const v2 = JSON.parse(JSON.stringify(seed));
    v2.version = 2;
    v2.parameters.rndScaleThresholdFen.value = 500 * 10_000 * 100;
    v2.amount.rateBasisPoints = 2_000;
    await ds.query(
      `INSERT INTO program_versions (code, version, zone_id, mode, category, policy_document_code, status, definition, effective_from)
       VALUES ($1, 2, $2, 'auto', 'rnd', $3, 'draft', $4::jsonb, $5)`,
      [CODE, zoneId, v2.policyDocument.code, JSON.stringify(v2), v2.effectiveFrom],
    );
    // Enterprise i: R&D expense 2024 = i × 200,000 yuan, 2025 = i × 300,000 yuan (tax bureau).
    const ids: { id: string }[] = await ds.query(
      `INSERT INTO enterprises (uscc, name, zone_id) SELECT u, u, $2 FROM unnest($1::text[]) u RETURNING id`,
      [Array.from({ length: ENTERPRISES }, () => makeUscc()), zoneId],
    );
    await ds.query(
      `INSERT INTO enterprise_facts (enterprise_id, zone_id, key, period, value, source)
       SELECT e.id, $2, 'rnd_expense_fen', p.period, to_jsonb(e.n * p.yuan * 100), 'tax_bureau'
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM unnest($1::uuid[]) id) e
       CROSS JOIN (VALUES ('2024', 200000), ('2025', 300000)) AS p(period, yuan)`,
      [ids.map((r) => r.id), zoneId],
    );
  });

  afterAll(async () => {
    await moduleRef?.close();
    await db?.drop();
  });

  async function newRun(): Promise<string> {
    const [{ definition }] = await ds.query(
      `SELECT definition FROM program_versions WHERE code = $1 AND version = 2`,
      [CODE],
    );
    const [{ id }] = await ds.query(
      `INSERT INTO sandbox_runs (zone_id, program_code, program_version, program_status, definition, baseline_version, fiscal_years, as_of, requested_by)
       VALUES ($1, $2, 2, 'draft', $3::jsonb, 1, '{2025}', '2026-03-31', $4) RETURNING id`,
      [zoneId, CODE, JSON.stringify(definition), userId],
    );
    return id as string;
  }

  /** Rows per table, but the sandbox's own tables. */
  async function rowCounts(): Promise<Record<string, number>> {
    const tables: { name: string }[] = await ds.query(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'sandbox_run%' ORDER BY 1`,
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables) {
      counts[name] = (await ds.query(`SELECT count(*)::int AS n FROM "${name}"`))[0].n;
    }
    return counts;
  }

  async function drive(
    runner: SandboxRunner,
    runId: string,
    batchSize: number,
    maxSteps = Infinity,
  ): Promise<boolean> {
    for (let i = 0; i < maxSteps; i++) {
      if ((await runner.step(runId, batchSize)) !== 'continued') return true;
    }
    return false;
  }

  async function result(runner: SandboxRunner, runId: string) {
    await ds.transaction((m) => runner.finish(m, runId));
    const [run] = await ds.query(`SELECT status, processed, total, report FROM sandbox_runs WHERE id = $1`, [
      runId,
    ]);
    const changes = await ds.query(
      `SELECT enterprise_id, old_amount_fen, new_amount_fen FROM sandbox_run_changes WHERE run_id = $1 ORDER BY enterprise_id`,
      [runId],
    );
    return {
      run: run as { status: string; processed: number; total: number; report: SandboxReport },
      changes,
    };
  }

  it('gives the same report in one batch, in small batches across a restart, and under two deliveries at once', async () => {
    const runner = moduleRef.get(SandboxRunner);
    const whole = await newRun();
    const tablesBefore = await rowCounts();
    await drive(runner, whole, 1_000);
    const reference = await result(runner, whole);
    // It writes nothing but its report.
    expect(await rowCounts()).toEqual(tablesBefore);
    expect(reference.run).toMatchObject({ status: 'completed', processed: ENTERPRISES, total: ENTERPRISES });
    // v1: from 10,000,000 yuan of 2025 expense (i ≥ 34), 10 % of the increase (i × 100,000), capped at 2,000,000.
    // v2: from 5,000,000 yuan (i ≥ 17), 20 % of it.
    const year = reference.run.report.fiscalYears[0];
    expect(year.baseline).toMatchObject({ eligible: ENTERPRISES - 33 });
    expect(year.candidate).toMatchObject({ eligible: ENTERPRISES - 16 });
    expect(year.gains).toBe(ENTERPRISES - 16);
    expect(reference.changes).toHaveLength(ENTERPRISES - 16);

    // Small batches, interrupted after three, then resumed by another runner (a restarted worker).
    const resumed = await newRun();
    expect(await drive(runner, resumed, 7, 3)).toBe(false);
    const [partial] = await ds.query(`SELECT status, processed, cursor FROM sandbox_runs WHERE id = $1`, [
      resumed,
    ]);
    expect(partial).toMatchObject({ status: 'running', processed: 21, cursor: expect.any(String) });
    const restarted = new SandboxRunner(ds, moduleRef.get(ProgramCatalogService), moduleRef.get(FactsReader));
    await drive(restarted, resumed, 7);
    const afterRestart = await result(restarted, resumed);
    expect(afterRestart.run.report).toEqual(reference.run.report);
    expect(afterRestart.changes).toEqual(reference.changes);

    // Two deliveries of the same job at once: every batch is processed once.
    const twice = await newRun();
    await Promise.all([drive(runner, twice, 5), drive(restarted, twice, 5)]);
    const concurrent = await result(runner, twice);
    expect(concurrent.run.report).toEqual(reference.run.report);
    expect(concurrent.changes).toEqual(reference.changes);

    // Finishing twice changes nothing.
    expect(await ds.transaction((m) => runner.finish(m, twice))).toBe(false);
  });

  it('completes a run over a zone without enterprises, and marks a failed run', async () => {
    const runner = moduleRef.get(SandboxRunner);
    const [{ id: emptyZone }] = await ds.query(
      `INSERT INTO zones (code, name_zh, name_en) VALUES ('empty-zone', '空', 'Empty') RETURNING id`,
    );
    const [{ definition }] = await ds.query(
      `SELECT definition FROM program_versions WHERE code = $1 AND version = 2`,
      [CODE],
    );
    const [{ id }] = await ds.query(
      `INSERT INTO sandbox_runs (zone_id, program_code, program_version, program_status, definition, baseline_version, fiscal_years, as_of, requested_by)
       VALUES ($1, $2, 2, 'draft', $3::jsonb, NULL, '{2025,2026}', '2026-03-31', $4) RETURNING id`,
      [emptyZone, CODE, JSON.stringify(definition), userId],
    );
    expect(await runner.step(id)).toBe('scanned');
    const { run } = await result(runner, id);
    expect(run).toMatchObject({ status: 'completed', processed: 0, total: 0 });
    expect(run.report.fiscalYears.map((y) => y.baseline)).toEqual([null, null]);

    const failing = await newRun();
    await runner.fail(failing, 'boom');
    expect(await runner.step(failing)).toBe('finished');
    const [row] = await ds.query(`SELECT status, error FROM sandbox_runs WHERE id = $1`, [failing]);
    expect(row).toEqual({ status: 'failed', error: 'boom' });
  });
});
