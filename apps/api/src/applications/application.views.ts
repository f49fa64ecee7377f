import { withoutInternalIds } from '../http/reader-views';
import { ApplicationEntity, AuditEventEntity } from '@huiqi/database';
import { WORKFLOW_STATES } from '@huiqi/workflow';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LocalizedTextView } from '../facts/facts.views';
import { FORM_SCHEMA } from '../http/api-docs';
import { ACTION_TYPES } from './applications.dto';

export class DeadlineView {
  @ApiProperty({ description: 'The stage the application waits in (first_review, publicity, amending, ...)' })
  stage: string;
  @ApiProperty() startedAt: Date;
  @ApiProperty() dueAt: Date;
  @ApiProperty() overdue: boolean;
  @ApiPropertyOptional({ nullable: true, type: Date }) escalatedAt: Date | null;
  @ApiPropertyOptional({
    description: "Working days left in the zone's calendar (0: due today; negative: overdue); in lists",
  })
  workingDaysLeft?: number;
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

export class ExclusivityConflictView {
  @ApiProperty() applicationId: string;
  @ApiProperty() reference: string;
  @ApiProperty() programCode: string;
  @ApiProperty({ enum: WORKFLOW_STATES, enumName: 'ApplicationState' }) state: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Approved (else computed) amount in fen, as a decimal string',
    example: '100000000',
  })
  amountFen: string | null;
}

export class MissingFactView {
  @ApiProperty({ example: 'equipment_investment_fen' }) key: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: '2026' }) period: string | null;
  @ApiProperty({
    type: LocalizedTextView,
    example: { zh: '设备投资额（2026年度）', en: 'equipment investment (fiscal year 2026)' },
  })
  label: LocalizedTextView;
}

export class ApplicationView {
  @ApiProperty() id: string;
  @ApiProperty() reference: string;
  @ApiProperty() zoneCode: string;
  @ApiProperty() enterpriseId: string;
  @ApiProperty() enterpriseName: string;
  @ApiProperty() programCode: string;
  @ApiProperty({ type: 'integer' }) programVersion: number;
  @ApiProperty({ enum: ['apply', 'auto', 'commitment'], enumName: 'ProgramMode' }) mode: string;
  @ApiProperty({ enum: WORKFLOW_STATES, enumName: 'ApplicationState' }) state: string;
  @ApiProperty({ type: 'integer', description: 'Optimistic-lock version; changes with every state change' })
  version: number;
  @ApiProperty({ type: 'integer' }) fiscalYear: number;
  @ApiProperty() period: string;
  @ApiProperty() beneficiaryKind: string;
  @ApiPropertyOptional({ nullable: true, type: String }) parentId: string | null;
  @ApiPropertyOptional({ nullable: true, type: 'integer' }) installmentIndex: number | null;
  @ApiProperty({
    ...FORM_SCHEMA,
    description: 'The form; resident ID numbers masked for all but the zone’s reviewers',
  })
  form: Record<string, unknown>;
  @ApiPropertyOptional({ nullable: true, type: 'integer', description: 'Integer fen' }) computedAmountFen:
    number | null;
  @ApiPropertyOptional({ nullable: true, type: 'integer', description: 'Integer fen' }) approvedAmountFen:
    number | null;
  @ApiPropertyOptional({ nullable: true, type: 'integer', description: 'Integer fen' }) paidAmountFen:
    number | null;
  @ApiPropertyOptional({ nullable: true, type: DeadlineView }) deadline: DeadlineView | null;
  @ApiProperty({
    type: [MissingFactView],
    description:
      'Facts screening needed and did not find (state amending, 退回补正): declare them (POST /enterprises/{id}/declared-facts), have them verified, then resubmit',
  })
  missingFacts: MissingFactView[];
  @ApiPropertyOptional({ nullable: true, type: String }) assigneeId: string | null;
  @ApiProperty({
    enum: ACTION_TYPES,
    enumName: 'ActionType',
    isArray: true,
    description: 'What the caller may do now (action types for POST /actions)',
  })
  availableActions: string[];
  @ApiPropertyOptional({
    type: [ExclusivityConflictView],
    description: 'Other cases of the same exclusivity group (for reviewers)',
  })
  exclusivityConflicts?: unknown[];
  @ApiPropertyOptional({
    nullable: true,
    type: 'integer',
    description: 'Integer fen: the latest amount a reviewer recommended (officer, expert); staff only',
  })
  recommendedAmountFen?: number | null;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'Screening evaluation (the policies library’s Evaluation): facts used per clause, unmet conditions, amount steps',
  })
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
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}

export class HistoryEventView {
  @ApiProperty({ type: 'integer' }) seq: number;
  @ApiProperty() action: string;
  @ApiPropertyOptional({ nullable: true, type: String }) fromState: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) toState: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Staff readers only' }) actorId?:
    string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) actorName: string | null;
  @ApiProperty() actorRole: string;
  @ApiPropertyOptional({ nullable: true, type: String }) comment: string | null;
  @ApiPropertyOptional({ nullable: true, type: 'integer' }) amountFen: number | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What the action recorded (its members depend on the action), without internal ids',
  })
  data: Record<string, unknown>;
  @ApiProperty() createdAt: Date;
  @ApiPropertyOptional({ description: 'Staff readers only' }) hash?: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Staff readers only' }) prevHash?:
    string | null;
}

export class OfficerLoadView {
  @ApiProperty() officerId: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: 'integer', description: 'Cases assigned and open' }) openCount: number;
  @ApiProperty({ type: 'integer', description: 'Of which past their stage deadline' }) overdueCount: number;
}

/** One line of a zone's publicity list (公示): only what a publication shows. */
export class PublicityItemView {
  @ApiProperty() id: string;
  @ApiProperty() reference: string;
  @ApiProperty() programCode: string;
  @ApiPropertyOptional({ nullable: true, type: 'integer', description: 'Integer fen' })
  approvedAmountFen: number | null;
  @ApiProperty() enterpriseName: string;
  @ApiProperty() uscc: string;
  @ApiProperty({ enum: ['publicity', 'objection'] }) state: string;
  @ApiPropertyOptional({ nullable: true, type: Date, description: 'When the publicity period ends' })
  publicityEndsAt: Date | null;
}

export class PublicityPageView {
  @ApiProperty({ type: [PublicityItemView] }) items: PublicityItemView[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}

export class ChainVerdictView {
  @ApiProperty() valid: boolean;
  @ApiProperty({ type: 'integer' }) events: number;
  @ApiPropertyOptional({ type: 'integer' }) brokenAtSeq?: number;
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

/**
 * An audit event of a case. An enterprise reader gets what happened, by whom (name and role), when and
 * the event data without internal ids; staff also get the actor's id, the raw data and the chain hashes.
 */
export function toHistoryView(
  e: AuditEventEntity,
  actorName: string | null,
  staffReader = true,
): HistoryEventView {
  if (!staffReader) {
    return {
      seq: e.seq,
      action: e.action,
      fromState: e.fromState,
      toState: e.toState,
      actorName,
      actorRole: e.actorRole,
      comment: e.comment,
      amountFen: e.amountFen,
      data: (withoutInternalIds(e.data ?? {}) ?? {}) as Record<string, unknown>,
      createdAt: e.createdAt,
    };
  }
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
