import type { LoadedProgram } from '@huiqi/core/catalog/program-catalog.service';
import { ProgramVersionEntity } from '@huiqi/database';
import { FORM_FIELD_TYPES, FormField, versionWindows } from '@huiqi/policies';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { LocalizedTextView } from '../facts/facts.views';

export class PolicyDocumentView {
  @ApiProperty() code: string;
  @ApiProperty({ type: LocalizedTextView }) title: LocalizedTextView;
  @ApiProperty({ enum: ['main', 'specialised'], enumName: 'PolicyDocumentRole' }) role: string;
}

/** One field of a program's application form; enum fields carry a label for each option. */
export class FormFieldView {
  @ApiProperty({ example: 'platformType' }) name: string;
  @ApiProperty({ enum: FORM_FIELD_TYPES }) type: string;
  @ApiProperty() required: boolean;
  @ApiProperty({ type: LocalizedTextView }) label: LocalizedTextView;
  @ApiPropertyOptional({ type: [String] }) options?: string[];
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(LocalizedTextView) },
    description: 'Every option of an enum field → {zh, en}',
  })
  optionLabels?: Record<string, LocalizedTextView>;
  @ApiPropertyOptional() min?: number;
  @ApiPropertyOptional() max?: number;
  @ApiPropertyOptional() maxLength?: number;
}

/**
 * The form fields as a person reads them. Versions stored before option labels existed show an
 * unlabelled option by its code, so every option has an entry.
 */
export function toFormFieldViews(fields: readonly FormField[]): FormFieldView[] {
  return fields.map((f) => ({
    ...f,
    ...(f.type === 'enum'
      ? {
          optionLabels: Object.fromEntries(
            (f.options ?? []).map((o) => [o, f.optionLabels?.[o] ?? { zh: o, en: o }]),
          ),
        }
      : {}),
  }));
}

/** A program at one version, as listed. */
@ApiExtraModels(LocalizedTextView)
export class ProgramSummaryView {
  @ApiProperty({ example: 'changsha-etdz.rnd-investment' }) code: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ example: 'changsha-etdz' }) zoneCode: string;
  @ApiProperty({ type: LocalizedTextView }) title: LocalizedTextView;
  @ApiProperty({ type: LocalizedTextView }) summary: LocalizedTextView;
  @ApiProperty() category: string;
  @ApiProperty({ enum: ['apply', 'auto', 'commitment'], enumName: 'ProgramMode' }) mode: string;
  @ApiProperty({ enum: ['enterprise', 'person', 'investor'], enumName: 'Beneficiary' }) beneficiary: string;
  @ApiProperty({ enum: ['once', 'fiscal-year'], enumName: 'GrantPeriod' }) period: string;
  @ApiProperty({ type: PolicyDocumentView }) policyDocument: PolicyDocumentView;
  @ApiProperty({ type: String, format: 'date', example: '2025-02-01' }) effectiveFrom: string;
  @ApiPropertyOptional({ format: 'date', nullable: true, type: String, description: 'Inclusive last day' })
  effectiveTo: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) exclusivityGroup: string | null;
  @ApiProperty({ example: 'percentage-of-increase' }) amountKind: string;
  @ApiProperty({ type: [FormFieldView] }) formFields: FormFieldView[];
}

/** One version with its full definition and resolved settings (caps, route, deadlines). */
export class ProgramVersionView extends ProgramSummaryView {
  @ApiProperty({ enum: ['draft', 'published'], enumName: 'ProgramVersionStatus' }) status: string;
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
  @ApiProperty({
    type: 'integer',
    description: 'Bumped by every save of a draft; send it back as `If-Match: "<revision>"` on PUT',
  })
  revision: number;
}

export const VERSION_LIFECYCLES = ['draft', 'published', 'superseded', 'retired'] as const;

export class VersionHistoryItemView {
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ enum: ['draft', 'published'], enumName: 'ProgramVersionStatus' }) status: string;
  @ApiProperty({
    enum: VERSION_LIFECYCLES,
    enumName: 'ProgramVersionLifecycle',
    description:
      'As of today (Beijing): draft; published (in force, or starting later); superseded (a later version has started); retired (its window has ended)',
  })
  lifecycle: string;
  @ApiProperty({ format: 'date' }) effectiveFrom: string;
  @ApiPropertyOptional({ format: 'date', nullable: true, type: String }) effectiveTo: string | null;
  @ApiPropertyOptional({
    format: 'date',
    nullable: true,
    type: String,
    description: 'First day in force (null for a draft or a version overtaken before it started)',
  })
  inForceFrom: string | null;
  @ApiPropertyOptional({
    format: 'date',
    nullable: true,
    type: String,
    description:
      'Last day in force, inclusive: its own end, the day before a later version starts, or the retirement day; null when open-ended',
  })
  inForceTo: string | null;
  @ApiProperty() createdAt: Date;
  @ApiPropertyOptional({ nullable: true, type: Date }) publishedAt: Date | null;
  @ApiProperty({ description: 'The version in force today' }) current: boolean;
}

export class ProgramRetirementView {
  @ApiProperty({ format: 'date', description: 'Last day of the program (inclusive, Beijing time)' })
  lastDay: string;
  @ApiProperty() reason: string;
  @ApiProperty() retiredBy: string;
  @ApiProperty() retiredAt: Date;
}

/** One program of the zone as its policy admins manage it: every version, whatever its state. */
export class ProgramCatalogEntryView {
  @ApiProperty() code: string;
  @ApiProperty() zoneCode: string;
  @ApiProperty({ type: LocalizedTextView, description: 'Of the newest version' }) title: LocalizedTextView;
  @ApiProperty() category: string;
  @ApiProperty({ enum: ['apply', 'auto', 'commitment'], enumName: 'ProgramMode' }) mode: string;
  @ApiPropertyOptional({ nullable: true, type: 'integer', description: 'The version in force today' })
  currentVersion: number | null;
  @ApiPropertyOptional({ nullable: true, type: 'integer' }) draftVersion: number | null;
  @ApiPropertyOptional({ type: ProgramRetirementView, nullable: true })
  retirement: ProgramRetirementView | null;
  @ApiProperty({ type: [VersionHistoryItemView], description: 'Newest first' })
  versions: VersionHistoryItemView[];
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
  @ApiPropertyOptional({
    type: ProgramRetirementView,
    nullable: true,
    description: 'Set when a policy admin retired the program',
  })
  retirement: ProgramRetirementView | null;
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
    formFields: toFormFieldViews(d.formFields),
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
    revision: p.row.revision,
  };
}

/** The history of one program as of `today`: each version with its lifecycle and its window in force. */
export function toVersionHistory(
  rows: readonly ProgramVersionEntity[],
  today: string,
  retiredAfter: string | null,
): VersionHistoryItemView[] {
  const windows = new Map(versionWindows(rows, today, retiredAfter).map((w) => [w.version, w]));
  return rows.map((row) => {
    const w = windows.get(row.version)!;
    return {
      version: row.version,
      status: row.status,
      lifecycle: w.lifecycle,
      effectiveFrom: row.effectiveFrom,
      effectiveTo: row.effectiveTo,
      inForceFrom: w.inForceFrom,
      inForceTo: w.inForceTo,
      createdAt: row.createdAt,
      publishedAt: row.publishedAt,
      current: w.inForce,
    };
  });
}
