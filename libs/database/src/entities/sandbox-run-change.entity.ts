import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintFen } from '../transformers';

/** An enterprise (or a person of it) whose amount differs between the sandboxed and the current version. */
@Entity({ name: 'sandbox_run_changes' })
export class SandboxRunChangeEntity {
  @PrimaryColumn({ name: 'run_id', type: 'uuid' })
  runId: string;

  @PrimaryColumn({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId: string;

  @PrimaryColumn({ name: 'fiscal_year', type: 'integer' })
  fiscalYear: number;

  /** The person's hashed ID number for person programs; '' for the enterprise itself. */
  @PrimaryColumn({ type: 'text' })
  subject: string;

  @Column({ name: 'old_amount_fen', type: 'bigint', transformer: bigintFen })
  oldAmountFen: number;

  @Column({ name: 'new_amount_fen', type: 'bigint', transformer: bigintFen })
  newAmountFen: number;

  @Column({ name: 'old_eligible', type: 'boolean' })
  oldEligible: boolean;

  @Column({ name: 'new_eligible', type: 'boolean' })
  newEligible: boolean;

  @Column({ name: 'old_up_to', type: 'boolean' })
  oldUpTo: boolean;

  @Column({ name: 'new_up_to', type: 'boolean' })
  newUpTo: boolean;

  @Column({
    name: 'delta_fen',
    type: 'bigint',
    transformer: bigintFen,
    generatedType: 'STORED',
    asExpression: 'new_amount_fen - old_amount_fen',
    insert: false,
    update: false,
  })
  deltaFen: number;
}
