import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One fact about an enterprise (or a person of it, `subject` = hashed ID number) from a source,
 * describing a period. Append-only: the newest row per (key, subject, period) is the current value.
 */
@Entity({ name: 'enterprise_facts' })
export class EnterpriseFactEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId: string;

  @Column({ name: 'zone_id', type: 'uuid' })
  zoneId: string;

  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'text', nullable: true })
  subject: string | null;

  @Column({ type: 'text', nullable: true })
  period: string | null;

  @Column({ type: 'jsonb' })
  value: unknown;

  @Column({ type: 'text' })
  source: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy: string | null;

  /** The bulk feed import this fact came from, if any. */
  @Column({ name: 'feed_id', type: 'uuid', nullable: true })
  feedId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
