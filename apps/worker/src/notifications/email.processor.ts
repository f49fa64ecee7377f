import { HuiqiClsStore } from '@huiqi/core/context/request-context';
import { LockedDelivery, NotificationDeliveries } from '@huiqi/core/notifications/deliveries.service';
import type { EmailContent } from '@huiqi/core/notifications/fan-out.service';
import { OutboxService } from '@huiqi/core/outbox/outbox.service';
import { QueueName, WORKER_LOCK_DURATION_MS } from '@huiqi/queues';
import { Processor } from '@nestjs/bullmq';
import { ClsService } from 'nestjs-cls';
import { DeliveryProcessor } from './delivery-processor';
import { Mailer } from './mailer';

/** Sends one notification email over SMTP. */
@Processor(QueueName.Email, { lockDuration: WORKER_LOCK_DURATION_MS, concurrency: 2 })
export class EmailProcessor extends DeliveryProcessor<QueueName.Email> {
  constructor(
    outbox: OutboxService,
    cls: ClsService<HuiqiClsStore>,
    deliveries: NotificationDeliveries,
    private readonly mailer: Mailer,
  ) {
    super(outbox, cls, deliveries);
  }

  protected async send(delivery: LockedDelivery): Promise<string> {
    const content = delivery.content as unknown as EmailContent;
    await this.mailer.send({
      to: delivery.target,
      subject: content.subject,
      text: content.text,
      locale: content.locale,
      deliveryId: delivery.id,
    });
    return delivery.target;
  }
}
