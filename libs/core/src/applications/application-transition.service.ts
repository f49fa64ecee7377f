import { ApplicationEntity } from '@huiqi/database';
import { updateReturning } from '../database/update-returning';
import {
  Actor,
  applyWorkflowEvent,
  commentOf,
  contextOf,
  isFinal,
  Effect,
  PersistedWorkflow,
  Rejected,
  toActionType,
  WorkflowEvent,
  WorkflowMode,
} from '@huiqi/workflow';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import { ApplicationEffectsService } from './application-effects.service';
import { AssignmentService } from './assignment.service';

export interface AppliedTransition {
  application: ApplicationEntity;
  state: string;
  previousState: string;
  effects: Effect[];
}

export interface TransitionOptions {
  /** The version the caller read; a different current version is a lost race (409), never an overwrite. */
  expectedVersion?: number;
}

export const applicationStream = (id: string) => `application:${id}`;

/** Lifecycle timestamps, set the first time the application reaches the state. */
const MILESTONES: Record<string, 'submittedAt' | 'approvedAt' | 'paidAt'> = {
  screening: 'submittedAt',
  approved: 'approvedAt',
  paid: 'paidAt',
};

/**
 * The one way an application changes state, used by the API (user actions) and the worker (screening
 * results, deadlines, payments). In the caller's transaction: compute the next snapshot with the
 * machine's pure `transition()`, save it with an optimistic version check, append the hash-chained
 * audit event, and carry out the effects (funds, blacklist, outbox rows).
 */
@Injectable()
export class ApplicationTransitionService {
  private readonly zoneCodes = new Map<string, string>();

  constructor(
    private readonly audit: AuditService,
    private readonly effects: ApplicationEffectsService,
    private readonly assignment: AssignmentService,
  ) {}

  async apply(
    manager: EntityManager,
    applicationId: string,
    event: WorkflowEvent,
    actor: Actor,
    options: TransitionOptions = {},
  ): Promise<AppliedTransition> {
    const current = await manager.findOne(ApplicationEntity, { where: { id: applicationId } });
    if (!current) throw DomainError.notFound('application');
    if (options.expectedVersion !== undefined && options.expectedVersion !== current.version) {
      throw staleVersion(current.version);
    }
    const persisted: PersistedWorkflow = {
      mode: current.mode as WorkflowMode,
      machineVersion: current.machineVersion,
      snapshot: current.snapshot,
    };
    const result = applyWorkflowEvent(persisted, event, actor, { assigneeId: stageAssignee(current) });
    if (!result.ok) throw rejection(result);

    const context = contextOf(result.persisted);
    const now = new Date();
    const milestone = MILESTONES[result.state];
    const updated = await updateReturning(
      manager,
      `UPDATE applications SET
         snapshot = $3::jsonb, state = $4, machine_version = $5, version = version + 1, updated_at = $6,
         computed_amount_fen = $7, approved_amount_fen = $8, paid_amount_fen = $9,
         ${milestone ? `${snake(milestone)} = coalesce(${snake(milestone)}, $6),` : ''}
         closed_at = CASE WHEN $10 THEN coalesce(closed_at, $6) ELSE closed_at END
       WHERE id = $1 AND version = $2 RETURNING id`,
      [
        current.id,
        current.version,
        JSON.stringify(result.persisted.snapshot),
        result.state,
        result.persisted.machineVersion,
        now,
        context.computedAmountFen,
        context.approvedAmountFen,
        context.paidAmountFen,
        isFinal(result.state),
      ],
    );
    if (updated.length === 0) throw staleVersion(null);

    const application = (await manager.findOne(ApplicationEntity, {
      where: { id: applicationId },
    })) as ApplicationEntity;
    const auditEvent = await this.audit.append(manager, {
      stream: applicationStream(application.id),
      zoneId: application.zoneId,
      enterpriseId: application.enterpriseId,
      actorId: actor.role === 'system' ? null : actor.userId,
      actorRole: actor.role,
      action: toActionType(event.type),
      fromState: result.previousState,
      toState: result.state,
      comment: commentOf(event),
      amountFen: amountOf(event) ?? context.approvedAmountFen,
      data: {
        event: payloadOf(event),
        effects: result.effects.map((e) => e.type),
        version: application.version,
      },
    });
    // Assignment takes the zone's assignment lock, held until commit: every screening of the zone
    // queues on it. Taken after the audit append (which does not need the assignee), not before, so
    // the lock is held for three round trips fewer; the effects (stage log) need the assignee.
    await this.assignment.assignIfNeeded(manager, application);
    const zoneCode = await this.zoneCodeOf(manager, application.zoneId);
    await this.effects.run(
      {
        manager,
        application,
        actor: { userId: actor.role === 'system' ? null : actor.userId, role: actor.role },
        auditSeq: auditEvent.seq,
        zoneCode,
      },
      result.effects,
    );
    await this.effects.closeStageLeftBehind(
      manager,
      application,
      actor.role === 'system' ? null : actor.userId,
    );
    return { application, state: result.state, previousState: result.previousState, effects: result.effects };
  }

