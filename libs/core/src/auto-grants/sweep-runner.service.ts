import { AutoGrantSweepEntity } from '@huiqi/database';
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { LoadedProgram, ProgramCatalogService } from '../catalog/program-catalog.service';
import { OutboxService } from '../outbox/outbox.service';
import { AutoGrantEngine } from './auto-grant-engine.service';
import { byProgramCode } from './auto-evaluation';
import { autoGrantSweepStream } from './auto-grant-sweeps.service';
import { SweepStore } from './sweep-store';

/** Enterprises read, and facts loaded, per batch (one query each). */
export const SWEEP_BATCH_SIZE = 500;
/** A batch commits early once its offers reach this many, so one transaction stays small. */
export const SWEEP_MAX_OFFERS_PER_BATCH = 300;
/** A slice hands over to a fresh job after this long, so targeted checks never wait behind a long sweep. */
export const SWEEP_SLICE_MS = 5000;

export type SliceOutcome =
  /** The sweep is done. */
  | 'completed'
  /** The budget ran out (or the worker is stopping): the next slice is queued. */
  | 'handed-off'
  /** Another processor holds the sweep. */
  | 'held'
  /** The sweep had already finished, or does not exist. */
  | 'finished'
  /** This trigger was already handled (a redelivered job). */
  | 'duplicate'
  /** Another processor took the sweep over while this one worked (its lease had run out). */
  | 'lost-lease';

export interface SliceOptions {
  /** The outbox row that triggered this slice; marked done together with the claim. */
  triggerOutboxId: string;
  budgetMs?: number;
  /** Polled between batches: true when the worker is shutting down. */
  shouldStop?: () => boolean;
}

const RETRYABLE = new Set(['40P01', '40001']);

/**
 * Runs sweeps one slice at a time. A slice claims the sweep's lease (and marks its trigger done in
 * the same transaction), then commits batches: each batch locks the sweep row, reads the next
 * enterprises after the cursor, offers, and advances cursor and counters — all in ONE transaction, so
 * after a crash the sweep continues after the last committed batch and no enterprise is evaluated
 * twice by one sweep. A slice ends by completing the sweep or by queueing the next slice in its last
 * batch's transaction. A slice that dies leaves a lease that runs out, and the watchdog resumes it; a
 * slice that fails gives the lease back and is resumed the same way, with a growing delay (its trigger
 * was consumed by the claim, so BullMQ's retry of the job finds nothing left to do).
 */
