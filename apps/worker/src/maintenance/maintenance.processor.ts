import { JobPayload, QueueName, WORKER_LOCK_DURATION_MS } from '@huiqi/queues';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';

/** Housekeeping jobs, run by a BullMQ job scheduler. Each is idempotent: re-running deletes nothing new. */
@Processor(QueueName.Maintenance, { lockDuration: WORKER_LOCK_DURATION_MS })
export class MaintenanceProcessor extends WorkerHost {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async process(job: Job<JobPayload<QueueName.Maintenance>>): Promise<{ deleted: number }> {
    switch (job.data.task) {
      case 'purge-idempotency-keys': {
        const [, deleted] = (await this.dataSource.query(
          `DELETE FROM idempotency_keys WHERE expires_at < now()`,
        )) as [unknown, number];
        this.logger.log({ jobId: job.id, deleted }, 'purged expired idempotency keys');
        return { deleted };
      }
    }
  }
}
