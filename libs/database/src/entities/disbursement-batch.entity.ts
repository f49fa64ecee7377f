import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type DisbursementBatchState =
  'draft' | 'locked' | 'exported' | 'settled' | 'partly_settled' | 'cancelled';

/** A set of grants paid together through one payment file: draft → locked → exported → settled. */
@Entity({ name: 'disbursement_batches' })
export class DisbursementBatchEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', insert: false, update: false })
  reference: string;

  @Column({ name: 'zone_id', type: 'uuid' })
  zoneId: string;

  @Column({ type: 'text' })
  state: DisbursementBatchState;

  /** The filters the batch was built from, as given. */
  @Column({ type: 'jsonb' })
  filters: Record<string, unknown>;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ name: 'locked_by', type: 'uuid', nullable: true })
  lockedBy: string | null;

  @Column({ name: 'locked_at', type: 'timestamptz', nullable: true })
  lockedAt: Date | null;

  @Column({ name: 'exported_by', type: 'uuid', nullable: true })
  exportedBy: string | null;

  @Column({ name: 'exported_at', type: 'timestamptz', nullable: true })
  exportedAt: Date | null;

  @Column({ name: 'export_count', type: 'integer' })
  exportCount: number;

  /** When every item had its outcome from the bank. */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'cancelled_by', type: 'uuid', nullable: true })
  cancelledBy: string | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', insert: false })
  updatedAt: Date;
}
