import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintFen } from '../transformers';

/**
 * `scheduled`: its fiscal year has not come; `awaiting-data`: the base year's fact has not arrived;
 * `invalid-data`: the base fact is not a valid amount; `offered`: a case exists (`applicationId`);
 * `nothing-due`: it computed to 0; `cancelled`: the plan stopped before it was offered.
 */
export type InstallmentItemStatus =
  'scheduled' | 'awaiting-data' | 'invalid-data' | 'offered' | 'nothing-due' | 'cancelled';

/** One installment of a plan and where it stands. */
@Entity({ name: 'installment_plan_items' })
export class InstallmentPlanItemEntity {
  @PrimaryColumn({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @PrimaryColumn({ name: 'installment_index', type: 'integer' })
  installmentIndex: number;

  /** The fiscal year the installment pays for. */
  @Column({ name: 'fiscal_year', type: 'integer' })
  fiscalYear: number;

  /** The fiscal year whose data it is computed from (the year before). */
  @Column({ name: 'base_fiscal_year', type: 'integer' })
  baseFiscalYear: number;

  @Column({ type: 'text' })
  status: InstallmentItemStatus;

  @Column({ name: 'application_id', type: 'uuid', nullable: true })
  applicationId: string | null;

  @Column({ name: 'amount_fen', type: 'bigint', nullable: true, transformer: bigintFen })
  amountFen: number | null;

  /** Why it is not offered yet (the computation's unmet conditions, zh and en). */
  @Column({ type: 'jsonb' })
  unmet: unknown[];

  @Column({ name: 'checked_at', type: 'timestamptz', nullable: true })
  checkedAt: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz', insert: false })
  updatedAt: Date;
}
