import { applicationStream } from '@huiqi/core/applications/application-transition.service';
import { OPEN_LOAD_STATES } from '@huiqi/core/applications/assignment.service';
import { AuditService } from '@huiqi/core/audit/audit.service';
import { updateReturning } from '@huiqi/core/database/update-returning';
import { DomainError, DomainErrorCode } from '@huiqi/core/errors/domain-error';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';

export interface ReassignmentResult {
  toOfficerId: string;
  moved: { applicationId: string; reference: string; fromOfficerId: string | null }[];
}

/**
 * Directors move work between the officers of their zone: one case, or an officer's whole open queue
 * (first review, acceptance, and cases out for amendment, which come back to their officer). Each
 * move bumps the case's version (an officer's stale screen gets 409), follows the open stage log, and
 * is an audit event of the case naming both officers.
 *
 * The rule for acting on a colleague's case: a director may act on any case of the zone (the
 * machine's reviewer policy) and move it; an officer acts on unassigned cases and their own, and
 * takes a colleague's case explicitly first (`POST /applications/{id}/assignment {take}`), so two
 * officers never work one case without a trace of the hand-over.
 */
@Injectable()
export class ReassignmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  reassignCase(p: Principal, applicationId: string, toOfficerId: string, comment?: string) {
    return this.dataSource.transaction(async (m) => {
      const rows: { id: string; zone_id: string; state: string }[] = await m.query(
        `SELECT id, zone_id, state FROM applications WHERE id = $1 FOR UPDATE`,
        [applicationId],
      );
      const app = rows[0];
      if (!app || app.zone_id !== p.zoneId || app.state === 'draft')
        throw DomainError.notFound('application');
      if (!(OPEN_LOAD_STATES as readonly string[]).includes(app.state)) {
        throw new DomainError(
          DomainErrorCode.TransitionNotAllowed,
          `Only work of an officer (first review, acceptance, amendment) can be reassigned, not ${app.state}`,
          { state: app.state },
        );
      }
      await this.requireOfficer(m, p, toOfficerId, 'toOfficerId');
      return this.move(m, p, [applicationId], toOfficerId, comment);
    });
  }

  reassignQueue(p: Principal, fromOfficerId: string, toOfficerId: string, comment?: string) {
    return this.dataSource.transaction(async (m) => {
      const from: { id: string }[] = await m.query(
        `SELECT id FROM users WHERE id = $1 AND zone_id = $2 AND role = 'officer'`,
        [fromOfficerId, p.zoneId],
      );
      if (from.length === 0) throw DomainError.notFound('officer');
      // Moving a queue to its own officer moves nothing (an idempotent no-op).
      await this.requireOfficer(m, p, toOfficerId, 'toOfficerId');
      const ids: { id: string }[] = await m.query(
        `SELECT id FROM applications WHERE zone_id = $1 AND assignee_id = $2 AND state = ANY($3)
         ORDER BY id FOR UPDATE`,
        [p.zoneId, fromOfficerId, [...OPEN_LOAD_STATES]],
      );
      return this.move(
        m,
        p,
        ids.map((r) => r.id),
        toOfficerId,
        comment,
      );
    });
  }

  private async requireOfficer(m: EntityManager, p: Principal, userId: string, field: string): Promise<void> {
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM users WHERE id = $1 AND zone_id = $2 AND role = 'officer' AND is_active`,
      [userId, p.zoneId],
    );
    if (rows.length === 0)
      throw DomainError.invalid(field, `${field} must be an active officer of your zone`);
  }

  private async move(
    m: EntityManager,
    p: Principal,
    ids: string[],
    toOfficerId: string,
    comment: string | undefined,
  ): Promise<ReassignmentResult> {
    if (ids.length === 0) return { toOfficerId, moved: [] };
    const moved: {
      id: string;
      reference: string;
      zone_id: string;
      enterprise_id: string;
      from_officer: string | null;
    }[] = await updateReturning(
      m,
      `UPDATE applications a SET assignee_id = $2, version = a.version + 1, updated_at = now()
       FROM (SELECT id, assignee_id FROM applications WHERE id = ANY($1::uuid[])) old
       WHERE a.id = old.id AND a.assignee_id IS DISTINCT FROM $2
       RETURNING a.id, a.reference, a.zone_id, a.enterprise_id, old.assignee_id AS from_officer`,
      [ids, toOfficerId],
    );
    await m.query(
      `UPDATE application_stage_log SET assignee_id = $2 WHERE application_id = ANY($1::uuid[]) AND left_at IS NULL`,
      [moved.map((r) => r.id), toOfficerId],
    );
    for (const r of moved) {
      await this.audit.append(m, {
        stream: applicationStream(r.id),
        zoneId: r.zone_id,
        enterpriseId: r.enterprise_id,
        actorId: p.userId,
        actorRole: p.role,
        action: 'assignment.reassigned',
        comment: comment ?? null,
        data: { from: r.from_officer, to: toOfficerId },
      });
    }
    return {
      toOfficerId,
      moved: moved.map((r) => ({
        applicationId: r.id,
        reference: r.reference,
        fromOfficerId: r.from_officer,
      })),
    };
  }
}
