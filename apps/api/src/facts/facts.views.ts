import { FACT_KEY_NAMES, FACT_KEYS, FACT_SOURCES, isFactKey } from '@huiqi/policies';
import { FactImportEntity } from '@huiqi/database';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FACT_VALUE_SCHEMA } from '../http/api-docs';

export class LocalizedTextView {
  @ApiProperty() zh: string;
  @ApiProperty() en: string;
}

export class RecorderView {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() role: string;
}

export class FactView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: FACT_KEY_NAMES, enumName: 'FactKey' }) key: string;
  @ApiProperty({ type: LocalizedTextView }) label: LocalizedTextView;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: "The person's hashed ID number (per-person facts)",
  })
  subject: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '2025' }) period: string | null;
  @ApiProperty({ ...FACT_VALUE_SCHEMA, description: "In the key's shape (integer fen for money)" })
  value: unknown;
  @ApiProperty({ enum: FACT_SOURCES, enumName: 'FactSource', example: 'tax_bureau' }) source: string;
  @ApiProperty() receivedAt: Date;
  @ApiPropertyOptional({ type: RecorderView, nullable: true }) recordedBy: RecorderView | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The feed import it came from' })
  feedId: string | null;
  @ApiProperty({ description: 'The newest version of this (key, subject, period): the value in use' })
  current: boolean;
}

export class FactListView {
  @ApiProperty() enterpriseId: string;
  @ApiProperty() history: boolean;
  @ApiProperty({ type: [FactView] }) items: FactView[];
}

export class FactRecordedView {
  @ApiProperty({
    description: 'false when the fact repeats the current value and source: nothing was written',
  })
  changed: boolean;
  @ApiProperty({ type: FactView }) fact: FactView;
}

export class FeedRowErrorView {
  @ApiProperty({ description: '1-based data row (for CSV, the first line after the header is row 1)' })
  row: number;
  @ApiProperty({ example: 'value.grantedOn' }) field: string;
  @ApiProperty() message: string;
}

export class FeedImportView {
  @ApiProperty() id: string;
  @ApiProperty() zoneCode: string;
  @ApiPropertyOptional({ nullable: true, type: String }) feedRef: string | null;
  @ApiProperty({ description: 'SHA-256 of the rows (canonical JSON)' }) contentHash: string;
  @ApiProperty({ enum: ['csv', 'json', 'xlsx'], enumName: 'FeedFormat' }) format: string;
  @ApiPropertyOptional({ nullable: true, type: String }) fileName: string | null;
  @ApiProperty() rows: number;
  @ApiProperty({ description: 'Facts written (new, or corrections of the current value)' }) written: number;
  @ApiProperty({ description: 'Rows equal to the current value and source: not written again' })
  unchanged: number;
  @ApiProperty({ description: 'Rows repeating an earlier row of the same feed' }) duplicates: number;
  @ApiProperty() rejected: number;
  @ApiProperty({ description: 'Enterprises whose facts changed' }) enterprises: number;
  @ApiProperty({ type: [FeedRowErrorView] }) errors: FeedRowErrorView[];
  @ApiProperty({ description: `More errors than the report keeps` }) errorsTruncated: boolean;
  @ApiProperty({
    description: 'This feed had been imported before: nothing was written, this is that report',
  })
  replayed: boolean;
  @ApiProperty() importedBy: string;
  @ApiProperty() createdAt: Date;
}

export class FeedImportPageView {
  @ApiProperty({ type: [FeedImportView] }) items: FeedImportView[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}

export interface FactRow {
  id: string;
  key: string;
  subject: string | null;
  period: string | null;
  value: unknown;
  source: string;
  received_at: Date;
  feed_id: string | null;
  recorded_by: string | null;
  recorder_username: string | null;
  recorder_role: string | null;
  is_current: boolean;
}

export function toFactView(row: FactRow): FactView {
  return {
    id: row.id,
    key: row.key,
    label: isFactKey(row.key) ? { ...FACT_KEYS[row.key].label } : { zh: row.key, en: row.key },
    subject: row.subject,
    period: row.period,
    value: row.value,
    source: row.source,
    receivedAt: row.received_at,
    recordedBy:
      row.recorded_by === null
        ? null
        : { id: row.recorded_by, username: row.recorder_username ?? '', role: row.recorder_role ?? '' },
    feedId: row.feed_id,
    current: row.is_current,
  };
}

export function toFeedImportView(e: FactImportEntity, zoneCode: string, replayed: boolean): FeedImportView {
  return {
    id: e.id,
    zoneCode,
    feedRef: e.feedRef,
    contentHash: e.contentHash,
    format: e.format,
    fileName: e.fileName,
    rows: e.rowCount,
    written: e.writtenCount,
    unchanged: e.unchangedCount,
    duplicates: e.duplicateCount,
    rejected: e.rejectedCount,
    enterprises: e.enterpriseCount,
    errors: e.errors,
    errorsTruncated: e.errorsTruncated,
    replayed,
    importedBy: e.importedBy,
    createdAt: e.createdAt,
  };
}
