import { text } from '@huiqi/common';
import { applicationStream } from '@huiqi/core/applications/application-transition.service';
import { AuditService } from '@huiqi/core/audit/audit.service';
import { DomainError, DomainErrorCode } from '@huiqi/core/errors/domain-error';
import { stateLabel } from '@huiqi/core/i18n/workflow-labels';
import { ApplicationEntity } from '@huiqi/database';
import { checkObjectionAnswer, type PersistedWorkflow, type WorkflowMode } from '@huiqi/workflow';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { inScopeOr404 } from '../auth/scope';
import { AnswerObjectionDto } from './objections.dto';
import { MyObjectionView, ObjectionView } from './objections.views';
import { PUBLIC_STATES } from './objection-policy';

/** The audit action of an applicant's answer to an objection (not a workflow event: see checkObjectionAnswer). */
export const OBJECTION_ANSWERED = 'objection.answered';

interface ObjectionEventRow {
  seq: number;
  action: string;
  actor_id: string | null;
  comment: string | null;
  created_at: Date;
  data: { round?: number } | null;
  actor_name: string | null;
  actor_role: string | null;
  actor_enterprise: string | null;
}

function persistedOf(app: ApplicationEntity): PersistedWorkflow {
  return { mode: app.mode as WorkflowMode, machineVersion: app.machineVersion, snapshot: app.snapshot };
}

/**
 * Objections (公示异议) as a conversation on the case: the objection, the applicant's answers, the
 * director's decision. Objections and decisions are workflow events; answers are audited records on
 * the same chain. Objectors follow the cases they objected to without seeing anything else of them.
 */
@Injectable()
export class ObjectionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The case's objections with answers and decisions; who objected only for staff. */
  async forCase(p: Principal, id: string): Promise<ObjectionView[]> {
    const app = await this.dataSource.getRepository(ApplicationEntity).findOne({ where: { id } });
    const row = inScopeOr404(p, app, 'application');
    if (row.state === 'draft' && p.role !== 'enterprise' && p.role !== 'admin')
      throw DomainError.notFound('application');
    const events: ObjectionEventRow[] = await this.dataSource.query(
      `SELECT ev.seq, ev.action, ev.actor_id, ev.comment, ev.created_at, ev.data,
              u.display_name AS actor_name, u.role AS actor_role, e.name AS actor_enterprise
       FROM audit_events ev
       LEFT JOIN users u ON u.id = ev.actor_id
       LEFT JOIN enterprises e ON e.id = u.enterprise_id
       WHERE ev.stream = $1 AND ev.action IN ('object', 'uphold_objection', 'dismiss_objection', $2)
       ORDER BY ev.seq`,
      [applicationStream(id), OBJECTION_ANSWERED],
    );
    const staff = p.role !== 'enterprise';
    const objections: ObjectionView[] = [];
    for (const ev of events) {
      const open = objections.at(-1);
      if (ev.action === 'object') {
        objections.push({
          round: objections.length + 1,
          seq: ev.seq,
          comment: ev.comment ?? '',
          raisedAt: ev.created_at,
          objector: staff
            ? {
                name: ev.actor_name ?? '',
                role: ev.actor_role ?? '',
                enterpriseName: ev.actor_role === 'enterprise' ? ev.actor_enterprise : null,
              }
            : null,
          outcome: 'pending',
          decidedAt: null,
          decisionComment: null,
          answers: [],
        });
      } else if (ev.action === OBJECTION_ANSWERED) {
        const answered = objections.find((o) => o.round === ev.data?.round) ?? open;
        answered?.answers.push({
          seq: ev.seq,
          comment: ev.comment ?? '',
          answeredAt: ev.created_at,
          answeredBy: staff ? (ev.actor_name ?? null) : null,
        });
      } else if (open && open.outcome === 'pending') {
        open.outcome = ev.action === 'uphold_objection' ? 'upheld' : 'dismissed';
        open.decidedAt = ev.created_at;
        open.decisionComment = ev.comment;
      }
    }
    return objections;
  }

  /**
   * The applicant answers the pending objection. The case row is locked for the check and the append,
   * so an answer is never recorded after the director's decision committed.
   */
  async answer(p: Principal, id: string, dto: AnswerObjectionDto): Promise<ObjectionView[]> {
    await this.dataSource.transaction(async (m) => {
      const app = await m.getRepository(ApplicationEntity).findOne({
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      const row = inScopeOr404(p, app, 'application');
      const verdict = checkObjectionAnswer(
        persistedOf(row),
        { userId: p.userId, role: p.role, enterpriseId: p.enterpriseId },
        dto.comment,
      );
      if (!verdict.ok) {
        if (verdict.reason === 'invalid') throw DomainError.invalid('comment', verdict.issues[0].message);
        if (verdict.reason === 'not-applicant')
          throw new DomainError(DomainErrorCode.Forbidden, text('error.objection-answer-applicant-only'));
        throw new DomainError(
          DomainErrorCode.TransitionNotAllowed,
          text('error.objection-answer-not-pending', { state: stateLabel(row.state) }),
          { state: row.state },
        );
      }
      await this.audit.append(m, {
        stream: applicationStream(id),
        zoneId: row.zoneId,
        enterpriseId: row.enterpriseId,
        actorId: p.userId,
        actorRole: p.role,
        action: OBJECTION_ANSWERED,
        comment: dto.comment.trim(),
        data: { round: verdict.round },
      });
    });
    return this.forCase(p, id);
  }

  /**
   * The cases the caller objected to, newest first: what the public 公示 shows (reference, program,
   * enterprise, amount) and the objection's outcome — no ids, no form, no documents, no other event.
   */
  async mine(p: Principal): Promise<MyObjectionView[]> {
    const rows: {
      reference: string;
      title: { zh?: string; en?: string } | null;
      enterprise_name: string;
      amount_fen: string | null;
      comment: string | null;
      objected_at: Date;
      state: string;
      decision: string | null;
      decided_at: Date | null;
    }[] = await this.dataSource.query(
      `SELECT a.reference, pv.definition -> 'title' AS title, e.name AS enterprise_name,
              a.approved_amount_fen::bigint::text AS amount_fen, o.comment, o.created_at AS objected_at,
              a.state, d.action AS decision, d.created_at AS decided_at
       FROM audit_events o
       JOIN applications a ON a.id = substr(o.stream, 13)::uuid
       JOIN enterprises e ON e.id = a.enterprise_id
       JOIN program_versions pv ON pv.code = a.program_code AND pv.version = a.program_version
       LEFT JOIN LATERAL (
         SELECT action, created_at FROM audit_events d
         WHERE d.stream = o.stream AND d.seq > o.seq AND d.action IN ('uphold_objection', 'dismiss_objection')
         ORDER BY d.seq LIMIT 1
       ) d ON true
       WHERE o.actor_id = $1 AND o.action = 'object'
       ORDER BY o.created_at DESC
       LIMIT 500`,
      [p.userId],
    );
    return rows.map((r) => ({
      reference: r.reference,
      programTitle: { zh: r.title?.zh ?? '', en: r.title?.en ?? '' },
      enterpriseName: r.enterprise_name,
      amountFen: r.amount_fen === null ? null : Number(r.amount_fen),
      comment: r.comment ?? '',
      objectedAt: r.objected_at,
      outcome: r.decision === 'uphold_objection' ? 'upheld' : r.decision ? 'dismissed' : 'pending',
      decidedAt: r.decided_at,
      inPublicity: PUBLIC_STATES.includes(r.state),
    }));
  }
}
