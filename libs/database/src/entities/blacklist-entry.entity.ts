import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An enterprise barred from new applications after an upheld false claim, until `barredUntil`. */
@Entity({ name: 'enterprise_blacklist' })
export class BlacklistEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId: string;

  @Column({ name: 'zone_id', type: 'uuid' })
  zoneId: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'source_application_id', type: 'uuid', nullable: true })
  sourceApplicationId: string | null;

  @Column({ name: 'barred_from', type: 'timestamptz' })
  barredFrom: Date;

  @Column({ name: 'barred_until', type: 'timestamptz' })
  barredUntil: Date;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'lifted_at', type: 'timestamptz', nullable: true })
  liftedAt: Date | null;
}