@Injectable()
export class SweepRunner {
  private readonly logger = new Logger(SweepRunner.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: SweepStore,
    private readonly engine: AutoGrantEngine,
    private readonly catalog: ProgramCatalogService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  async runSlice(sweepId: string, options: SliceOptions): Promise<SliceOutcome> {
    const owner = randomUUID();
    const claim = await this.outbox.runOnce(options.triggerOutboxId, async (m) => {
      const sweep = await this.store.claim(m, sweepId, owner);
      if (sweep) return sweep;
      const current = await this.store.find(m, sweepId);
      return !current || current.status === 'completed' || current.status === 'failed' ? 'finished' : 'held';
    });
    if (!claim.ran) return 'duplicate';
    if (typeof claim.result === 'string') return claim.result;
    const sweep = claim.result;

    const deadline = Date.now() + (options.budgetMs ?? SWEEP_SLICE_MS);
    const shouldStop = options.shouldStop ?? (() => false);
    try {
      const analyzed = await this.store.refreshStatisticsIfStale();
      if (analyzed.length > 0)
        this.logger.log({ sweepId: sweep.id, tables: analyzed }, 'analyzed stale tables');
      const context = await this.contextOf(sweep);
      for (;;) {
        const step = await this.withRetry(() =>
          this.dataSource.transaction((m) => this.batch(m, sweep.id, owner, context, deadline, shouldStop)),
        );
        if (step !== 'continue') return step;
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const status = await this.store.releaseAfterError(sweep.id, owner, message);
      if (status === 'failed') {
        await this.dataSource.transaction((m) =>
          this.audit.append(m, {
            stream: autoGrantSweepStream(sweep.id),
            zoneId: sweep.zoneId,
            enterpriseId: null,
            actorId: null,
            actorRole: 'system',
            action: 'auto-grant-sweep.failed',
            data: { error: message.slice(0, 2000) },
          }),
        );
        this.logger.error({ sweepId: sweep.id, err: error }, 'sweep failed for good after repeated failures');
      } else {
        this.logger.warn({ sweepId: sweep.id, err: error, status }, 'sweep slice failed; it will be resumed');
      }
      throw error;
    }
  }

  private async batch(
    m: EntityManager,
    sweepId: string,
    owner: string,
    context: SweepContext,
    deadline: number,
    shouldStop: () => boolean,
  ): Promise<SliceOutcome | 'continue'> {
    const started = Date.now();
    const sweep = await this.store.lockForBatch(m, sweepId);
    if (!sweep || sweep.status !== 'running' || sweep.leaseOwner !== owner) return 'lost-lease';
    const enterprises = await this.store.nextEnterprises(m, sweep, SWEEP_BATCH_SIZE);
    if (enterprises.length === 0) {
      await this.finish(m, sweep.id);
      return 'completed';
    }
    const outcome = await this.engine.run(m, {
      zone: context.zone,
      enterprises,
      programs: context.programs,
      fiscalYear: sweep.fiscalYear,
      asOf: sweep.asOf,
      origin: { trigger: 'sweep', sweepId: sweep.id },
      planPrograms: sweep.programCode === null ? null : [sweep.programCode],
      maxOffers: SWEEP_MAX_OFFERS_PER_BATCH,
    });
    await this.store.recordBatch(m, sweep.id, outcome);
    const memory = process.memoryUsage();
    this.logger.log(
      {
        sweepId: sweep.id,
        processed: sweep.processed + outcome.processed,
        total: sweep.total,
        offersCreated: sweep.offersCreated + outcome.offersCreated,
        batchOffers: outcome.offersCreated,
        ms: Date.now() - started,
        rssMb: Math.round(memory.rss / 1048576),
        heapUsedMb: Math.round(memory.heapUsed / 1048576),
      },
      'sweep batch committed',
    );
    if (enterprises.length < SWEEP_BATCH_SIZE && outcome.processed === enterprises.length) {
      await this.finish(m, sweep.id);
      return 'completed';
    }
    if (Date.now() >= deadline || shouldStop()) {
      await this.store.handOff(m, sweep);
      return 'handed-off';
    }
    return 'continue';
  }

  private async finish(m: EntityManager, sweepId: string): Promise<void> {
    const done = await this.store.complete(m, sweepId);
    const seconds = Math.max(0.001, (done.finishedAt!.getTime() - done.startedAt.getTime()) / 1000);
    const summary = {
      total: done.total,
      processed: done.processed,
      offersCreated: done.offersCreated,
      duplicates: done.duplicates,
      skipped: done.skipped,
      errors: done.errorCount,
      batches: done.batches,
    };
    await this.audit.append(m, {
      stream: autoGrantSweepStream(done.id),
      zoneId: done.zoneId,
      enterpriseId: null,
      actorId: null,
      actorRole: 'system',
      action: 'auto-grant-sweep.completed',
      data: summary,
    });
    this.logger.log(
      {
        sweepId: done.id,
        ...summary,
        seconds: Math.round(seconds * 10) / 10,
        enterprisesPerSecond: Math.round(done.processed / seconds),
        rssMb: Math.round(process.memoryUsage().rss / 1048576),
      },
      'sweep completed',
    );
  }

  private async contextOf(sweep: AutoGrantSweepEntity): Promise<SweepContext> {
    const zone: { code: string }[] = await this.dataSource.query('SELECT code FROM zones WHERE id = $1', [
      sweep.zoneId,
    ]);
    const programs: LoadedProgram[] = [];
    for (const pinned of [...sweep.programVersions].sort(byProgramCode)) {
      programs.push(await this.catalog.getVersion(pinned.code, pinned.version));
    }
    return { zone: { id: sweep.zoneId, code: zone[0]?.code ?? '' }, programs };
  }

  /** A batch that lost a deadlock (two runs on overlapping enterprises) is simply run again. */
  private async withRetry<T>(run: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (error) {
        const code = (error as { driverError?: { code?: string }; code?: string }).driverError?.code;
        if (attempt >= 3 || !code || !RETRYABLE.has(code)) throw error;
        this.logger.warn({ code, attempt }, 'sweep batch retried after a transient conflict');
      }
    }
  }
}

interface SweepContext {
  zone: { id: string; code: string };
  programs: LoadedProgram[];
}
