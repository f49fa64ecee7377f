import { AutoGrantJob, MaintenanceJob, QueueName } from '@huiqi/queues';
import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';

/** 01:30 Asia/Shanghai: after the day's data feeds, before anyone starts work. */
export const NIGHTLY_SWEEP_PATTERN = '30 1 * * *';

interface Schedule {
  queue: QueueName;
  id: string;
  pattern: string;
  job: { name: string; data: MaintenanceJob | AutoGrantJob };
}

/** Every recurring job Huiqi runs, declared in one place. */
export const SCHEDULES: Schedule[] = [
  {
    queue: QueueName.Maintenance,
    id: 'purge-idempotency-keys',
    pattern: '17 * * * *',
    job: { name: 'purge-idempotency-keys', data: { task: 'purge-idempotency-keys' } },
  },
  {
    queue: QueueName.AutoGrants,
    id: 'nightly-auto-grant-sweeps',
    pattern: NIGHTLY_SWEEP_PATTERN,
    job: { name: 'nightly-sweeps', data: { kind: 'nightly-sweeps' } },
  },
];

/** How often the schedules are written again: BullMQ keeps them only in Redis. */
export const SCHEDULE_REFRESH_MS = 5 * 60_000;

/**
 * Keeps the job schedulers registered. Upserting is idempotent, so every worker does it at boot (N
 * workers starting at once is fine) and again every few minutes: a Redis that lost its data gets its
 * schedules back without waiting for a worker restart.
 */
@Injectable()
export class JobSchedulesService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobSchedulesService.name);
  private timer?: NodeJS.Timeout;

  constructor(private readonly moduleRef: ModuleRef) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.upsertAll();
    this.timer = setInterval(() => {
      this.upsertAll().catch((error: unknown) =>
        this.logger.warn({ err: error }, 'could not refresh job schedules'),
      );
    }, SCHEDULE_REFRESH_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async upsertAll(): Promise<void> {
    for (const s of SCHEDULES) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(s.queue), { strict: false });
      await queue.upsertJobScheduler(s.id, { pattern: s.pattern, tz: 'Asia/Shanghai' }, s.job);
    }
  }
}
