import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AutoGrantSweepStatus = 'pending' | 'running' | 'completed' | 'failed';

/** A program version a sweep evaluates, pinned when the sweep starts. */
export interface SweepProgramVersion {
  code: string;
  version: number;
}

/**
 * One auto-grant sweep (免申即享) over a zone's enterprises. `cursor` (the last enterprise id
 * processed) and the counters are committed together with each batch's offers, so a restarted sweep
 * resumes exactly after the last committed batch.
 */
@Entity({ name: 'auto_grant_sweeps' })
export class AutoGrantSweepEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'zone_id', type: 'uuid' })
  zoneId: string;

  /** The one program asked for, or null for every auto program in force. */
  @Column({ name: 'program_code', type: 'text', nullable: true })
  programCode: string | null;

  @Column({ name: 'fiscal_year', type: 'integer' })
  fiscalYear: number;

  /** The evaluation date, fixed at start so a resumed sweep judges exactly as an uninterrupted one. */
  @Column({ name: 'as_of', type: 'date' })
  asOf: string;

  @Column({ name: 'program_versions', type: 'jsonb' })
  programVersions: SweepProgramVersion[];

  @Column({ type: 'text' })
  trigger: 'manual' | 'schedule';

  @Column({ name: 'schedule_slot', type: 'date', nullable: true })
  scheduleSlot: string | null;

  @Column({ type: 'text' })
  status: AutoGrantSweepStatus;

  /** Enterprises of the zone when the sweep started. */
  @Column({ type: 'integer' })
  total: number;

  @Column({ type: 'integer' })
  processed: number;

  @Column({ name: 'offers_created', type: 'integer' })
  offersCreated: number;

  @Column({ type: 'integer' })
  duplicates: number;

  /** Enterprises on the blacklist, passed over. */
  @Column({ type: 'integer' })
  skipped: number;

  @Column({ name: 'error_count', type: 'integer' })
  errorCount: number;

  @Column({ type: 'uuid', nullable: true })
  cursor: string | null;

  @Column({ type: 'integer' })
  batches: number;

  @Column({ name: 'lease_owner', type: 'uuid', nullable: true })
  leaseOwner: string | null;

  @Column({ name: 'lease_expires_at', type: 'timestamptz', nullable: true })
  leaseExpiresAt: Date | null;

  @Column({ name: 'lease_generation', type: 'integer' })
  leaseGeneration: number;

  @Column({ name: 'consecutive_failures', type: 'integer' })
  consecutiveFailures: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'started_by', type: 'uuid', nullable: true })
  startedBy: string | null;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
