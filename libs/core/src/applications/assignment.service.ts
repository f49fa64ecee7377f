import { ApplicationEntity } from '@huiqi/database';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** States where an officer of the zone must act; work in them is assigned to one officer. */
export const OFFICER_STATES = ['first_review', 'acceptance'] as const;
/** What counts towards an officer's open load. */
export const OPEN_LOAD_STATES = ['first_review', 'acceptance', 'amending'] as const;

export interface OfficerLoad {
  officerId: string;
  username: string;
  displayName: string;
  openCount: number;
  overdueCount: number;
}

/** Balances new work across a zone's active officers by their open load. */
@Injectable()
export class AssignmentService {
  /**
   * Assigns the application when it enters an officer stage and has no active assignee. Resubmitted
   * work returns to the officer who returned it. A per-zone advisory lock makes concurrent
   * assignments see each other's choices, so the balance holds under load.
   */
  async assignIfNeeded(manager: EntityManager, app: ApplicationEntity): Promise<string | null> {
    if (!(OFFICER_STATES as readonly string[]).includes(app.state)) return app.assigneeId;
    if (app.assigneeId && (await this.isActiveOfficer(manager, app.assigneeId, app.zoneId)))
      return app.assigneeId;
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`assign:${app.zoneId}`]);
    const [pick] = await this.loads(manager, app.zoneId);
    const assigneeId = pick?.officerId ?? null;
    await manager.query(`UPDATE applications SET assignee_id = $2 WHERE id = $1`, [app.id, assigneeId]);
    app.assigneeId = assigneeId;
    return assigneeId;
  }

  /** Active officers of a zone, least loaded first (ties by id, so the order is stable). */
  async loads(manager: EntityManager, zoneId: string): Promise<OfficerLoad[]> {
    const rows: { id: string; username: string; display_name: string; open: number; overdue: number }[] =
      await manager.query(
        `SELECT u.id, u.username, u.display_name,
                count(a.id)::int AS open,
                count(a.id) FILTER (WHERE a.stage_due_at < now())::int AS overdue
         FROM users u
         LEFT JOIN applications a ON a.assignee_id = u.id AND a.state = ANY($2)
         WHERE u.zone_id = $1 AND u.role = 'officer' AND u.is_active
         GROUP BY u.id ORDER BY count(a.id), u.id`,
        [zoneId, OPEN_LOAD_STATES],
      );
    return rows.map((r) => ({
      officerId: r.id,
      username: r.username,
      displayName: r.display_name,
      openCount: r.open,
      overdueCount: r.overdue,
    }));
  }

  private async isActiveOfficer(manager: EntityManager, userId: string, zoneId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM users WHERE id = $1 AND zone_id = $2 AND role = 'officer' AND is_active`,
      [userId, zoneId],
    );
    return rows.length > 0;
  }
}
