import { JobPayload, QueueName } from '@huiqi/queues';
import { updateReturning } from '../database/update-returning';
import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { DataSource, EntityManager } from 'typeorm';
import { currentCorrelationId, HuiqiClsStore } from '../context/request-context';

export interface OutboxItem<Q extends QueueName = QueueName> {
  queue: Q;
  jobName: string;
  payload: JobPayload<Q>;
  /** Run no earlier than this (deadlines, reminders). Defaults to now. */
  availableAt?: Date;
  /** A second item with the same key is silently not written. */
  dedupKey?: string;
}

/** What every job relayed from the outbox carries besides its payload. */
export interface OutboxJobMeta {
  outboxId: string;
  correlationId: string | null;
}

/**
 * The transactional outbox. Writers add items inside their own transaction, so the work to do is
 * committed together with the change that caused it; processors run their effect and mark the item
 * done in ONE transaction, so a job delivered twice has its effect once.
 */
@Injectable()
export class OutboxService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cls: ClsService<HuiqiClsStore>,
  ) {}

  async enqueue(manager: EntityManager, items: OutboxItem[]): Promise<void> {
    if (items.length === 0) return;
    const correlationId = currentCorrelationId(this.cls);
    const values: unknown[] = [];
    const rows = items.map((item, i) => {
      values.push(
        item.queue,
        item.jobName,
        JSON.stringify(item.payload),
        correlationId,
        item.dedupKey ?? null,
        item.availableAt ?? null,
      );
      const o = i * 6;
      return `($${o + 1}, $${o + 2}, $${o + 3}::jsonb, $${o + 4}, $${o + 5}, coalesce($${o + 6}::timestamptz, now()))`;
    });
    await manager.query(
      `INSERT INTO outbox (queue, job_name, payload, correlation_id, dedup_key, available_at)
       VALUES ${rows.join(', ')} ON CONFLICT (dedup_key) DO NOTHING`,
      values,
    );
  }

  /**
   * Runs `effect` and marks the outbox item done in one transaction. The item is marked first: the
   * UPDATE's row lock serialises concurrent deliveries of the same item (the second finds it done and
   * runs nothing), and if the effect fails the transaction takes the mark back with it.
   */
  async runOnce<T>(
    outboxId: string,
    effect: (manager: EntityManager) => Promise<T>,
  ): Promise<{ ran: true; result: T } | { ran: false }> {
    return this.dataSource.transaction(async (manager) => {
      const claimed = await updateReturning(
        manager,
        `UPDATE outbox SET done_at = now(), failed_at = NULL, last_error = NULL
         WHERE id = $1 AND done_at IS NULL RETURNING 1`,
        [outboxId],
      );
      if (claimed.length === 0) return { ran: false as const };
      return { ran: true as const, result: await effect(manager) };
    });
  }

  /** A job that exhausted its retries: keep it visible (and out of the resend loop) until an admin retries it. */
  async recordFailure(outboxId: string, error: string): Promise<void> {
    await this.dataSource.query(
      'UPDATE outbox SET failed_at = now(), last_error = $2 WHERE id = $1 AND done_at IS NULL',
      [outboxId, error.slice(0, 4000)],
    );
  }

  /** Admin retry: the item is relayed again (the relay's jobId dedup keeps a still-queued job single). */
  async retryFailed(outboxId: string): Promise<boolean> {
    const rows = await updateReturning(
      this.dataSource.manager,
      `UPDATE outbox SET failed_at = NULL, sent_at = NULL WHERE id = $1 AND done_at IS NULL AND failed_at IS NOT NULL RETURNING 1`,
      [outboxId],
    );
    return rows.length > 0;
  }
}
