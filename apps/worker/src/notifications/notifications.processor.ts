import { HuiqiClsStore } from '@huiqi/core/context/request-context';
import { BankAccountNotices } from '@huiqi/core/notifications/bank-account-notices';
import { DeclaredFactNotices } from '@huiqi/core/notifications/declared-fact-notices';
import { NotificationFanOutService } from '@huiqi/core/notifications/fan-out.service';
import { OutboxService } from '@huiqi/core/outbox/outbox.service';
import { QueueName, WORKER_LOCK_DURATION_MS } from '@huiqi/queues';
import { Processor } from '@nestjs/bullmq';
import { ClsService } from 'nestjs-cls';
import { OutboxJob, OutboxJobProcessor } from '../outbox/outbox-processor';

/**
 * Fans one notification out to its audience: inbox rows and recorded email/webhook deliveries (each
 * with its own job) commit together with the outbox row's done mark, so a redelivery writes nothing.
 */
@Processor(QueueName.Notifications, { lockDuration: WORKER_LOCK_DURATION_MS, concurrency: 4 })
export class NotificationsProcessor extends OutboxJobProcessor<QueueName.Notifications> {
  constructor(
    outbox: OutboxService,
    cls: ClsService<HuiqiClsStore>,
    private readonly fanOut: NotificationFanOutService,
    private readonly declaredFacts: DeclaredFactNotices,
    private readonly bankAccounts: BankAccountNotices,
  ) {
    super(outbox, cls);
  }

  protected async handle(job: OutboxJob<QueueName.Notifications>) {
    const { data } = job;
    const run = await this.outbox.runOnce(data.outboxId, (m) =>
      'declaredFactId' in data
        ? this.declaredFacts.notify(m, data.outboxId, data)
        : 'bankAccountChangeId' in data
          ? this.bankAccounts.notify(m, data.outboxId, data)
          : this.fanOut.fanOut(m, data.outboxId, data),
    );
    return run.ran ? run.result : 'duplicate';
  }
}
