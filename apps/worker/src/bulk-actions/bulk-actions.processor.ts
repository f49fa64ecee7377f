import { BulkActionRunner } from '@huiqi/core/bulk-actions/bulk-action-runner.service';
import { HuiqiClsStore } from '@huiqi/core/context/request-context';
import { OutboxService } from '@huiqi/core/outbox/outbox.service';
import { QueueName, WORKER_LOCK_DURATION_MS } from '@huiqi/queues';
import { Processor } from '@nestjs/bullmq';
import { ClsService } from 'nestjs-cls';
import { OutboxJob, OutboxJobProcessor } from '../outbox/outbox-processor';

/**
 * Bulk approvals and returns. Each chunk of cases is a transaction of its own (each case in its own
 * savepoint), committed with the cases' outcomes and the progress counters; the completed mark and the
 * outbox row's done mark commit together. A redelivered or restarted job resumes at the first case
 * without an outcome; when its attempts run out the bulk action is marked failed with the error.
 */
@Processor(QueueName.BulkActions, { lockDuration: WORKER_LOCK_DURATION_MS, concurrency: 2 })
export class BulkActionsProcessor extends OutboxJobProcessor<QueueName.BulkActions> {
  constructor(
    outbox: OutboxService,
    cls: ClsService<HuiqiClsStore>,
    private readonly runner: BulkActionRunner,
  ) {
    super(outbox, cls);
  }

  protected async handle(job: OutboxJob<QueueName.BulkActions>) {
    const { bulkActionId, outboxId } = job.data;
    try {
      let chunks = 0;
      for (;;) {
        const step = await this.runner.step(bulkActionId);
        if (step === 'progressed') {
          chunks += 1;
          await job.updateProgress({ chunks });
          continue;
        }
        const done = await this.outbox.runOnce(outboxId, async (m) => {
          if (step === 'ready') await this.runner.finish(m, bulkActionId);
          return step;
        });
        return done.ran ? done.result : 'duplicate';
      }
    } catch (error) {
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        await this.runner.fail(bulkActionId, (error as Error).message);
      }
      throw error;
    }
  }
}
