import { text } from '@huiqi/common';
import { updateReturning } from '@huiqi/core/database/update-returning';
import { DomainError } from '@huiqi/core/errors/domain-error';
import { generateWebhookSecret } from '@huiqi/core/notifications/webhook-signature';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CreateZoneWebhookDto, UpdateZoneWebhookDto } from './notifications.dto';
import type { CreatedZoneWebhookView, ZoneWebhookView } from './notifications.views';

interface WebhookRow {
  id: string;
  zone_code: string;
  url: string;
  description: string | null;
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `SELECT w.id, z.code AS zone_code, w.url, w.description, w.enabled, w.created_at, w.updated_at
  FROM zone_webhooks w JOIN zones z ON z.id = w.zone_id`;

/** Admins connect a zone's other systems: endpoints every notification of the zone is posted to. */
@Injectable()
export class ZoneWebhooksService {
  constructor(private readonly dataSource: DataSource) {}

  async list(zoneCode?: string): Promise<ZoneWebhookView[]> {
    const rows: WebhookRow[] = await this.dataSource.query(
      `${SELECT} WHERE w.deleted_at IS NULL AND ($1::text IS NULL OR z.code = $1) ORDER BY z.code, w.created_at`,
      [zoneCode ?? null],
    );
    return rows.map(toView);
  }

  async create(dto: CreateZoneWebhookDto, adminId: string): Promise<CreatedZoneWebhookView> {
    const zones: { id: string }[] = await this.dataSource.query(`SELECT id FROM zones WHERE code = $1`, [
      dto.zoneCode,
    ]);
    if (zones.length === 0)
      throw DomainError.invalid('zoneCode', text('error.webhook-zone-unknown', { code: dto.zoneCode }));
    const secret = dto.secret ?? generateWebhookSecret();
    const [created]: { id: string }[] = await this.dataSource.query(
      `INSERT INTO zone_webhooks (zone_id, url, secret, description, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [zones[0].id, dto.url, secret, dto.description ?? null, adminId],
    );
    return { ...(await this.get(created.id)), secret };
  }

  async update(id: string, dto: UpdateZoneWebhookDto): Promise<ZoneWebhookView> {
    const rows = await updateReturning(
      this.dataSource.manager,
      `UPDATE zone_webhooks SET url = coalesce($2, url), secret = coalesce($3, secret),
         enabled = coalesce($4, enabled), description = coalesce($5, description), updated_at = now()
       WHERE id = $1 AND deleted_at IS NULL RETURNING id`,
      [id, dto.url ?? null, dto.secret ?? null, dto.enabled ?? null, dto.description ?? null],
    );
    if (rows.length === 0) throw DomainError.notFound('webhook');
    return this.get(id);
  }

  /** Kept as a row (its deliveries refer to it); pending deliveries to it are cancelled when they run. */
  async remove(id: string): Promise<void> {
    const rows = await updateReturning(
      this.dataSource.manager,
      `UPDATE zone_webhooks SET deleted_at = now(), enabled = false, updated_at = now()
       WHERE id = $1 AND deleted_at IS NULL RETURNING id`,
      [id],
    );
    if (rows.length === 0) throw DomainError.notFound('webhook');
  }

  private async get(id: string): Promise<ZoneWebhookView> {
    const rows: WebhookRow[] = await this.dataSource.query(
      `${SELECT} WHERE w.id = $1 AND w.deleted_at IS NULL`,
      [id],
    );
    if (rows.length === 0) throw DomainError.notFound('webhook');
    return toView(rows[0]);
  }
}

function toView(r: WebhookRow): ZoneWebhookView {
  return {
    id: r.id,
    zoneCode: r.zone_code,
    url: r.url,
    description: r.description,
    enabled: r.enabled,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
