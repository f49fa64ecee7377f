import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintFen } from '../transformers';

/**
 * A budget for one program (or one policy document) of a zone for one fiscal year. The balance columns
 * are maintained by the database from ledger entries only (see the finance migration); the CHECK
 * constraints make over-commitment impossible: reserved + paid ≤ allocated.
 */
@Entity({ name: 'fund_pools' })
export class FundPoolEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'zone_id', type: 'uuid' })
  zoneId: string;

  @Column({ type: 'text' })
  scope: 'program' | 'policy_document';

  @Column({ name: 'program_code', type: 'text', nullable: true })
  programCode: string | null;

  @Column({ name: 'policy_document_code', type: 'text', nullable: true })
  policyDocumentCode: string | null;

  @Column({ name: 'fiscal_year', type: 'integer' })
  fiscalYear: number;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'allocated_fen', type: 'bigint', transformer: bigintFen, insert: false, update: false })
  allocatedFen: number;

  @Column({ name: 'available_fen', type: 'bigint', transformer: bigintFen, insert: false, update: false })
  availableFen: number;

  @Column({ name: 'reserved_fen', type: 'bigint', transformer: bigintFen, insert: false, update: false })
  reservedFen: number;

  @Column({ name: 'paid_fen', type: 'bigint', transformer: bigintFen, insert: false, update: false })
  paidFen: number;

  /** Total of clawback receivables opened against grants paid from this pool. */
  @Column({ name: 'clawed_back_fen', type: 'bigint', transformer: bigintFen, insert: false, update: false })
  clawedBackFen: number;

  /** Clawbacks not yet recovered. */
  @Column({ name: 'receivable_fen', type: 'bigint', transformer: bigintFen, insert: false, update: false })
  receivableFen: number;

  @Column({ name: 'recovered_fen', type: 'bigint', transformer: bigintFen, insert: false, update: false })
  recoveredFen: number;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', insert: false, update: false })
  updatedAt: Date;
}
