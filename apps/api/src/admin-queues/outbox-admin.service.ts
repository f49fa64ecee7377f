import { text } from '@huiqi/common';
import { DomainError, DomainErrorCode } from '@huiqi/core/errors/domain-error';
import { OutboxService } from '@huiqi/core/outbox/outbox.service';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { offsetOf } from '../http/pagination';
import { DashboardQueues } from './dashboard-queues';
import type { FailedOutboxQueryDto } from './outbox-admin.dto';
import type { FailedOutboxPageView, OutboxRowView } from './outbox-admin.views';

/** The relay's BullMQ job id for an outbox row (apps/worker/src/outbox/outbox-relay.service.ts). */
export const outboxJobIdOf = (outboxId: string) => `outbox-${outboxId}`;

interface OutboxRow {
  id: string;
  queue: string;
  job_name: string;
  payload: Record<string, unknown>;
  correlation_id: string | null;
  created_at: Date;
  sent_at: Date | null;
  send_count: number;
  failed_at: Date | null;
  last_error: string | null;
}

/**
 * Work that exhausted its retries (recorded on its outbox row by the worker), and the admin's retry.
 * Retrying removes the failed BullMQ job first — its job id would otherwise make the relay's re-send a
 * no-op — and then clears the row's failure so the relay sends it again with a fresh set of attempts.
 */
@Injectable()
export class OutboxAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly queues: DashboardQueues,
  ) {}

  async failed(query: FailedOutboxQueryDto): Promise<FailedOutboxPageView> {
    const where = `failed_at IS NOT NULL AND done_at IS NULL AND ($1::text IS NULL OR queue = $1)`;
    const [rows, total] = await Promise.all([
      this.dataSource.query(
        `SELECT id, queue, job_name, payload, correlation_id, created_at, sent_at, send_count, failed_at, last_error
         FROM outbox WHERE ${where} ORDER BY failed_at DESC, id DESC LIMIT $2 OFFSET $3`,
        [query.queue ?? null, query.pageSize, offsetOf(query)],
      ) as Promise<OutboxRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE ${where}`, [
        query.queue ?? null,
      ]) as Promise<{ n: number }[]>,
    ]);
    return { items: rows.map(toView), total: total[0].n, page: query.page, pageSize: query.pageSize };
  }

  async retry(outboxId: string): Promise<OutboxRowView> {
    const rows: { queue: string; done_at: Date | null; failed_at: Date | null }[] =
      await this.dataSource.query(`SELECT queue, done_at, failed_at FROM outbox WHERE id = $1`, [outboxId]);
    const row = rows[0];
    if (!row) throw DomainError.notFound('outboxItem');
    if (row.done_at) throw new DomainError(DomainErrorCode.Conflict, text('error.outbox-done'));
    if (!row.failed_at) throw new DomainError(DomainErrorCode.Conflict, text('error.outbox-not-failed'));
    const queue = this.queues.get(row.queue);
    const job = await queue?.getJob(outboxJobIdOf(outboxId)).catch(redisUnavailable);
    if (job && (await job.isFailed().catch(redisUnavailable))) await job.remove().catch(redisUnavailable);
    await this.outbox.retryFailed(outboxId);
    // The relay wakes on this NOTIFY instead of waiting for its next poll.
    await this.dataSource.query(`SELECT pg_notify('huiqi_outbox', '')`);
    const [updated]: OutboxRow[] = await this.dataSource.query(
      `SELECT id, queue, job_name, payload, correlation_id, created_at, sent_at, send_count, failed_at, last_error
       FROM outbox WHERE id = $1`,
      [outboxId],
    );
    return toView(updated);
  }
}

function redisUnavailable(error: unknown): never {
  throw new DomainError(
    DomainErrorCode.ServiceUnavailable,
    `The queue store (Redis) is not available: ${error instanceof Error ? error.message : String(error)}`,
  );
}

function toView(r: OutboxRow): OutboxRowView {
  return {
    id: r.id,
    queue: r.queue,
    jobName: r.job_name,
    jobId: outboxJobIdOf(r.id),
    payload: r.payload,
    correlationId: r.correlation_id,
    createdAt: r.created_at.toISOString(),
    sentAt: r.sent_at?.toISOString() ?? null,
    sendCount: r.send_count,
    failedAt: r.failed_at?.toISOString() ?? null,
    lastError: r.last_error,
  };
}
