import { text } from '@huiqi/common';
import { DomainError, DomainErrorCode } from '@huiqi/core/errors/domain-error';
import { DELIVERY_DEDUP_PREFIX } from '@huiqi/core/notifications/fan-out.service';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxAdminService } from '../admin-queues/outbox-admin.service';
import { offsetOf } from '../http/pagination';
import type { DeliveryQueryDto } from './notifications.dto';
import type { DeliveryPageView, DeliveryView } from './notifications.views';

interface DeliveryRow {
  id: string;
  channel: string;
  status: string;
  template: string;
  target: string;
  user_id: string;
  application_id: string | null;
  zone_code: string | null;
  webhook_id: string | null;
  attempts: number;
  last_error: string | null;
  last_attempt_at: Date | null;
  sent_at: Date | null;
  outbox_id: string | null;
  created_at: Date;
}

const SELECT = `
  SELECT d.id, d.channel, d.status, d.template, d.target, d.user_id, d.application_id, z.code AS zone_code,
         d.webhook_id, d.attempts, d.last_error, d.last_attempt_at, d.sent_at, o.id AS outbox_id, d.created_at
  FROM notification_deliveries d
  LEFT JOIN zones z ON z.id = d.zone_id
  LEFT JOIN outbox o ON o.dedup_key = '${DELIVERY_DEDUP_PREFIX}' || d.id`;

/** Admins see every email and webhook delivery with its attempts and last error, and retry failed ones. */
@Injectable()
export class DeliveriesAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outboxAdmin: OutboxAdminService,
  ) {}

  async list(query: DeliveryQueryDto): Promise<DeliveryPageView> {
    const where = `WHERE ($1::text IS NULL OR d.status = $1) AND ($2::text IS NULL OR d.channel = $2)
      AND ($3::text IS NULL OR z.code = $3) AND ($4::uuid IS NULL OR d.application_id = $4)`;
    const params = [
      query.status ?? null,
      query.channel ?? null,
      query.zone ?? null,
      query.applicationId ?? null,
    ];
    const [rows, total] = await Promise.all([
      this.dataSource.query(`${SELECT} ${where} ORDER BY d.created_at DESC, d.id LIMIT $5 OFFSET $6`, [
        ...params,
        query.pageSize,
        offsetOf(query),
      ]) as Promise<DeliveryRow[]>,
      this.dataSource.query(
        `SELECT count(*)::int AS n FROM notification_deliveries d LEFT JOIN zones z ON z.id = d.zone_id ${where}`,
        params,
      ) as Promise<{ n: number }[]>,
    ]);
    return { items: rows.map(toView), total: total[0].n, page: query.page, pageSize: query.pageSize };
  }

  /** Sends a failed delivery again through its outbox row (fresh attempts, same delivery id). */
  async retry(id: string): Promise<DeliveryView> {
    const [row]: DeliveryRow[] = await this.dataSource.query(`${SELECT} WHERE d.id = $1`, [id]);
    if (!row) throw DomainError.notFound('delivery');
    if (row.status !== 'failed' || !row.outbox_id)
      throw new DomainError(
        DomainErrorCode.Conflict,
        text('error.delivery-not-failed', { status: row.status }),
      );
    await this.outboxAdmin.retry(row.outbox_id);
    await this.dataSource.query(
      `UPDATE notification_deliveries SET status = 'retrying' WHERE id = $1 AND status = 'failed'`,
      [id],
    );
    const [updated]: DeliveryRow[] = await this.dataSource.query(`${SELECT} WHERE d.id = $1`, [id]);
    return toView(updated);
  }
}

function toView(r: DeliveryRow): DeliveryView {
  return {
    id: r.id,
    channel: r.channel,
    status: r.status,
    template: r.template,
    target: r.target,
    userId: r.user_id,
    applicationId: r.application_id,
    zoneCode: r.zone_code,
    webhookId: r.webhook_id,
    attempts: r.attempts,
    lastError: r.last_error,
    lastAttemptAt: r.last_attempt_at?.toISOString() ?? null,
    sentAt: r.sent_at?.toISOString() ?? null,
    outboxId: r.outbox_id,
    createdAt: r.created_at.toISOString(),
  };
}
