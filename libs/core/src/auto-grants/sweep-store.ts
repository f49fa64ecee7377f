import { AutoGrantSweepEntity } from '@huiqi/database';
import { QueueName } from '@huiqi/queues';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OutboxService } from '../outbox/outbox.service';
import type { EnterpriseError, GrantTarget, GrantRunOutcome } from './auto-grant-engine.service';

/**
 * How long a processor owns a sweep after its last commit (renewed at each batch's commit). A batch
 * holds the sweep row's lock while it works, so the lease can only be taken over between batches: it
 * has to outlast the start of a slice and the moment between two batches, not a batch. It only keeps
 * a second processor from starting on a sweep that is being worked — even two processors at once
 * would not grant twice, since each batch reads the cursor under the row lock — and when it runs out
 * the sweep is taken to be orphaned (its worker died) and is resumed.
 */
export const SWEEP_LEASE_SECONDS = 15;

/** After this many failed slices in a row (infrastructure down, a defect), the sweep is marked failed. */
export const SWEEP_MAX_CONSECUTIVE_FAILURES = 10;
/** The longest wait before a failed sweep is resumed. */
export const SWEEP_MAX_BACKOFF_SECONDS = 600;

/** The tables a sweep reads per batch by enterprise id; their plans need current statistics. */
const SWEPT_TABLES = ['enterprises', 'enterprise_facts'] as const;

/** A sweep job's outbox rows: the start, each hand-over to the next slice, each resumption. */
export const sweepTriggerKey = (sweepId: string, kind: 'start' | 'handoff' | 'resume', generation = 0) =>
  kind === 'start'
    ? `auto-grant-sweep:${sweepId}:start`
    : `auto-grant-sweep:${sweepId}:${kind}:${generation}`;

export function sweepTrigger(sweepId: string, dedupKey: string) {
  return {
    queue: QueueName.AutoGrants as const,
    jobName: 'sweep',
    payload: { kind: 'sweep' as const, sweepId },
    dedupKey,
  };
}

