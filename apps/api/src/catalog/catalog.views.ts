import type { LoadedProgram } from '@huiqi/core/catalog/program-catalog.service';
import { ProgramVersionEntity } from '@huiqi/database';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LocalizedTextView } from '../facts/facts.views';

export class PolicyDocumentView {
  @ApiProperty() code: string;
  @ApiProperty({ type: LocalizedTextView }) title: LocalizedTextView;
  @ApiProperty({ enum: ['main', 'specialised'] }) role: string;
}

/** A program at one version, as listed. */
export class ProgramSummaryView {
  @ApiProperty({ example: 'changsha-etdz.rnd-investment' }) code: string;
  @ApiProperty() version: number;
  @ApiProperty({ example: 'changsha-etdz' }) zoneCode: string;
  @ApiProperty({ type: LocalizedTextView }) title: LocalizedTextView;
  @ApiProperty({ type: LocalizedTextView }) summary: LocalizedTextView;
  @ApiProperty() category: string;
  @ApiProperty({ enum: ['apply', 'auto', 'commitment'] }) mode: string;
  @ApiProperty({ enum: ['enterprise', 'person', 'investor'] }) beneficiary: string;
  @ApiProperty({ enum: ['once', 'fiscal-year'] }) period: string;
  @ApiProperty({ type: PolicyDocumentView }) policyDocument: PolicyDocumentView;
  @ApiProperty({ example: '2025-02-01' }) effectiveFrom: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Inclusive last day' })
  effectiveTo: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) exclusivityGroup: string | null;
  @ApiProperty({ example: 'percentage-of-increase' }) amountKind: string;
}

/** One version with its full definition and resolved settings (caps, route, deadlines). */
export class ProgramVersionView extends ProgramSummaryView {
  @ApiProperty({ enum: ['draft', 'published'] }) status: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The program definition (libs/policies schema)',
  })
  definition: unknown;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Parameters resolved: caps, route, SLA, publicity',
  })
  settings: unknown;
  @ApiProperty() createdAt: Date;
  @ApiPropertyOptional({ nullable: true, type: String }) createdBy: string | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) publishedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: String }) publishedBy: string | null;
}

export class VersionHistoryItemView {
  @ApiProperty() version: number;
  @ApiProperty({ enum: ['draft', 'published'] }) status: string;
  @ApiProperty() effectiveFrom: string;
  @ApiPropertyOptional({ nullable: true, type: String }) effectiveTo: string | null;
  @ApiProperty() createdAt: Date;
  @ApiPropertyOptional({ nullable: true, type: Date }) publishedAt: Date | null;
  @ApiProperty({ description: 'The version in force today' }) current: boolean;
}

export class ProgramDetailView {
  @ApiProperty() code: string;
  @ApiProperty() zoneCode: string;
  @ApiPropertyOptional({
    type: ProgramVersionView,
    nullable: true,
    description: 'null when no version is in force today',
  })
  current: ProgramVersionView | null;
  @ApiProperty({
    type: [VersionHistoryItemView],
    description: "Newest first; drafts only for the zone's policy admins and auditors",
  })
  versions: VersionHistoryItemView[];
}

export function toProgramSummaryView(p: LoadedProgram, zoneCode: string): ProgramSummaryView {
  const d = p.definition;
  return {
    code: d.code,
    version: p.row.version,
    zoneCode,
    title: d.title,
    summary: d.summary,
    category: d.category,
    mode: d.mode,
    beneficiary: d.beneficiary,
    period: d.period,
    policyDocument: d.policyDocument,
    effectiveFrom: d.effectiveFrom,
    effectiveTo: d.effectiveTo ?? null,
    exclusivityGroup: d.exclusivityGroup ?? null,
    amountKind: d.amount.kind,
  };
}

export function toProgramVersionView(p: LoadedProgram, zoneCode: string): ProgramVersionView {
  return {
    ...toProgramSummaryView(p, zoneCode),
    status: p.row.status,
    definition: p.definition,
    settings: p.settings,
    createdAt: p.row.createdAt,
    createdBy: p.row.createdBy,
    publishedAt: p.row.publishedAt,
    publishedBy: p.row.publishedBy,
  };
}

export function toVersionHistoryItem(
  row: ProgramVersionEntity,
  currentVersion: number | null,
): VersionHistoryItemView {
  return {
    version: row.version,
    status: row.status,
    effectiveFrom: row.effectiveFrom,
    effectiveTo: row.effectiveTo,
    createdAt: row.createdAt,
    publishedAt: row.publishedAt,
    current: row.version === currentVersion,
  };
}
