import { OutboxJobMeta, OutboxService } from '@huiqi/core/outbox/outbox.service';
import { HuiqiClsStore } from '@huiqi/core/context/request-context';
import { JobPayload, QueueName } from '@huiqi/queues';
import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { ClsService } from 'nestjs-cls';

export type OutboxJob<Q extends QueueName> = Job<JobPayload<Q> & OutboxJobMeta>;

/**
 * Base of every processor fed by the outbox: runs the job with its correlation id in context, logs
 * id, name and duration, and records a job that exhausted its retries on its outbox row (kept visible,
 * retryable by an admin). Subclasses wrap their effect in `outbox.runOnce` so a redelivery changes nothing.
 */
export abstract class OutboxJobProcessor<Q extends QueueName> extends WorkerHost {
  protected readonly logger = new Logger(this.constructor.name);

  constructor(
    protected readonly outbox: OutboxService,
    protected readonly cls: ClsService<HuiqiClsStore>,
  ) {
    super();
  }

  protected abstract handle(job: OutboxJob<Q>): Promise<unknown>;

  async process(job: OutboxJob<Q>): Promise<unknown> {
    return this.cls.run(async () => {
      this.cls.set('correlationId', job.data.correlationId ?? `job:${job.id}`);
      const started = Date.now();
      const result = await this.handle(job);
      this.logger.log(
        { jobId: job.id, job: job.name, correlationId: job.data.correlationId, ms: Date.now() - started },
        'job done',
      );
      return result;
    });
  }

  @OnWorkerEvent('failed')
  async onFailed(job: OutboxJob<Q> | undefined, error: Error): Promise<void> {
    if (!job) return;
    const final = failedForGood(job, error);
    this.logger.warn(
      {
        jobId: job.id,
        job: job.name,
        correlationId: job.data.correlationId,
        attempt: job.attemptsMade,
        final,
        err: error,
      },
      final ? 'job failed for good' : 'job failed; will retry',
    );
    if (final && job.data.outboxId) await this.outbox.recordFailure(job.data.outboxId, error.message);
  }
}

/**
 * Whether BullMQ will not try the job again: its attempts are used up, or the failure is unrecoverable.
 * BullMQ fails a job as unrecoverable without using up its attempts when it stalled more often than
 * allowed (a worker died under it twice, e.g. killed or out of memory): that is final too, or the outbox
 * row would stay "sent" for ever while the relay's re-sends hit the failed job's id.
 */
export function failedForGood(job: Pick<Job, 'attemptsMade' | 'opts'>, error: Error | undefined): boolean {
  return job.attemptsMade >= (job.opts.attempts ?? 1) || error?.name === 'UnrecoverableError';
}