  /**
   * A zone's code, read once per process: zones are tenants identified by their code, and nothing
   * changes a code once the zone exists. Saves a round trip on every transition (API and worker).
   */
  private async zoneCodeOf(manager: EntityManager, zoneId: string): Promise<string> {
    const cached = this.zoneCodes.get(zoneId);
    if (cached !== undefined) return cached;
    const rows: { code: string }[] = await manager.query('SELECT code FROM zones WHERE id = $1', [zoneId]);
    if (rows[0]) this.zoneCodes.set(zoneId, rows[0].code);
    return rows[0]?.code ?? '';
  }
}

/** States whose actor is the assigned officer (reviews, acceptance, post-verification of a commitment). */
const OFFICER_ASSIGNED_STATES = ['first_review', 'acceptance', 'approved', 'disbursing', 'paid'];

/**
 * The assignee the machine should check for the current stage. Officers are assigned; experts are not
 * (any expert of the zone may give the opinion), so expert review passes none.
 */
export function stageAssignee(app: Pick<ApplicationEntity, 'state' | 'assigneeId'>): string | null {
  return OFFICER_ASSIGNED_STATES.includes(app.state) ? app.assigneeId : null;
}

function snake(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function amountOf(event: WorkflowEvent): number | null {
  if ('amountFen' in event && typeof event.amountFen === 'number') return event.amountFen;
  if (event.type === 'PAYMENT_SUCCEEDED' && typeof event.paidAmountFen === 'number')
    return event.paidAmountFen;
  return null;
}

/** The event's fields for the audit log (the comment and amount have columns of their own). */
function payloadOf(event: WorkflowEvent): Record<string, unknown> {
  const { type, ...rest } = event as WorkflowEvent & Record<string, unknown>;
  delete rest.comment;
  return { type, ...rest };
}

function staleVersion(current: number | null): DomainError {
  return new DomainError(
    DomainErrorCode.StaleVersion,
    'The application was changed by someone else at the same time; reload it and try again.',
    current === null ? {} : { currentVersion: current },
  );
}

function rejection(result: Rejected): DomainError {
  const acceptedEvents = result.acceptedEvents.map(toActionType);
  switch (result.reason) {
    case 'not-accepted':
      return new DomainError(DomainErrorCode.TransitionNotAllowed, result.message, {
        state: result.state,
        acceptedEvents,
      });
    case 'forbidden':
      return new DomainError(DomainErrorCode.TransitionForbidden, result.message, { state: result.state });
    case 'invalid':
      return new DomainError(
        DomainErrorCode.InvalidInput,
        result.message,
        { state: result.state },
        result.issues.map((i) => ({ field: i.field, messages: [i.message] })),
      );
  }
}
