import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintFen } from '../transformers';

export type DisbursementItemState = 'draft' | 'awaiting_bank' | 'paid' | 'returned' | 'removed' | 'cancelled';

/**
 * One grant (application or installment) in a disbursement batch, with its unique payment reference.
 * The payee's bank details are copied when the batch is locked, so the payment file never changes.
 */
@Entity({ name: 'disbursement_items' })
export class DisbursementItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'batch_id', type: 'uuid' })
  batchId: string;

  @Column({ name: 'zone_id', type: 'uuid' })
  zoneId: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId: string;

  @Column({ name: 'pool_id', type: 'uuid' })
  poolId: string;

  @Column({ name: 'payment_reference', type: 'text' })
  paymentReference: string;

  /** The grant amount: what the pool pays. */
  @Column({ name: 'amount_fen', type: 'bigint', transformer: bigintFen })
  amountFen: number;

  /** Part of the amount kept to recover the enterprise's open clawbacks. */
  @Column({ name: 'offset_fen', type: 'bigint', transformer: bigintFen })
  offsetFen: number;

  /** What the bank transfers: amount − offset. */
  @Column({
    name: 'transfer_fen',
    type: 'bigint',
    transformer: bigintFen,
    generatedType: 'STORED',
    asExpression: 'amount_fen - offset_fen',
    insert: false,
    update: false,
  })
  transferFen: number;

  @Column({ type: 'text' })
  state: DisbursementItemState;

  @Column({ name: 'payee_name', type: 'text', nullable: true })
  payeeName: string | null;

  @Column({ name: 'payee_uscc', type: 'text', nullable: true })
  payeeUscc: string | null;

  @Column({ name: 'bank_name', type: 'text', nullable: true })
  bankName: string | null;

  @Column({ name: 'account_no', type: 'text', nullable: true })
  accountNo: string | null;

  @Column({ name: 'cnaps_code', type: 'text', nullable: true })
  cnapsCode: string | null;

  /** Why the item was removed, returned or cancelled (the bank's reason for a return). */
  @Column({ name: 'outcome_reason', type: 'text', nullable: true })
  outcomeReason: string | null;

  /** The bank's value date of the payment or return. */
  @Column({ name: 'value_date', type: 'date', nullable: true })
  valueDate: string | null;

  @Column({ name: 'settled_at', type: 'timestamptz', nullable: true })
  settledAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', insert: false })
  updatedAt: Date;
}
