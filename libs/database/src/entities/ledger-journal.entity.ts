import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintFen } from '../transformers';

export type LedgerJournalKind =
  'allocate' | 'deallocate' | 'reserve' | 'release' | 'pay' | 'clawback' | 'recover';

/** One balanced money movement in one fund pool; its entries are in `ledger_entries`. Append-only. */
@Entity({ name: 'ledger_journals' })
export class LedgerJournalEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'zone_id', type: 'uuid' })
  zoneId: string;

  @Column({ name: 'pool_id', type: 'uuid' })
  poolId: string;

  @Column({ type: 'text' })
  kind: LedgerJournalKind;

  @Column({ name: 'amount_fen', type: 'bigint', transformer: bigintFen })
  amountFen: number;

  @Column({ name: 'application_id', type: 'uuid', nullable: true })
  applicationId: string | null;

  @Column({ name: 'receivable_id', type: 'uuid', nullable: true })
  receivableId: string | null;

  @Column({ name: 'disbursement_item_id', type: 'uuid', nullable: true })
  disbursementItemId: string | null;

  @Column({ name: 'statement_line_id', type: 'uuid', nullable: true })
  statementLineId: string | null;

  @Column({ type: 'text', nullable: true })
  memo: string | null;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole: string;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
