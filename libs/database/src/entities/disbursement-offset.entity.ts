import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintFen } from '../transformers';

/** Part of a payment kept back to recover one of the enterprise's open clawback receivables. */
@Entity({ name: 'disbursement_offsets' })
export class DisbursementOffsetEntity {
  @PrimaryColumn({ name: 'item_id', type: 'uuid' })
  itemId: string;

  @PrimaryColumn({ name: 'receivable_id', type: 'uuid' })
  receivableId: string;

  @Column({ name: 'amount_fen', type: 'bigint', transformer: bigintFen })
  amountFen: number;
}
