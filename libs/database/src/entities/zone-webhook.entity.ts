import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An endpoint of another system a zone integrates (OA, messaging): every notification of the zone is
 * POSTed to it, signed with HMAC-SHA256 over the raw body with `secret`. Deleting keeps the row
 * (`deletedAt`) because deliveries refer to it.
 */
@Entity({ name: 'zone_webhooks' })
export class ZoneWebhookEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'zone_id', type: 'uuid' })
  zoneId: string;

  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'text', select: false })
  secret: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'boolean' })
  enabled: boolean;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}
