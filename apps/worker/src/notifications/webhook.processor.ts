import { HuiqiClsStore } from '@huiqi/core/context/request-context';
import { LockedDelivery, NotificationDeliveries } from '@huiqi/core/notifications/deliveries.service';
import { OutboxService } from '@huiqi/core/outbox/outbox.service';
import { QueueName, WORKER_LOCK_DURATION_MS } from '@huiqi/queues';
import { Processor } from '@nestjs/bullmq';
import { ClsService } from 'nestjs-cls';
import { DeliveryProcessor } from './delivery-processor';
import { WebhookClient } from './webhook-client';

/** Posts one signed webhook to a zone's endpoint, at its current URL and secret. */
@Processor(QueueName.Webhooks, { lockDuration: WORKER_LOCK_DURATION_MS, concurrency: 4 })
export class WebhookProcessor extends DeliveryProcessor<QueueName.Webhooks> {
  constructor(
    outbox: OutboxService,
    cls: ClsService<HuiqiClsStore>,
    deliveries: NotificationDeliveries,
    private readonly client: WebhookClient,
  ) {
    super(outbox, cls, deliveries);
  }

  protected async send(delivery: LockedDelivery): Promise<string | { cancel: string }> {
    if (!delivery.webhook?.active) return { cancel: 'the zone removed or disabled this webhook endpoint' };
    await this.client.post({
      url: delivery.webhook.url,
      secret: delivery.webhook.secret,
      deliveryId: delivery.id,
      event: delivery.template,
      content: delivery.content,
    });
    return delivery.webhook.url;
  }
}
