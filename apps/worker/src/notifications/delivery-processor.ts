import { HuiqiClsStore } from '@huiqi/core/context/request-context';
import { LockedDelivery, NotificationDeliveries } from '@huiqi/core/notifications/deliveries.service';
import { OutboxService } from '@huiqi/core/outbox/outbox.service';
import { QueueName } from '@huiqi/queues';
import { ClsService } from 'nestjs-cls';
import { OutboxJob, OutboxJobProcessor } from '../outbox/outbox-processor';

type DeliveryQueue = QueueName.Email | QueueName.Webhooks;

export type DeliveryOutcome = 'sent' | 'already-sent' | 'cancelled' | 'duplicate';

/**
 * One email or webhook call for one recorded delivery. The attempt runs inside `runOnce` with the
 * delivery row locked: a delivery already sent is not sent again, and "sent" commits together with the
 * outbox row's done mark. A send that fails rolls back; the failure is then recorded on its own
 * (attempts, last error; `failed` after the last attempt) and the job retried with backoff.
 *
 * The one window left is a crash after the receiver accepted and before the commit: the message goes
 * out again on the retry, with the same delivery id (Message-ID / X-Huiqi-Delivery) for the receiver
 * to recognise. No protocol without the receiver's help can close that window.
 */
export abstract class DeliveryProcessor<Q extends DeliveryQueue> extends OutboxJobProcessor<Q> {
  constructor(
    outbox: OutboxService,
    cls: ClsService<HuiqiClsStore>,
    protected readonly deliveries: NotificationDeliveries,
  ) {
    super(outbox, cls);
  }

  /** Sends the delivery and returns the target used, or says why there is nothing to send. Throws on failure. */
  protected abstract send(delivery: LockedDelivery): Promise<string | { cancel: string }>;

  protected async handle(job: OutboxJob<Q>): Promise<DeliveryOutcome> {
    const { deliveryId, outboxId } = job.data;
    try {
      const run = await this.outbox.runOnce(outboxId, async (m): Promise<DeliveryOutcome> => {
        const delivery = await this.deliveries.lock(m, deliveryId);
        if (!delivery || delivery.status === 'sent') return 'already-sent';
        if (delivery.status === 'cancelled') return 'cancelled';
        const sent = await this.send(delivery);
        if (typeof sent !== 'string') {
          await this.deliveries.cancel(m, delivery.id, sent.cancel);
          return 'cancelled';
        }
        await this.deliveries.markSent(m, delivery.id, sent);
        return 'sent';
      });
      return run.ran ? run.result : 'duplicate';
    } catch (error) {
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await this.deliveries
        .recordFailure(deliveryId, error instanceof Error ? error.message : String(error), final)
        .catch((recordError: unknown) =>
          this.logger.warn({ err: recordError, deliveryId }, 'could not record the failed delivery attempt'),
        );
      throw error;
    }
  }
}
