import { APP_CONFIG, AppConfig } from '@huiqi/config';
import { QueueName } from '@huiqi/queues';
import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';

interface OutboxRow {
  /** A row sent before but never done (re-sent after the timeout). */
  resent?: boolean;
  id: string;
  queue: string;
  job_name: string;
  payload: Record<string, unknown>;
  correlation_id: string | null;
  delay_ms: number;
}

/** BullMQ job id for an outbox row: adding a job whose id exists is a no-op, which is our dedup. */
export const outboxJobId = (id: string) => `outbox-${id}`;

/**
 * Moves committed outbox rows to BullMQ. Woken by Postgres NOTIFY, with polling as a fallback.
 * Rows are locked (SKIP LOCKED, so N workers share the work), enqueued with the row id as jobId, and
 * marked sent in the same transaction: a crash in between leaves them unsent and they are enqueued
 * again, which the jobId dedups. Rows sent but not done after OUTBOX_RESEND_AFTER_SECONDS are sent
 * again, so even a Redis that lost its data loses no work.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayService.name);
  private listener?: Client;
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
    this.timer = setInterval(() => this.wake(), this.config.outbox.pollMs);
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.listener?.end().catch(() => undefined);
  }

  /** Runs a relay pass now, or right after the current one if one is running. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.warn({ err: error }, 'outbox relay pass failed; will retry'))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Resolves when no relay pass (woken by NOTIFY or the poll timer) is running. */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Relays until nothing is left to relay right now. Returns how many rows were sent. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const sent = await this.relayBatch();
      total += sent;
      if (sent < this.config.outbox.batchSize || this.stopped) return total;
    }
  }

  async relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const rows = await this.claim(m);
      if (rows.length === 0) return 0;
      const byQueue = new Map<string, OutboxRow[]>();
      for (const row of rows) byQueue.set(row.queue, [...(byQueue.get(row.queue) ?? []), row]);
      for (const [queueName, queued] of byQueue) {
        await this.queue(queueName).addBulk(
          queued.map((row) => ({
            name: row.job_name,
            data: { ...row.payload, outboxId: row.id, correlationId: row.correlation_id },
            opts: { jobId: outboxJobId(row.id), delay: Math.max(0, Math.round(row.delay_ms)) },
          })),
        );
      }
      await m.query(
        'UPDATE outbox SET sent_at = now(), send_count = send_count + 1 WHERE id = ANY($1::bigint[])',
        [rows.map((r) => r.id)],
      );
      await this.markExhaustedAsFailed(
        m,
        rows.filter((r) => r.resent),
      );
      return rows.length;
    });
  }

  /**
   * A re-sent row whose job is still in Redis as failed was exhausted by a worker that died before
   * recording it: the add above was a no-op, so mark the row failed (visible, retryable by an admin)
   * instead of re-sending it forever.
   */
  private async markExhaustedAsFailed(m: EntityManager, resent: OutboxRow[]): Promise<void> {
    for (const row of resent) {
      const job = await this.queue(row.queue).getJob(outboxJobId(row.id));
      if (job && (await job.getState()) === 'failed') {
        await m.query(
          `UPDATE outbox SET failed_at = now(), last_error = $2 WHERE id = $1 AND done_at IS NULL`,
          [row.id, (job.failedReason || 'job exhausted its retries').slice(0, 4000)],
        );
      }
    }
  }

  private async claim(m: EntityManager): Promise<OutboxRow[]> {
    const { batchSize, delayHorizonSeconds, resendAfterSeconds } = this.config.outbox;
    const columns = `id, queue, job_name, payload, correlation_id,
      greatest(0, extract(epoch FROM available_at - now()) * 1000) AS delay_ms`;
    const unsent: OutboxRow[] = await m.query(
      `SELECT ${columns} FROM outbox
       WHERE sent_at IS NULL AND done_at IS NULL AND available_at <= now() + make_interval(secs => $1)
       ORDER BY available_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [delayHorizonSeconds, batchSize],
    );
    if (unsent.length >= batchSize) return unsent;
    const stale: OutboxRow[] = await m.query(
      `SELECT ${columns} FROM outbox
       WHERE sent_at IS NOT NULL AND done_at IS NULL AND failed_at IS NULL
         AND greatest(sent_at, available_at) < now() - make_interval(secs => $1)
       ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [resendAfterSeconds, batchSize - unsent.length],
    );
    if (stale.length > 0)
      this.logger.warn({ count: stale.length }, 'relaying outbox rows again that were sent but never done');
    return [...unsent, ...stale.map((row) => ({ ...row, resent: true }))];
  }

  private queue(name: string): Queue {
    if (!(Object.values(QueueName) as string[]).includes(name))
      throw new Error(`outbox row for unknown queue ${name}`);
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  /** LISTEN on a dedicated connection; on any failure keep polling and try again in 2 s. */
  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({
      connectionString: this.config.database.url,
      application_name: 'huiqi-outbox-listener',
    });
    const retry = (error: unknown) => {
      if (this.listener === client) this.listener = undefined;
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      this.logger.warn({ err: error }, 'outbox LISTEN connection unavailable; polling continues, retrying');
      setTimeout(() => void this.listen(), 2000);
    };
    client.on('error', retry);
    client.on('notification', () => this.wake());
    try {
      await client.connect();
      await client.query('LISTEN huiqi_outbox');
      this.listener = client;
    } catch (error) {
      client.removeListener('error', retry);
      retry(error);
    }
  }
}
