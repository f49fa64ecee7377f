import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintFen } from '../transformers';

/**
 * Money an enterprise must pay back (追回) for one grant, with the demand notice's reference. Recovered
 * by statement credits quoting the reference, or by offset against the enterprise's later payments.
 */
@Entity({ name: 'clawback_receivables' })
export class ClawbackReceivableEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The demand notice number the enterprise quotes when it pays back. */
  @Column({ type: 'text', insert: false, update: false })
  reference: string;

  @Column({ name: 'zone_id', type: 'uuid' })
  zoneId: string;

  @Column({ name: 'pool_id', type: 'uuid' })
  poolId: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId: string;

  @Column({ name: 'amount_fen', type: 'bigint', transformer: bigintFen })
  amountFen: number;

  @Column({ name: 'recovered_fen', type: 'bigint', transformer: bigintFen })
  recoveredFen: number;

  @Column({ type: 'text' })
  state: 'open' | 'settled';

  /** `workflow`: a false claim or failed verification; `finance`: a finance decision. */
  @Column({ type: 'text' })
  source: 'workflow' | 'finance';

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', insert: false })
  updatedAt: Date;

  @Column({ name: 'settled_at', type: 'timestamptz', nullable: true })
  settledAt: Date | null;
}
