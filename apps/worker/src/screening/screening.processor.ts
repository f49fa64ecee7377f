import { ScreeningService } from '@huiqi/core/applications/screening.service';
import { HuiqiClsStore } from '@huiqi/core/context/request-context';
import { OutboxService } from '@huiqi/core/outbox/outbox.service';
import { QueueName, WORKER_LOCK_DURATION_MS } from '@huiqi/queues';
import { Processor } from '@nestjs/bullmq';
import { ClsService } from 'nestjs-cls';
import { OutboxJob, OutboxJobProcessor } from '../outbox/outbox-processor';

/** Screens submitted applications; the result event and the outbox row's done mark commit together. */
@Processor(QueueName.Screening, { lockDuration: WORKER_LOCK_DURATION_MS, concurrency: 4 })
export class ScreeningProcessor extends OutboxJobProcessor<QueueName.Screening> {
  constructor(
    outbox: OutboxService,
    cls: ClsService<HuiqiClsStore>,
    private readonly screening: ScreeningService,
  ) {
    super(outbox, cls);
  }

  protected async handle(job: OutboxJob<QueueName.Screening>) {
    const run = await this.outbox.runOnce(job.data.outboxId, (m) =>
      this.screening.screen(m, job.data.applicationId, job.data.round),
    );
    return run.ran ? run.result : 'duplicate';
  }
}
