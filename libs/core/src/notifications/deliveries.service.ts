import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** A delivery as its job sees it, locked; for webhooks with the endpoint's current URL and secret. */
export interface LockedDelivery {
  id: string;
  channel: 'email' | 'webhook';
  status: 'pending' | 'retrying' | 'sent' | 'failed' | 'cancelled';
  target: string;
  template: string;
  content: Record<string, unknown>;
  webhook: { id: string; url: string; secret: string; active: boolean } | null;
}

interface LockedRow {
  id: string;
  channel: 'email' | 'webhook';
  status: LockedDelivery['status'];
  target: string;
  template: string;
  content: Record<string, unknown>;
  webhook_id: string | null;
  webhook_url: string | null;
  webhook_secret: string | null;
  webhook_active: boolean | null;
}

/**
 * The record of each email and webhook delivery: what was sent, how often it was tried, the last
 * error. A delivery marked sent is never sent again, whatever happens to its job.
 */
@Injectable()
export class NotificationDeliveries {
  constructor(private readonly dataSource: DataSource) {}

  /** Locks the delivery for this attempt (a concurrent duplicate of the job waits, then sees it sent). */
  async lock(m: EntityManager, deliveryId: string): Promise<LockedDelivery | null> {
    const rows: LockedRow[] = await m.query(
      `SELECT d.id, d.channel, d.status, d.target, d.template, d.content, d.webhook_id,
              w.url AS webhook_url, w.secret AS webhook_secret,
              (w.enabled AND w.deleted_at IS NULL) AS webhook_active
       FROM notification_deliveries d LEFT JOIN zone_webhooks w ON w.id = d.webhook_id
       WHERE d.id = $1 FOR UPDATE OF d`,
      [deliveryId],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      id: r.id,
      channel: r.channel,
      status: r.status,
      target: r.target,
      template: r.template,
      content: r.content,
      webhook:
        r.webhook_id && r.webhook_url && r.webhook_secret
          ? {
              id: r.webhook_id,
              url: r.webhook_url,
              secret: r.webhook_secret,
              active: r.webhook_active === true,
            }
          : null,
    };
  }

  async markSent(m: EntityManager, deliveryId: string, target: string): Promise<void> {
    await m.query(
      `UPDATE notification_deliveries
       SET status = 'sent', attempts = attempts + 1, sent_at = now(), last_attempt_at = now(), last_error = NULL, target = $2
       WHERE id = $1`,
      [deliveryId, target],
    );
  }

  /** Nothing to send any more (the zone removed or disabled the endpoint): done, not failed. */
  async cancel(m: EntityManager, deliveryId: string, reason: string): Promise<void> {
    await m.query(
      `UPDATE notification_deliveries SET status = 'cancelled', last_error = $2 WHERE id = $1 AND status <> 'sent'`,
      [deliveryId, reason],
    );
  }

  /**
   * Records a failed attempt outside the attempt's own transaction (which rolled back). After the last
   * attempt the delivery is `failed`: kept, visible to admins, retryable.
   */
  async recordFailure(deliveryId: string, error: string, final: boolean): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification_deliveries
       SET attempts = attempts + 1, last_attempt_at = now(), last_error = $2,
           status = CASE WHEN $3 THEN 'failed' ELSE 'retrying' END
       WHERE id = $1 AND status <> 'sent'`,
      [deliveryId, error.slice(0, 2000), final],
    );
  }
}