/** The SQL of a sweep's life: claim, batches, hand-over, completion, failure, orphan detection. */
@Injectable()
export class SweepStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  /** Takes the sweep for `owner` unless a live lease holds it; null when it is held or finished. */
  async claim(manager: EntityManager, sweepId: string, owner: string): Promise<AutoGrantSweepEntity | null> {
    const rows: { id: string }[] = await manager.query(
      `WITH claimed AS (
         UPDATE auto_grant_sweeps SET status = 'running', lease_owner = $2,
           lease_expires_at = clock_timestamp() + make_interval(secs => $3), lease_generation = lease_generation + 1,
           updated_at = now()
         WHERE id = $1 AND status IN ('pending','running') AND (lease_owner IS NULL OR lease_expires_at < clock_timestamp())
         RETURNING id
       ) SELECT id FROM claimed`,
      [sweepId, owner, SWEEP_LEASE_SECONDS],
    );
    if (rows.length === 0) return null;
    return manager.findOneOrFail(AutoGrantSweepEntity, { where: { id: sweepId } });
  }

  async find(manager: EntityManager, sweepId: string): Promise<AutoGrantSweepEntity | null> {
    return manager.findOne(AutoGrantSweepEntity, { where: { id: sweepId } });
  }

  /** The sweep row, locked for one batch: batches of one sweep never overlap. */
  async lockForBatch(manager: EntityManager, sweepId: string): Promise<AutoGrantSweepEntity | null> {
    return manager.findOne(AutoGrantSweepEntity, {
      where: { id: sweepId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** The next enterprises after the cursor (keyset on id), of those registered when the sweep started. */
  async nextEnterprises(
    manager: EntityManager,
    sweep: AutoGrantSweepEntity,
    limit: number,
  ): Promise<GrantTarget[]> {
    return manager.query(
      `SELECT e.id, EXISTS (
           SELECT 1 FROM enterprise_blacklist b
           WHERE b.enterprise_id = e.id AND b.lifted_at IS NULL AND b.barred_from <= now() AND b.barred_until > now()
         ) AS barred
       FROM enterprises e
       WHERE e.zone_id = $1 AND e.created_at <= $2 AND ($3::uuid IS NULL OR e.id > $3::uuid)
       ORDER BY e.id LIMIT $4`,
      [sweep.zoneId, sweep.startedAt, sweep.cursor, limit],
    );
  }

  /** Commits a batch's progress (with its offers, in the caller's transaction) and renews the lease. */
  async recordBatch(manager: EntityManager, sweepId: string, outcome: GrantRunOutcome): Promise<void> {
    await manager.query(
      `UPDATE auto_grant_sweeps SET cursor = $2, processed = processed + $3, offers_created = offers_created + $4,
         duplicates = duplicates + $5, skipped = skipped + $6, error_count = error_count + $7, batches = batches + 1,
         consecutive_failures = 0, lease_expires_at = clock_timestamp() + make_interval(secs => $8), updated_at = now()
       WHERE id = $1`,
      [
        sweepId,
        outcome.lastEnterpriseId,
        outcome.processed,
        outcome.offersCreated,
        outcome.duplicates,
        outcome.skipped,
        outcome.errors.length,
        SWEEP_LEASE_SECONDS,
      ],
    );
    await this.recordErrors(manager, sweepId, outcome.errors);
  }

  /**
   * Ends this slice and queues the next one in the same transaction: the lease is released to
   * whichever worker takes the next job, and is held for it meanwhile so the sweep is not resumed twice.
   */
  async handOff(manager: EntityManager, sweep: AutoGrantSweepEntity): Promise<void> {
    await manager.query(
      `UPDATE auto_grant_sweeps SET lease_owner = NULL, lease_expires_at = clock_timestamp() + make_interval(secs => $2), updated_at = now()
       WHERE id = $1`,
      [sweep.id, SWEEP_LEASE_SECONDS],
    );
    await this.outbox.enqueue(manager, [
      sweepTrigger(sweep.id, sweepTriggerKey(sweep.id, 'handoff', sweep.leaseGeneration)),
    ]);
  }

  async complete(manager: EntityManager, sweepId: string): Promise<AutoGrantSweepEntity> {
    await manager.query(
      `UPDATE auto_grant_sweeps SET status = 'completed', finished_at = clock_timestamp(), lease_owner = NULL,
         lease_expires_at = NULL, updated_at = now()
       WHERE id = $1`,
      [sweepId],
    );
    return manager.findOneOrFail(AutoGrantSweepEntity, { where: { id: sweepId } });
  }

  /**
   * A slice failed: gives the lease back (any trigger may claim it at once) and counts the failure. The
   * watchdog resumes the sweep when the lease runs out, which is later after each failure in a row
   * (15 s, 30 s, 1 min, … at most 10 min), so an outage of the database is waited out; after too many
   * failures in a row the sweep is marked failed. Returns the status it is left in.
   */
  async releaseAfterError(sweepId: string, owner: string, error: string): Promise<string | null> {
    const rows: { status: string }[] = await this.dataSource.query(
      `WITH released AS (
         UPDATE auto_grant_sweeps SET lease_owner = NULL,
           lease_expires_at = clock_timestamp() + make_interval(secs => least($6, $5 * power(2, consecutive_failures))),
           consecutive_failures = consecutive_failures + 1, last_error = $3,
           status = CASE WHEN consecutive_failures + 1 >= $4 THEN 'failed' ELSE status END,
           finished_at = CASE WHEN consecutive_failures + 1 >= $4 THEN now() ELSE finished_at END,
           updated_at = now()
         WHERE id = $1 AND lease_owner = $2 RETURNING status
       ) SELECT status FROM released`,
      [
        sweepId,
        owner,
        error.slice(0, 4000),
        SWEEP_MAX_CONSECUTIVE_FAILURES,
        SWEEP_LEASE_SECONDS,
        SWEEP_MAX_BACKOFF_SECONDS,
      ],
    );
    return rows[0]?.status ?? null;
  }

  /**
   * Analyzes the swept tables when their statistics are missing or well behind (a bulk load just
   * before the sweep, which autovacuum has not caught up with yet). Without them the planner takes a
   * batch's "next 500 by id" or "facts of these 500" for a scan of the whole table, and a sweep turns
   * quadratic in the number of enterprises. Returns the tables analyzed.
   */
  async refreshStatisticsIfStale(): Promise<string[]> {
    const stale: { relname: string }[] = await this.dataSource.query(
      `SELECT relname FROM pg_stat_user_tables
       WHERE relname = ANY($1::text[])
         AND (coalesce(last_analyze, last_autoanalyze) IS NULL OR n_mod_since_analyze > greatest(1000, n_live_tup / 5))`,
      [SWEPT_TABLES],
    );
    const tables = SWEPT_TABLES.filter((t) => stale.some((s) => s.relname === t));
    for (const table of tables) await this.dataSource.query(`ANALYZE ${table}`);
    return tables;
  }

  /**
   * Sweeps whose worker stopped without handing over (a crash, a lost connection): the lease ran out.
   * Each gets one resumption job per lease generation (the dedup key), however many workers look.
   */
  async resumeOrphans(): Promise<string[]> {
    return this.dataSource.transaction(async (m) => {
      const rows: { id: string; lease_generation: number }[] = await m.query(
        `SELECT s.id, s.lease_generation FROM auto_grant_sweeps s
         WHERE s.status IN ('pending','running') AND s.lease_expires_at < clock_timestamp()
           AND NOT EXISTS (
             SELECT 1 FROM outbox o WHERE o.dedup_key = 'auto-grant-sweep:' || s.id || ':resume:' || s.lease_generation
           )
         ORDER BY s.id`,
      );
      await this.outbox.enqueue(
        m,
        rows.map((r) => sweepTrigger(r.id, sweepTriggerKey(r.id, 'resume', r.lease_generation))),
      );
      return rows.map((r) => r.id);
    });
  }

  private async recordErrors(
    manager: EntityManager,
    sweepId: string,
    errors: readonly EnterpriseError[],
  ): Promise<void> {
    if (errors.length === 0) return;
    await manager.query(
      `INSERT INTO auto_grant_sweep_errors (sweep_id, enterprise_id, message)
       SELECT $1, t.enterprise_id, t.message FROM unnest($2::uuid[], $3::text[]) AS t(enterprise_id, message)`,
      [sweepId, errors.map((e) => e.enterpriseId), errors.map((e) => e.message)],
    );
  }
}
