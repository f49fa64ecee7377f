import { APP_CONFIG, AppConfig } from '@huiqi/config';
import { bullConnection, QueueName } from '@huiqi/queues';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';

/**
 * Producer-side handles on every queue, for the dashboard and the outbox admin endpoints. They use the
 * fail-fast producer connection: with Redis down an admin request errors at once instead of hanging.
 * The API never enqueues work here — that is the outbox relay's job in the worker.
 */
@Injectable()
export class DashboardQueues implements OnApplicationShutdown {
  private readonly logger = new Logger(DashboardQueues.name);
  private lastError = '';
  readonly all: ReadonlyMap<QueueName, Queue>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const connection = bullConnection(config.redis.url, 'producer');
    this.all = new Map(
      Object.values(QueueName).map((name) => {
        const queue = new Queue(name, { connection, prefix: config.redis.prefix });
        queue.on('error', (error: Error) => this.onError(name, error));
        return [name, queue] as const;
      }),
    );
  }

  get(name: string): Queue | undefined {
    return this.all.get(name as QueueName);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.all.values()].map((q) => q.close().catch(() => undefined)));
  }

  /** Reconnect errors repeat every second while Redis is down; say each distinct one once. */
  private onError(queue: string, error: Error): void {
    if (error.message === this.lastError) return;
    this.lastError = error.message;
    this.logger.warn({ queue, err: error }, 'queue dashboard cannot reach Redis');
  }
}
