import { HuiqiClsStore } from '@huiqi/core/context/request-context';
import { OutboxService } from '@huiqi/core/outbox/outbox.service';
import { QueueName, WORKER_LOCK_DURATION_MS } from '@huiqi/queues';
import { Processor } from '@nestjs/bullmq';
import { ClsService } from 'nestjs-cls';
import { OutboxJob, OutboxJobProcessor } from '../outbox/outbox-processor';
import { SandboxRunner } from './sandbox-runner.service';

/**
 * Policy sandbox runs (政策沙盘), one at a time per worker: heavy, and nobody waits on them the way
 * they wait on screening. Progress and partial results are in Postgres after every batch, so a retry
 * or another worker picks up at the cursor; the report and the outbox row's done mark commit together.
 */
@Processor(QueueName.PolicySandbox, { lockDuration: WORKER_LOCK_DURATION_MS, concurrency: 1 })
export class SandboxProcessor extends OutboxJobProcessor<QueueName.PolicySandbox> {
  constructor(
    outbox: OutboxService,
    cls: ClsService<HuiqiClsStore>,
    private readonly runner: SandboxRunner,
  ) {
    super(outbox, cls);
  }

  protected async handle(job: OutboxJob<QueueName.PolicySandbox>) {
    const { runId, outboxId } = job.data;
    try {
      let batches = 0;
      for (;;) {
        const step = await this.runner.step(runId);
        if (step !== 'continued') break;
        batches += 1;
        if (batches % 10 === 0) await job.updateProgress({ batches });
      }
      const done = await this.outbox.runOnce(outboxId, (m) => this.runner.finish(m, runId));
      return done.ran ? (done.result ? 'completed' : 'already finished') : 'duplicate';
    } catch (error) {
      // The last attempt marks the run failed, so it does not look "running" forever.
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1))
        await this.runner.fail(runId, (error as Error).message);
      throw error;
    }
  }
}
