import { contextOf, PersistedWorkflow, WorkflowMode } from '@huiqi/workflow';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { applicationStream } from '../applications/application-transition.service';
import type { AudienceTarget } from './recipients';
import type { AmountKind, NotificationFacts } from './render';

/** The application a notification is about, as it is when the notification is fanned out. */
export interface NotificationSubject {
  facts: NotificationFacts;
  target: AudienceTarget;
  zoneCode: string;
  /** The zone's enabled webhooks, in id order. */
  webhooks: { id: string; url: string }[];
}

interface SubjectRow {
  id: string;
  reference: string;
  zone_id: string;
  zone_code: string;
  enterprise_id: string;
  enterprise_name: string;
  program_code: string;
  program_title: { zh: string; en: string } | null;
  state: string;
  mode: WorkflowMode;
  machine_version: number;
  snapshot: Record<string, unknown>;
  stage: string | null;
  stage_due_at: Date | null;
  assignee_id: string | null;
  computed_amount_fen: string | null;
  approved_amount_fen: string | null;
  paid_amount_fen: string | null;
  /** The notified audit event (null when it is not found). */
  event_action: string | null;
  event_comment: string | null;
  event_data: { stage?: unknown; dueAt?: unknown } | null;
  webhooks: { id: string; url: string }[];
}

const PAYMENT_TEMPLATES = new Set(['disbursement-started', 'payment-succeeded', 'payment-failed']);
const CLAWBACK_TEMPLATES = new Set(['clawback-required', 'clawback-settled']);
const DEADLINE_TEMPLATES = new Set(['deadline-near', 'deadline-passed']);

/**
 * Loads what a notification says — the application, its program title, the notified audit event — and
 * where it may go (the zone's webhooks), in one query: every notification job runs this.
 */
@Injectable()
export class NotificationSubjects {
  async load(
    m: EntityManager,
    job: { applicationId: string; template: string; auditSeq: number },
  ): Promise<NotificationSubject | null> {
    const rows: SubjectRow[] = await m.query(
      `SELECT a.id, a.reference, a.zone_id, z.code AS zone_code, a.enterprise_id, e.name AS enterprise_name,
              a.program_code, pv.definition->'title' AS program_title, a.state, a.mode, a.machine_version,
              a.snapshot, a.stage, a.stage_due_at, a.assignee_id,
              a.computed_amount_fen, a.approved_amount_fen, a.paid_amount_fen,
              ev.action AS event_action, ev.comment AS event_comment, ev.data AS event_data,
              (SELECT coalesce(json_agg(json_build_object('id', w.id, 'url', w.url) ORDER BY w.id), '[]'::json)
               FROM zone_webhooks w WHERE w.zone_id = a.zone_id AND w.enabled AND w.deleted_at IS NULL) AS webhooks
       FROM applications a
       JOIN zones z ON z.id = a.zone_id
       JOIN enterprises e ON e.id = a.enterprise_id
       LEFT JOIN program_versions pv ON pv.code = a.program_code AND pv.version = a.program_version
       LEFT JOIN audit_events ev ON ev.stream = $2 AND ev.seq = $3
       WHERE a.id = $1`,
      [job.applicationId, applicationStream(job.applicationId), job.auditSeq],
    );
    const app = rows[0];
    if (!app) return null;
    const event =
      app.event_action === null
        ? null
        : { action: app.event_action, comment: app.event_comment, data: app.event_data };
    const deadline = DEADLINE_TEMPLATES.has(job.template);
    // An escalation records the stage and due time it was about; the application may have moved on since.
    const escalated = job.template === 'deadline-passed' && event?.action === 'deadline.escalated';
    const stage = escalated && typeof event.data?.stage === 'string' ? event.data.stage : app.stage;
    const dueAt =
      escalated && typeof event.data?.dueAt === 'string' ? new Date(event.data.dueAt) : app.stage_due_at;
    return {
      facts: {
        applicationId: app.id,
        reference: app.reference,
        programTitle: app.program_title,
        programCode: app.program_code,
        enterpriseName: app.enterprise_name,
        state: app.state,
        amount: amountFor(job.template, app),
        // A deadline notification is about time, not about whatever event happened to be the latest.
        comment: deadline ? null : (event?.comment ?? null),
        stage,
        dueAt,
        decision:
          event?.action === 'uphold_objection'
            ? 'upheld'
            : event?.action === 'dismiss_objection'
              ? 'dismissed'
              : null,
      },
      target: {
        applicationId: app.id,
        zoneId: app.zone_id,
        enterpriseId: app.enterprise_id,
        assigneeId: app.assignee_id,
        auditSeq: job.auditSeq,
      },
      zoneCode: app.zone_code,
      webhooks: app.webhooks,
    };
  }
}

/** The amount worth telling: paid for payments, recoverable for clawbacks, else approved or estimated. */
function amountFor(template: string, app: SubjectRow): { kind: AmountKind; fen: number } | null {
  const fen = (v: string | null) => (v === null ? null : Number(v));
  const paid = fen(app.paid_amount_fen);
  const approved = fen(app.approved_amount_fen);
  const computed = fen(app.computed_amount_fen);
  if (CLAWBACK_TEMPLATES.has(template)) {
    const clawback = clawbackAmountOf(app);
    if (clawback !== null) return { kind: 'clawback', fen: clawback };
  }
  if ((PAYMENT_TEMPLATES.has(template) || CLAWBACK_TEMPLATES.has(template)) && paid !== null)
    return { kind: 'paid', fen: paid };
  if (approved !== null) return { kind: 'approved', fen: approved };
  if (computed !== null) return { kind: 'computed', fen: computed };
  return null;
}

function clawbackAmountOf(app: SubjectRow): number | null {
  try {
    const persisted: PersistedWorkflow = {
      mode: app.mode,
      machineVersion: app.machine_version,
      snapshot: app.snapshot,
    };
    return contextOf(persisted).clawbackAmountFen;
  } catch {
    return null;
  }
}
