import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type BankStatementImportStatus = 'queued' | 'running' | 'completed' | 'failed';

/**
 * One upload of a bank statement file and its reconciliation: status, progress, and the number of
 * lines per outcome once completed. The file itself is in `bank_statement_files`; each line's outcome in
 * `bank_statement_lines` (stored bank transactions) and `bank_statement_skipped_lines` (duplicates and
 * unreadable lines).
 */
@Entity({ name: 'bank_statement_imports' })
export class BankStatementImportEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'zone_id', type: 'uuid' })
  zoneId: string;

  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  @Column({ name: 'content_sha256', type: 'text' })
  contentSha256: string;

  @Column({ name: 'line_count', type: 'integer' })
  lineCount: number;

  /** Number of lines per outcome (once completed). */
  @Column({ type: 'jsonb' })
  counts: Record<string, number>;

  /**
   * Imports made before lines had rows of their own: every line's outcome, in file order (see
   * StatementLineResult in libs/core/src/finance). Null for later imports.
   */
  @Column({ type: 'jsonb', nullable: true })
  results: unknown[] | null;

  @Column({ type: 'text' })
  status: BankStatementImportStatus;

  /** Lines of the file recorded so far (stored, or skipped as duplicate or unreadable). */
  @Column({ name: 'lines_loaded', type: 'integer' })
  linesLoaded: number;

  /** Lines whose reference is a payment or a clawback of the zone: each is settled on its own. */
  @Column({ name: 'lines_to_settle', type: 'integer' })
  linesToSettle: number;

  @Column({ name: 'lines_settled', type: 'integer' })
  linesSettled: number;

  /** Why the import failed (it is resumed from where it stopped when its job is retried). */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ name: 'imported_by', type: 'uuid', nullable: true })
  importedBy: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
