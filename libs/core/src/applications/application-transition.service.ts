import { text, verbatim } from '@huiqi/common';
import { actionLabel, stateLabel } from '../i18n/workflow-labels';
import { ApplicationEntity } from '@huiqi/database';
import { notificationJob } from './effect-jobs';
import { OutboxService } from '../outbox/outbox.service';
import { updateReturning } from '../database/update-returning';
import {
  Actor,
  Accepted,
  applyWorkflowEvent,
  commentOf,
  contextOf,
  isFinal,
  Effect,
  PersistedWorkflow,
  Rejected,
  isWorkflowEventType,
  toActionType,
  WorkflowEvent,
  WorkflowMode,
} from '@huiqi/workflow';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import { ApplicationEffectsService } from './application-effects.service';
import { AssignmentService, OFFICER_STATES } from './assignment.service';

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

/** A transition computed by `planMany`, not yet written. */
export interface PlannedTransition {
  application: ApplicationEntity;
  event: WorkflowEvent;
  result: Accepted;
}

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
    private readonly outbox: OutboxService,
  ) {}

  /**
   * The set-based half of `apply`, for many applications at once (e.g. the payments a bank statement
   * confirms). `planMany` runs the machine's pure transition for each application as the caller locked
   * and read it; a transition the machine refuses, or one with an effect other than notifications, or
   * one that enters an officer stage (assignment), is not planned and its reason is returned instead, so
   * the caller can take the one-by-one `apply` for it (and get its error). Nothing is written.
   */
  planMany(
    items: { application: ApplicationEntity; event: WorkflowEvent }[],
    actor: Actor,
  ): { planned: Map<string, PlannedTransition>; refused: Map<string, string> } {
    const planned = new Map<string, PlannedTransition>();
    const refused = new Map<string, string>();
    for (const { application, event } of items) {
      if (planned.has(application.id) || refused.has(application.id)) {
        refused.set(application.id, 'more than one event for the application');
        planned.delete(application.id);
        continue;
      }
      const persisted: PersistedWorkflow = {
        mode: application.mode as WorkflowMode,
        machineVersion: application.machineVersion,
        snapshot: application.snapshot,
      };
      const result = applyWorkflowEvent(persisted, event, actor, { assigneeId: stageAssignee(application) });
      if (!result.ok) refused.set(application.id, result.message);
      else if (result.effects.some((e) => e.type !== 'notify'))
        refused.set(application.id, `effects ${result.effects.map((e) => e.type).join(', ')}`);
      else if ((OFFICER_STATES as readonly string[]).includes(result.state))
        refused.set(application.id, `enters the officer stage ${result.state}`);
      else planned.set(application.id, { application, event, result });
    }
    return { planned, refused };
  }

  /**
   * Writes planned transitions as `apply` would have, one statement per kind of write: the snapshots
   * (each under its optimistic version: a single stale one throws and the caller's savepoint takes the
   * whole set back), the audit events (each stream's chain continued in code, one insert), the
   * notification jobs and the stage each application leaves behind. Returns the applications as written.
   */
  async commitMany(
    manager: EntityManager,
    plans: PlannedTransition[],
    actor: Actor,
  ): Promise<ApplicationEntity[]> {
    if (plans.length === 0) return [];
    const now = new Date();
    const rows = plans.map(({ application, result }) => {
      const context = contextOf(result.persisted);
      return {
        id: application.id,
        version: application.version,
        snapshot: JSON.stringify(result.persisted.snapshot),
        state: result.state,
        machineVersion: result.persisted.machineVersion,
        computed: context.computedAmountFen,
        approved: context.approvedAmountFen,
        paid: context.paidAmountFen,
        final: isFinal(result.state),
      };
    });
    const fen = (v: number | null | undefined) => (v === null || v === undefined ? null : String(v));
    const updated = await updateReturning<{ id: string; version: number }>(
      manager,
      `UPDATE applications a SET
         snapshot = u.snapshot::jsonb, state = u.state, machine_version = u.machine_version,
         version = a.version + 1, updated_at = $10,
         computed_amount_fen = u.computed, approved_amount_fen = u.approved, paid_amount_fen = u.paid,
         submitted_at = CASE WHEN u.state = 'screening' THEN coalesce(a.submitted_at, $10) ELSE a.submitted_at END,
         approved_at = CASE WHEN u.state = 'approved' THEN coalesce(a.approved_at, $10) ELSE a.approved_at END,
         paid_at = CASE WHEN u.state = 'paid' THEN coalesce(a.paid_at, $10) ELSE a.paid_at END,
         closed_at = CASE WHEN u.final THEN coalesce(a.closed_at, $10) ELSE a.closed_at END
       FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::int[], $6::bigint[], $7::bigint[],
                   $8::bigint[], $9::boolean[])
            AS u (id, version, snapshot, state, machine_version, computed, approved, paid, final)
       WHERE a.id = u.id AND a.version = u.version
       RETURNING a.id, a.version`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.version),
        rows.map((r) => r.snapshot),
        rows.map((r) => r.state),
        rows.map((r) => r.machineVersion),
        rows.map((r) => fen(r.computed)),
        rows.map((r) => fen(r.approved)),
        rows.map((r) => fen(r.paid)),
        rows.map((r) => r.final),
        now,
      ],
    );
    if (updated.length !== plans.length) throw staleVersion(null);
    const versions = new Map(updated.map((u) => [u.id, u.version]));
    const actorId = actor.role === 'system' ? null : actor.userId;
    const events = await this.audit.appendMany(
      manager,
      plans.map(({ application, event, result }) => ({
        stream: applicationStream(application.id),
        zoneId: application.zoneId,
        enterpriseId: application.enterpriseId,
        actorId,
        actorRole: actor.role,
        action: toActionType(event.type),
        fromState: result.previousState,
        toState: result.state,
        comment: commentOf(event),
        amountFen: amountOf(event) ?? contextOf(result.persisted).approvedAmountFen,
        data: {
          event: payloadOf(event),
          effects: result.effects.map((e) => e.type),
          version: versions.get(application.id),
        },
      })),
    );
    await this.outbox.enqueue(
      manager,
      plans.flatMap(({ application, result }, i) =>
        result.effects.flatMap((e) =>
          e.type === 'notify' ? [notificationJob(application.id, e.template, e.audience, events[i].seq)] : [],
        ),
      ),
    );
    const written = plans.map(({ application, result }) =>
      Object.assign(application, {
        state: result.state,
        version: versions.get(application.id)!,
        snapshot: result.persisted.snapshot,
        machineVersion: result.persisted.machineVersion,
      }),
    );
    await this.effects.closeStagesLeftBehind(manager, written, actorId);
    return written;
  }

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
    if (!result.ok) throw rejection(result, event);

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
    text('error.stale-transition'),
    current === null ? {} : { currentVersion: current },
  );
}

