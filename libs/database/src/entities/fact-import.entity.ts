import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One row-level problem of a feed import: the 1-based data row, the field path and what is wrong. */
export interface FactImportRowError {
  row: number;
  field: string;
  message: string;
}

/**
 * One data-feed import into a zone: the report (what was written, unchanged, duplicated, rejected and
 * why) and the key that makes importing the same feed again a replay of this report.
 */
@Entity({ name: 'fact_imports' })
export class FactImportEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'zone_id', type: 'uuid' })
  zoneId: string;

  /** `ref:<feedRef>` when the caller named the feed, otherwise `hash:<contentHash>`; one clean import per zone and key. */
  @Column({ name: 'dedup_key', type: 'text' })
  dedupKey: string;

  @Column({ name: 'feed_ref', type: 'text', nullable: true })
  feedRef: string | null;

  /** SHA-256 of the feed's rows, canonical JSON (the same rows as CSV or JSON hash alike). */
  @Column({ name: 'content_hash', type: 'text' })
  contentHash: string;

  @Column({ type: 'text' })
  format: 'csv' | 'json' | 'xlsx';

  @Column({ name: 'file_name', type: 'text', nullable: true })
  fileName: string | null;

  @Column({ name: 'row_count', type: 'integer' })
  rowCount: number;

  @Column({ name: 'written_count', type: 'integer' })
  writtenCount: number;

  @Column({ name: 'unchanged_count', type: 'integer' })
  unchangedCount: number;

  @Column({ name: 'duplicate_count', type: 'integer' })
  duplicateCount: number;

  @Column({ name: 'rejected_count', type: 'integer' })
  rejectedCount: number;

  @Column({ name: 'enterprise_count', type: 'integer' })
  enterpriseCount: number;

  @Column({ type: 'jsonb' })
  errors: FactImportRowError[];

  @Column({ name: 'errors_truncated', type: 'boolean' })
  errorsTruncated: boolean;

  @Column({ name: 'imported_by', type: 'uuid' })
  importedBy: string;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
