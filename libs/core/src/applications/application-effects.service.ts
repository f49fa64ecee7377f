import { ApplicationEntity } from '@huiqi/database';
import { QueueName } from '@huiqi/queues';
import { addWorkingDays, Effect, WorkingCalendar } from '@huiqi/workflow';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { WorkingCalendarService } from '../calendar/working-calendar.service';
import { LoadedProgram, ProgramCatalogService } from '../catalog/program-catalog.service';
import { ClawbackService } from '../finance/clawback.service';
import { FundsService } from '../finance/funds.service';
import { OutboxItem, OutboxService } from '../outbox/outbox.service';
import { notificationJob, stageDeadlineJobs } from './effect-jobs';
import { slaWorkingDays } from './sla';

export interface EffectContext {
  manager: EntityManager;
  application: ApplicationEntity;
  actor: { userId: string | null; role: string };
  /** Sequence number of the audit event this transition wrote (notifications point at it). */
  auditSeq: number;
  zoneCode: string;
}

/**
 * Carries out the effects a machine transition returned, inside the transition's transaction: money
 * and blacklist writes directly, everything the worker does as outbox rows. Effects run in the order
 * the machine declared them.
 */
@Injectable()
export class ApplicationEffectsService {
  private readonly logger = new Logger(ApplicationEffectsService.name);

  constructor(
    private readonly catalog: ProgramCatalogService,
    private readonly calendars: WorkingCalendarService,
    private readonly outbox: OutboxService,
    private readonly funds: FundsService,
    private readonly clawbacks: ClawbackService,
  ) {}

  async run(ctx: EffectContext, effects: Effect[]): Promise<void> {
    if (effects.length === 0) return;
    const program = await this.catalog.getVersion(
      ctx.application.programCode,
      ctx.application.programVersion,
      ctx.manager,
    );
    let calendar: WorkingCalendar | undefined;
    const calendarFor = async () => (calendar ??= await this.calendars.forZone(ctx.zoneCode, ctx.manager));
    const jobs: OutboxItem[] = [];
    for (const effect of effects) {
      await this.runOne(ctx, program, effect, jobs, calendarFor);
    }
    await this.outbox.enqueue(ctx.manager, jobs);
  }

  private async runOne(
    ctx: EffectContext,
    program: LoadedProgram,
    effect: Effect,
    jobs: OutboxItem[],
    calendarFor: () => Promise<WorkingCalendar>,
  ): Promise<void> {
    const { manager, application: app } = ctx;
    switch (effect.type) {
      case 'request-screening':
        jobs.push({
          queue: QueueName.Screening,
          jobName: 'screen',
          payload: { applicationId: app.id, round: effect.round },
          dedupKey: `screening:${app.id}:${effect.round}`,
        });
        return;
      case 'notify':
        jobs.push(notificationJob(app.id, effect.template, effect.audience, ctx.auditSeq));
        return;
      case 'start-stage-deadline': {
        const now = new Date();
        const dueAt = addWorkingDays(
          now,
          slaWorkingDays(program.settings, effect.slaKey),
          await calendarFor(),
        );
        await this.enterStage(manager, app, effect.stage, now, dueAt);
        jobs.push(
          ...stageDeadlineJobs({
            applicationId: app.id,
            stage: effect.stage,
            round: effect.round,
            onExpiry: effect.onExpiry,
            now,
            dueAt,
          }),
        );
        return;
      }
      case 'clear-stage-deadline':
        await this.leaveStage(manager, app, effect.stage, ctx.actor.userId);
        return;
      case 'start-publicity': {
        const now = new Date();
        const dueAt = addWorkingDays(now, effect.workingDays, await calendarFor());
        await this.enterStage(manager, app, 'publicity', now, dueAt);
        jobs.push({
          queue: QueueName.Deadlines,
          jobName: 'publicity-end',
          payload: {
            applicationId: app.id,
            stage: 'publicity',
            round: app.version,
            kind: 'publicity-end',
            dueAt: dueAt.toISOString(),
          },
          availableAt: dueAt,
          dedupKey: `publicity:${app.id}:${app.version}`,
        });
        return;
      }
      case 'reserve-funds':
        await this.funds.reserve(manager, {
          application: app,
          policyDocumentCode: program.row.policyDocumentCode,
          amountFen: effect.amountFen,
          actor: ctx.actor,
        });
        return;
      case 'release-funds':
        await this.funds.release(manager, { application: app, actor: ctx.actor });
        return;
      case 'request-disbursement':
        // Nothing to write: an approved, unpaid grant is exactly what finance puts into a batch.
        return;
      case 'clawback-required':
        await this.clawbacks.open(manager, {
          application: app,
          amountFen: effect.amountFen,
          reason: effect.reason,
          actor: ctx.actor,
        });
        return;
      case 'blacklist-enterprise':
        await manager.query(
          `INSERT INTO enterprise_blacklist (enterprise_id, zone_id, reason, source_application_id, barred_until, created_by)
           VALUES ($1, $2, $3, $4, now() + make_interval(years => $5), $6)
           ON CONFLICT (source_application_id) DO NOTHING`,
          [
            effect.enterpriseId,
            app.zoneId,
            `${effect.reason}: ${effect.comment}`,
            app.id,
            program.settings.blacklistYears,
            ctx.actor.userId === 'system' ? null : ctx.actor.userId,
          ],
        );
        this.logger.log(
          { applicationId: app.id, enterpriseId: effect.enterpriseId, reason: effect.reason },
          'enterprise blacklisted',
        );
        return;
    }
  }

