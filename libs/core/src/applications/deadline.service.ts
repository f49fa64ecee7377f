import { ApplicationEntity } from '@huiqi/database';
import { DeadlineJob, QueueName } from '@huiqi/queues';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import { OutboxService } from '../outbox/outbox.service';
import { ApplicationTransitionService, applicationStream } from './application-transition.service';

export type DeadlineOutcome = 'reminded' | 'escalated' | 'transitioned' | 'stale';

const SYSTEM_ACTOR = { userId: 'system', role: 'system' as const };

/**
 * What happens when a stage deadline job fires (限时办结): a reminder before the due time; at it,
 * escalation to the directors with an overdue mark, or the machine's own expiry event (an amendment
 * not resubmitted, an offer not confirmed); the end of the publicity period. A job whose stage entry
 * is over (the application moved on) does nothing.
 */
@Injectable()
export class DeadlineService {
  private readonly logger = new Logger(DeadlineService.name);

  constructor(
    private readonly transitions: ApplicationTransitionService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  async handle(manager: EntityManager, job: DeadlineJob): Promise<DeadlineOutcome> {
    const app = await manager.findOne(ApplicationEntity, { where: { id: job.applicationId } });
    if (!app) return 'stale';
    if (job.kind === 'publicity-end') {
      if (!['publicity', 'objection'].includes(app.state)) return 'stale';
      return this.send(manager, app, { type: 'PUBLICITY_ENDED' });
    }
    // The stage entry a job belongs to is identified by its stage and due time.
    const current = app.stage === job.stage && app.stageDueAt?.toISOString() === job.dueAt;
    if (!current) return 'stale';
    if (job.kind === 'reminder') {
      await this.notify(
        manager,
        app,
        'deadline-near',
        job.stage === 'amending' || job.stage === 'offered' ? 'enterprise' : 'assignee',
      );
      return 'reminded';
    }
    if (job.onExpiry === 'AMENDMENT_EXPIRED' || job.onExpiry === 'OFFER_EXPIRED') {
      return this.send(manager, app, { type: job.onExpiry, round: job.round });
    }
    if (app.escalatedAt) return 'stale';
    await manager.query(`UPDATE applications SET escalated_at = now() WHERE id = $1`, [app.id]);
    const event = await this.audit.append(manager, {
      stream: applicationStream(app.id),
      zoneId: app.zoneId,
      enterpriseId: app.enterpriseId,
      actorId: null,
      actorRole: 'system',
      action: 'deadline.escalated',
      data: { stage: job.stage, dueAt: job.dueAt, assigneeId: app.assigneeId },
    });
    await this.notify(manager, app, 'deadline-passed', 'directors', event.seq);
    await this.notify(manager, app, 'deadline-passed', 'assignee', event.seq);
    this.logger.warn(
      { applicationId: app.id, stage: job.stage, dueAt: job.dueAt },
      'stage overdue: escalated to directors',
    );
    return 'escalated';
  }

  private async send(
    manager: EntityManager,
    app: ApplicationEntity,
    event: { type: 'PUBLICITY_ENDED' } | { type: 'AMENDMENT_EXPIRED' | 'OFFER_EXPIRED'; round: number },
  ): Promise<DeadlineOutcome> {
    try {
      await this.transitions.apply(manager, app.id, event, SYSTEM_ACTOR);
      return 'transitioned';
    } catch (error) {
      // The case moved on between the check and the event (or the round is an old one): nothing to do.
      if (error instanceof DomainError && error.code === DomainErrorCode.TransitionNotAllowed) return 'stale';
      throw error;
    }
  }

  private async notify(
    manager: EntityManager,
    app: ApplicationEntity,
    template: string,
    audience: string,
    auditSeq?: number,
  ): Promise<void> {
    const seq =
      auditSeq ??
      (
        (await manager.query(`SELECT max(seq) AS seq FROM audit_events WHERE stream = $1`, [
          applicationStream(app.id),
        ])) as { seq: number }[]
      )[0]?.seq ??
      0;
    await this.outbox.enqueue(manager, [
      {
        queue: QueueName.Notifications,
        jobName: template,
        payload: { applicationId: app.id, template, audience, auditSeq: seq },
      },
    ]);
  }
}
