import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type SandboxRunStatus = 'queued' | 'running' | 'completed' | 'failed';

/**
 * A policy sandbox run: one program version evaluated over every enterprise of its zone, compared
 * with the version in force. The worker advances `cursor` (the last enterprise id processed) and the
 * partial `aggregates` batch by batch in one transaction each, so a restarted run resumes where it was.
 */
@Entity({ name: 'sandbox_runs' })
export class SandboxRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'zone_id', type: 'uuid' })
  zoneId: string;

  @Column({ name: 'program_code', type: 'text' })
  programCode: string;

  @Column({ name: 'program_version', type: 'integer' })
  programVersion: number;

  @Column({ name: 'program_status', type: 'text' })
  programStatus: 'draft' | 'published';

  /** The definition as it was when the run was requested (a draft may be edited meanwhile). */
  @Column({ type: 'jsonb' })
  definition: unknown;

  /** The version in force when the run was requested, compared against; null when there is none. */
  @Column({ name: 'baseline_version', type: 'integer', nullable: true })
  baselineVersion: number | null;

  @Column({ name: 'fiscal_years', type: 'integer', array: true })
  fiscalYears: number[];

  @Column({ name: 'as_of', type: 'date' })
  asOf: string;

  @Column({ type: 'text' })
  status: SandboxRunStatus;

  @Column({ type: 'integer', nullable: true })
  total: number | null;

  @Column({ type: 'integer' })
  processed: number;

  @Column({ type: 'uuid', nullable: true })
  cursor: string | null;

  @Column({ type: 'jsonb' })
  aggregates: unknown;

  @Column({ type: 'jsonb', nullable: true })
  report: unknown;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy: string;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz', insert: false })
  updatedAt: Date;
}
