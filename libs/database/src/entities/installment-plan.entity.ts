import { Column, Entity, PrimaryColumn } from 'typeorm';

export type InstallmentPlanStatus = 'active' | 'completed' | 'stopped';

/**
 * The schedule of a multi-year grant. Its id is the plan's first case, which is installment 1;
 * installments 2..N are cases of their own whose `parent_id` is this id.
 */
@Entity({ name: 'installment_plans' })
export class InstallmentPlanEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'zone_id', type: 'uuid' })
  zoneId: string;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId: string;

  @Column({ name: 'program_code', type: 'text' })
  programCode: string;

  /** Pinned with the first case: every installment is computed with this version. */
  @Column({ name: 'program_version', type: 'integer' })
  programVersion: number;

  /** The person's hashed ID number (person programs). */
  @Column({ type: 'text', nullable: true })
  subject: string | null;

  @Column({ name: 'start_fiscal_year', type: 'integer' })
  startFiscalYear: number;

  @Column({ type: 'integer' })
  years: number;

  @Column({ type: 'text' })
  status: InstallmentPlanStatus;

  @Column({ name: 'stopped_reason', type: 'text', nullable: true })
  stoppedReason: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', insert: false })
  updatedAt: Date;
}
