import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintFen } from '../transformers';

/**
 * One bank transaction, stored once per zone under its dedupe key (the bank's transaction id, or a hash
 * of the line): importing it again finds it here and changes nothing.
 */
@Entity({ name: 'bank_statement_lines' })
export class BankStatementLineEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'zone_id', type: 'uuid' })
  zoneId: string;

  @Column({ name: 'import_id', type: 'uuid' })
  importId: string;

  @Column({ name: 'line_no', type: 'integer' })
  lineNo: number;

  @Column({ name: 'dedupe_key', type: 'text' })
  dedupeKey: string;

  @Column({ name: 'transaction_id', type: 'text', nullable: true })
  transactionId: string | null;

  @Column({ name: 'value_date', type: 'date' })
  valueDate: string;

  @Column({ type: 'text' })
  direction: 'debit' | 'credit';

  @Column({ name: 'amount_fen', type: 'bigint', transformer: bigintFen })
  amountFen: number;

  @Column({ type: 'text', nullable: true })
  reference: string | null;

  @Column({ name: 'bank_status', type: 'text' })
  bankStatus: 'success' | 'returned' | 'failed';

  @Column({ name: 'counterparty_name', type: 'text', nullable: true })
  counterpartyName: string | null;

  @Column({ name: 'counterparty_account', type: 'text', nullable: true })
  counterpartyAccount: string | null;

  @Column({ name: 'bank_reason', type: 'text', nullable: true })
  bankReason: string | null;

  /** A line outcome (LINE_OUTCOMES), or `pending` until its payment or clawback is settled. */
  @Column({ type: 'text' })
  outcome: string;

  @Column({ type: 'text', nullable: true })
  detail: string | null;

  /** For an amount mismatch: what the payment or clawback expected. */
  @Column({ name: 'expected_amount_fen', type: 'bigint', nullable: true, transformer: bigintFen })
  expectedAmountFen: number | null;

  @Column({ name: 'item_id', type: 'uuid', nullable: true })
  itemId: string | null;

  @Column({ name: 'receivable_id', type: 'uuid', nullable: true })
  receivableId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
