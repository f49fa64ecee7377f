import { ApplicationEntity, AuditEventEntity } from '@huiqi/database';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DeadlineView {
  @ApiProperty({ description: 'The stage the application waits in (first_review, publicity, amending, ...)' })
  stage: string;
  @ApiProperty() startedAt: Date;
  @ApiProperty() dueAt: Date;
  @ApiProperty() overdue: boolean;
  @ApiPropertyOptional({ nullable: true, type: Date }) escalatedAt: Date | null;
}

export class DocumentView {
  @ApiProperty() id: string;
  @ApiProperty() documentType: string;
  @ApiProperty() fileName: string;
  @ApiProperty() contentType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() sha256: string;
  @ApiProperty() uploadedBy: string;
  @ApiProperty() createdAt: Date;
}

export class ApplicationView {
  @ApiProperty() id: string;
  @ApiProperty() reference: string;
  @ApiProperty() zoneCode: string;
  @ApiProperty() enterpriseId: string;
  @ApiProperty() enterpriseName: string;
  @ApiProperty() programCode: string;
  @ApiProperty() programVersion: number;
  @ApiProperty({ enum: ['apply', 'auto', 'commitment'] }) mode: string;
  @ApiProperty() state: string;
  @ApiProperty({ description: 'Optimistic-lock version; changes with every state change' }) version: number;
  @ApiProperty() fiscalYear: number;
  @ApiProperty() period: string;
  @ApiProperty() beneficiaryKind: string;
  @ApiPropertyOptional({ nullable: true, type: String }) parentId: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) installmentIndex: number | null;
  @ApiProperty({ type: Object }) form: Record<string, unknown>;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Integer fen' }) computedAmountFen:
    number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Integer fen' }) approvedAmountFen:
    number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Integer fen' }) paidAmountFen:
    number | null;
  @ApiPropertyOptional({ nullable: true, type: DeadlineView }) deadline: DeadlineView | null;
  @ApiPropertyOptional({ nullable: true, type: String }) assigneeId: string | null;
  @ApiProperty({ type: [String], description: 'What the caller may do now (action types for POST /actions)' })
  availableActions: string[];
  @ApiPropertyOptional({
    type: [Object],
    description: 'Other cases of the same exclusivity group (for reviewers)',
  })
  exclusivityConflicts?: unknown[];
  @ApiPropertyOptional({ description: 'Screening evaluation: facts used, clauses, amount steps' })
  evidence?: unknown;
  @ApiPropertyOptional({ type: [DocumentView] }) documents?: DocumentView[];
  @ApiPropertyOptional({ nullable: true, type: Date }) submittedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) approvedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) paidAt: Date | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class ApplicationPageView {
  @ApiProperty({ type: [ApplicationView] }) items: ApplicationView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class HistoryEventView {
  @ApiProperty() seq: number;
  @ApiProperty() action: string;
  @ApiPropertyOptional({ nullable: true, type: String }) fromState: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) toState: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) actorId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) actorName: string | null;
  @ApiProperty() actorRole: string;
  @ApiPropertyOptional({ nullable: true, type: String }) comment: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) amountFen: number | null;
  @ApiProperty({ type: Object }) data: Record<string, unknown>;
  @ApiProperty() createdAt: Date;
  @ApiProperty() hash: string;
  @ApiPropertyOptional({ nullable: true, type: String }) prevHash: string | null;
}

export class ChainVerdictView {
  @ApiProperty() valid: boolean;
  @ApiProperty() events: number;
  @ApiPropertyOptional() brokenAtSeq?: number;
  @ApiPropertyOptional({ enum: ['hash-mismatch', 'broken-link', 'sequence-gap'] }) problem?: string;
}

export function toDeadlineView(app: ApplicationEntity, now = new Date()): DeadlineView | null {
  if (!app.stage || !app.stageDueAt || !app.stageStartedAt) return null;
  return {
    stage: app.stage,
    startedAt: app.stageStartedAt,
    dueAt: app.stageDueAt,
    overdue: app.stageDueAt.getTime() < now.getTime(),
    escalatedAt: app.escalatedAt,
  };
}

export function toHistoryView(e: AuditEventEntity, actorName: string | null): HistoryEventView {
  return {
    seq: e.seq,
    action: e.action,
    fromState: e.fromState,
    toState: e.toState,
    actorId: e.actorId,
    actorName,
    actorRole: e.actorRole,
    comment: e.comment,
    amountFen: e.amountFen,
    data: e.data,
    createdAt: e.createdAt,
    hash: e.hash,
    prevHash: e.prevHash,
  };
}
