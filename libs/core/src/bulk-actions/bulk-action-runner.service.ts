import { Actor, parseActionRequest, WorkflowEvent } from '@huiqi/workflow';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { ApplicationTransitionService } from '../applications/application-transition.service';
import { DomainError, DomainErrorCode } from '../errors/domain-error';

/** Cases per transaction: long enough to save the commits, short enough to hold a pool's lock briefly. */
export const BULK_CHUNK_SIZE = 50;

interface BulkRow {
  id: string;
  zone_id: string;
  action: 'approve' | 'return';
  comment: string;
  created_by: string;
  created_by_role: string;
  status: string;
}

interface Outcome {
  seq: number;
  outcome: 'succeeded' | 'failed';
  stateAfter: string | null;
  errorType: string | null;
  errorDetail: string | null;
}

export type BulkStep = 'progressed' | 'ready' | 'gone';

/** Integrity-constraint violations (class 23: a CHECK, a unique index) refuse the one case; others retry the chunk. */
function refusedByDatabase(error: unknown): error is QueryFailedError {
  const code = (error as { driverError?: { code?: string } }).driverError?.code;
  return error instanceof QueryFailedError && typeof code === 'string' && code.startsWith('23');
}

/**
 * Runs a bulk approval or return in the worker. Each case goes through the same
 * ApplicationTransitionService.apply as a single action (fund reservation, audit chain, outbox), in a
 * savepoint of its own: a case that fails (not in a state that takes the event, forbidden to the
 * requester, insufficient funds, changed meanwhile) is rolled back to its savepoint — nothing of it is
 * written — and reported, and the next case goes on. A chunk of cases commits together with their
 * outcomes and the counters, so a worker that dies resumes at the first case without an outcome; the
 * bulk action's row is locked per chunk, so two deliveries of the job never run the same case twice.
 */