function rejection(result: Rejected, event: WorkflowEvent): DomainError {
  const acceptedEvents = result.acceptedEvents.map(toActionType);
  const known = typeof event?.type === 'string' && isWorkflowEventType(event.type);
  const labels = {
    action: known ? actionLabel(toActionType(event.type)) : verbatim(String(event?.type)),
    state: stateLabel(result.state),
  };
  const detail = (zhKey: 'error.transition-not-allowed' | 'error.transition-forbidden') => {
    const t = text(zhKey, labels);
    return { zh: t.zh, en: result.message };
  };
  switch (result.reason) {
    case 'not-accepted':
      return new DomainError(DomainErrorCode.TransitionNotAllowed, detail('error.transition-not-allowed'), {
        state: result.state,
        acceptedEvents,
      });
    case 'forbidden':
      return new DomainError(DomainErrorCode.TransitionForbidden, detail('error.transition-forbidden'), {
        state: result.state,
      });
    case 'invalid':
      return new DomainError(
        DomainErrorCode.InvalidInput,
        {
          zh: text('error.invalid-action', { fields: result.issues.map((i) => i.field).join(', ') }).zh,
          en: result.message,
        },
        { state: result.state },
        result.issues.map((i) => ({ field: i.field, messages: [i.message] })),
      );
  }
}
