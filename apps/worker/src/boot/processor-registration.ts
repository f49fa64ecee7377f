import { BullRegistrar, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { QueueCoverageError, queueCoverageProblems } from './queue-coverage';

/** Where @nestjs/bullmq's @Processor() keeps its queue name. */
const PROCESSOR_METADATA = 'bullmq:processor_metadata';

/**
 * Starts the BullMQ workers only after checking that every queue has exactly one processor (BullModule
 * is set to `manualRegistration`), so a worker missing a processor refuses to start instead of leaving
 * that queue's jobs to pile up. On shutdown it closes the workers first, before anything they use
 * (the database, Redis) goes away: each lets its active jobs finish and takes no new ones.
 */
@Injectable()
export class ProcessorRegistration implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(ProcessorRegistration.name);
  private hosts: WorkerHost[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly registrar: BullRegistrar,
  ) {}

  onModuleInit(): void {
    const found = this.discovery
      .getProviders()
      .filter((w) => w.instance && w.isDependencyTreeStatic())
      .map((w) => ({ instance: w.instance as object, meta: this.metadataOf(w.instance as object) }))
      .filter((p): p is { instance: WorkerHost; meta: { name: string } } => p.meta !== undefined);
    const problems = queueCoverageProblems(
      found.map((p) => ({ processor: p.instance.constructor.name, queue: p.meta.name })),
    );
    if (problems.length > 0) throw new QueueCoverageError(problems);
    this.registrar.register();
    this.hosts = found.map((p) => p.instance);
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    const workers = this.hosts.map((h) => h.worker);
    const active = workers.reduce((n, w) => n + (w.isRunning() ? 1 : 0), 0);
    this.logger.log({ signal, workers: active }, 'shutting down: letting active jobs finish');
    await Promise.all(workers.map((w) => w.close()));
    this.logger.log('all workers closed');
  }

  private metadataOf(instance: object): { name: string } | undefined {
    return Reflect.getMetadata(PROCESSOR_METADATA, instance.constructor) as { name: string } | undefined;
  }
}