@Injectable()
export class BulkActionRunner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transitions: ApplicationTransitionService,
  ) {}

  /** Processes the next chunk: `progressed`, `ready` (nothing left; call finish) or `gone`. */
  step(bulkActionId: string, chunkSize = BULK_CHUNK_SIZE): Promise<BulkStep> {
    return this.dataSource.transaction(async (m) => {
      const rows: BulkRow[] = await m.query(
        `SELECT id, zone_id, action, comment, created_by, created_by_role, status
         FROM bulk_actions WHERE id = $1 FOR UPDATE`,
        [bulkActionId],
      );
      const bulk = rows[0];
      if (!bulk || bulk.status === 'failed') return 'gone';
      const items: { seq: number; application_id: string; zone_id: string }[] = await m.query(
        `SELECT i.seq, i.application_id, a.zone_id FROM bulk_action_items i
         JOIN applications a ON a.id = i.application_id
         WHERE i.bulk_action_id = $1 AND i.outcome IS NULL ORDER BY i.seq LIMIT $2`,
        [bulkActionId, chunkSize],
      );
      if (items.length === 0) return 'ready';
      // Lock the chunk's cases (in id order) before the first reservation takes a pool's row lock. A
      // single action holds its case's row and then waits for the pool: were the chunk to hold the pool
      // and then reach for that case, the two would deadlock. This way the single action finishes
      // first (and the chunk then finds the case moved on), or waits for the chunk to commit.
      await m.query(`SELECT id FROM applications WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [
        items.map((i) => i.application_id),
      ]);

      const requester = await this.requester(m, bulk);
      const parsed = parseActionRequest({ type: bulk.action, comment: bulk.comment });
      if (!parsed.ok)
        throw new Error(`bulk action ${bulk.id}: ${parsed.issues.map((i) => i.message).join('; ')}`);
      const outcomes: Outcome[] = [];
      for (const item of items) {
        outcomes.push(await this.runCase(m, bulk, item, parsed.event, requester));
      }
      await this.record(m, bulk.id, outcomes);
      return 'progressed';
    });
  }

  /** Marks the bulk action completed (in the transaction that marks its outbox row done). */
  async finish(m: EntityManager, bulkActionId: string): Promise<void> {
    await m.query(
      `UPDATE bulk_actions SET status = 'completed', finished_at = coalesce(finished_at, now())
       WHERE id = $1 AND status IN ('queued', 'running')`,
      [bulkActionId],
    );
  }

  /** Retries exhausted: keep what was done, say why the rest was not. */
  async fail(bulkActionId: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE bulk_actions SET status = 'failed', error = $2, finished_at = now()
       WHERE id = $1 AND status IN ('queued', 'running')`,
      [bulkActionId, error.slice(0, 2000)],
    );
  }

  /**
   * The requester as they are now: a deactivated account, or one that changed role or zone since the
   * request, acts on nothing more (null).
   */
  private async requester(m: EntityManager, bulk: BulkRow): Promise<Actor | null> {
    const users: { role: string; zone_id: string | null; is_active: boolean }[] = await m.query(
      `SELECT role, zone_id, is_active FROM users WHERE id = $1`,
      [bulk.created_by],
    );
    const user = users[0];
    if (!user || !user.is_active || user.role !== bulk.created_by_role || user.zone_id !== bulk.zone_id)
      return null;
    return { userId: bulk.created_by, role: user.role as Actor['role'], enterpriseId: null };
  }

  private async runCase(
    m: EntityManager,
    bulk: BulkRow,
    item: { seq: number; application_id: string; zone_id: string },
    event: WorkflowEvent,
    requester: Actor | null,
  ): Promise<Outcome> {
    const failed = (errorType: string, errorDetail: string): Outcome => ({
      seq: item.seq,
      outcome: 'failed',
      stateAfter: null,
      errorType,
      errorDetail,
    });
    if (!requester)
      return failed(
        DomainErrorCode.Forbidden,
        'The requester’s account was deactivated or changed role or zone since the request',
      );
    if (item.zone_id !== bulk.zone_id) return failed(DomainErrorCode.NotFound, 'application not found');
    await m.query('SAVEPOINT bulk_case');
    try {
      const applied = await this.transitions.apply(m, item.application_id, event, requester);
      await m.query('RELEASE SAVEPOINT bulk_case');
      return {
        seq: item.seq,
        outcome: 'succeeded',
        stateAfter: applied.state,
        errorType: null,
        errorDetail: null,
      };
    } catch (error) {
      await m.query('ROLLBACK TO SAVEPOINT bulk_case');
      if (error instanceof DomainError) return failed(error.code, error.message);
      if (refusedByDatabase(error)) return failed(DomainErrorCode.Conflict, error.message);
      throw error;
    }
  }

  private async record(m: EntityManager, bulkActionId: string, outcomes: Outcome[]): Promise<void> {
    await m.query(
      `UPDATE bulk_action_items i
       SET outcome = v.outcome, state_after = v.state_after, error_type = v.error_type,
           error_detail = v.error_detail, processed_at = now()
       FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[])
         AS v(seq, outcome, state_after, error_type, error_detail)
       WHERE i.bulk_action_id = $1 AND i.seq = v.seq`,
      [
        bulkActionId,
        outcomes.map((o) => o.seq),
        outcomes.map((o) => o.outcome),
        outcomes.map((o) => o.stateAfter),
        outcomes.map((o) => o.errorType),
        outcomes.map((o) => o.errorDetail),
      ],
    );
    const succeeded = outcomes.filter((o) => o.outcome === 'succeeded').length;
    await m.query(
      `UPDATE bulk_actions
       SET done = done + $2, succeeded = succeeded + $3, failed = failed + $4,
           status = 'running', started_at = coalesce(started_at, now())
       WHERE id = $1`,
      [bulkActionId, outcomes.length, succeeded, outcomes.length - succeeded],
    );
  }
}
