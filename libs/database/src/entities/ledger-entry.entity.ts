import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintFen } from '../transformers';

export type LedgerAccount =
  'funding' | 'available' | 'reserved' | 'paid' | 'clawback' | 'receivable' | 'recovered';

/** One side of a journal: debit positive, credit negative. A journal's entries sum to zero. Append-only. */
@Entity({ name: 'ledger_entries' })
export class LedgerEntryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'journal_id', type: 'bigint' })
  journalId: string;

  @Column({ name: 'pool_id', type: 'uuid' })
  poolId: string;

  @Column({ type: 'text' })
  account: LedgerAccount;

  @Column({ name: 'amount_fen', type: 'bigint', transformer: bigintFen })
  amountFen: number;
}
