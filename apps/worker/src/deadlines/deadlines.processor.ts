import { DeadlineService } from '@huiqi/core/applications/deadline.service';
import { HuiqiClsStore } from '@huiqi/core/context/request-context';
import { OutboxService } from '@huiqi/core/outbox/outbox.service';
import { QueueName, WORKER_LOCK_DURATION_MS } from '@huiqi/queues';
import { Processor } from '@nestjs/bullmq';
import { ClsService } from 'nestjs-cls';
import { OutboxJob, OutboxJobProcessor } from '../outbox/outbox-processor';

/** Fires stage deadlines: reminders, escalations, expiry events and the end of publicity. */
@Processor(QueueName.Deadlines, { lockDuration: WORKER_LOCK_DURATION_MS, concurrency: 4 })
export class DeadlinesProcessor extends OutboxJobProcessor<QueueName.Deadlines> {
  constructor(
    outbox: OutboxService,
    cls: ClsService<HuiqiClsStore>,
    private readonly deadlines: DeadlineService,
  ) {
    super(outbox, cls);
  }

  protected async handle(job: OutboxJob<QueueName.Deadlines>) {
    const run = await this.outbox.runOnce(job.data.outboxId, (m) => this.deadlines.handle(m, job.data));
    return run.ran ? run.result : 'duplicate';
  }
}
