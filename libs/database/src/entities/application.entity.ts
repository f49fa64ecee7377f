import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintFen } from '../transformers';

/**
 * One case moving through an approval machine: an application (`apply`, `commitment`), an auto-grant
 * offer (`auto`), or one installment of a multi-year grant (`parentId` + `installmentIndex`).
 * `state` mirrors the machine snapshot and is only ever written together with it, under `version`.
 */
@Entity({ name: 'applications' })
export class ApplicationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Human-readable, unique; also the basis of payment references. */
  @Column({ type: 'text', insert: false, update: false })
  reference: string;

  @Column({ name: 'zone_id', type: 'uuid' })
  zoneId: string;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId: string;

  @Column({ name: 'program_code', type: 'text' })
  programCode: string;

  /** Pinned when the case is created: later versions of the program never change it. */
  @Column({ name: 'program_version', type: 'integer' })
  programVersion: number;

  @Column({ type: 'text' })
  mode: 'apply' | 'auto' | 'commitment';

  @Column({ name: 'beneficiary_kind', type: 'text' })
  beneficiaryKind: 'enterprise' | 'person' | 'investor';

  /** `enterprise`, a person's hashed ID number, or an investor's identifier: part of the dedup keys. */
  @Column({ name: 'beneficiary_key', type: 'text' })
  beneficiaryKey: string;

  /** `once` or the fiscal year (e.g. `2025`) the grant is for. */
  @Column({ type: 'text' })
  period: string;

  @Column({ name: 'fiscal_year', type: 'integer' })
  fiscalYear: number;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @Column({ name: 'installment_index', type: 'integer', nullable: true })
  installmentIndex: number | null;

  @Column({ type: 'text' })
  state: string;

  @Column({ name: 'machine_version', type: 'integer' })
  machineVersion: number;

  @Column({ type: 'jsonb' })
  snapshot: Record<string, unknown>;

  /** Optimistic lock: every write is `WHERE version = expected`. */
  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'jsonb' })
  form: Record<string, unknown>;

  @Column({ name: 'person_id_hash', type: 'text', nullable: true })
  personIdHash: string | null;

  @Column({ name: 'computed_amount_fen', type: 'bigint', nullable: true, transformer: bigintFen })
  computedAmountFen: number | null;

  @Column({ name: 'approved_amount_fen', type: 'bigint', nullable: true, transformer: bigintFen })
  approvedAmountFen: number | null;

  @Column({ name: 'paid_amount_fen', type: 'bigint', nullable: true, transformer: bigintFen })
  paidAmountFen: number | null;

  /** The evaluation (facts, clauses, amount steps) that justified screening or the offer; never rewritten. */
  @Column({ type: 'jsonb', nullable: true })
  evidence: unknown;

  @Column({ name: 'exclusivity_group', type: 'text', nullable: true })
  exclusivityGroup: string | null;

  /** Other cases of the same exclusivity group, flagged for the reviewer at submit. */
  @Column({ name: 'exclusivity_conflicts', type: 'jsonb' })
  exclusivityConflicts: unknown[];

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId: string | null;

  @Column({ type: 'text', nullable: true })
  stage: string | null;

  @Column({ name: 'stage_started_at', type: 'timestamptz', nullable: true })
  stageStartedAt: Date | null;

  @Column({ name: 'stage_due_at', type: 'timestamptz', nullable: true })
  stageDueAt: Date | null;

  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true })
  paidAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