  /**
   * Closes the stage the application was waiting in when the machine left it without a deadline
   * effect of its own (e.g. publicity ending, a screening result): the stage log stays truthful.
   */
  async closeStageLeftBehind(
    manager: EntityManager,
    app: ApplicationEntity,
    userId: string | null,
  ): Promise<void> {
    if (app.stage && app.stage !== app.state && app.stage !== 'post_verification') {
      await this.leaveStage(manager, app, app.stage, userId);
    }
  }

  /** `closeStageLeftBehind` for many applications, in two statements. */
  async closeStagesLeftBehind(
    manager: EntityManager,
    apps: ApplicationEntity[],
    userId: string | null,
  ): Promise<void> {
    const leaving = apps.filter(
      (app) => app.stage && app.stage !== app.state && app.stage !== 'post_verification',
    );
    if (leaving.length === 0) return;
    const leftBy = userId && userId !== 'system' ? userId : null;
    await manager.query(
      `UPDATE application_stage_log l SET left_at = now(), left_by = $3, on_time = (l.due_at IS NULL OR now() <= l.due_at)
       FROM unnest($1::uuid[], $2::text[]) AS u (application_id, stage)
       WHERE l.application_id = u.application_id AND l.stage = u.stage AND l.left_at IS NULL`,
      [leaving.map((a) => a.id), leaving.map((a) => a.stage), leftBy],
    );
    await manager.query(
      `UPDATE applications SET stage = NULL, stage_started_at = NULL, stage_due_at = NULL, escalated_at = NULL
       WHERE id = ANY($1::uuid[])`,
      [leaving.map((a) => a.id)],
    );
    for (const app of leaving)
      Object.assign(app, { stage: null, stageStartedAt: null, stageDueAt: null, escalatedAt: null });
  }

  /** Records the stage the application waits in, with its due time, for the inbox and SLA reports. */
  private async enterStage(
    manager: EntityManager,
    app: ApplicationEntity,
    stage: string,
    now: Date,
    dueAt: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE application_stage_log SET left_at = $2, on_time = (due_at IS NULL OR $2 <= due_at)
       WHERE application_id = $1 AND left_at IS NULL`,
      [app.id, now],
    );
    await manager.query(
      `INSERT INTO application_stage_log (application_id, zone_id, stage, assignee_id, entered_at, due_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [app.id, app.zoneId, stage, app.assigneeId, now, dueAt],
    );
    await manager.query(
      `UPDATE applications SET stage = $2, stage_started_at = $3, stage_due_at = $4, escalated_at = NULL WHERE id = $1`,
      [app.id, stage, now, dueAt],
    );
    Object.assign(app, { stage, stageStartedAt: now, stageDueAt: dueAt, escalatedAt: null });
  }

  private async leaveStage(
    manager: EntityManager,
    app: ApplicationEntity,
    stage: string,
    userId: string | null,
  ): Promise<void> {
    const leftBy = userId && userId !== 'system' ? userId : null;
    await manager.query(
      `UPDATE application_stage_log SET left_at = now(), left_by = $3, on_time = (due_at IS NULL OR now() <= due_at)
       WHERE application_id = $1 AND stage = $2 AND left_at IS NULL`,
      [app.id, stage, leftBy],
    );
    if (app.stage === stage) {
      await manager.query(
        `UPDATE applications SET stage = NULL, stage_started_at = NULL, stage_due_at = NULL, escalated_at = NULL WHERE id = $1`,
        [app.id],
      );
      Object.assign(app, { stage: null, stageStartedAt: null, stageDueAt: null, escalatedAt: null });
    }
  }
}
