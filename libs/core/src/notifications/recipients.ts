import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { applicationStream } from '../applications/application-transition.service';
import type { Locale } from './labels';

/** A person a notification goes to, with the channels they chose (every channel without a choice). */
export interface Recipient {
  userId: string;
  username: string;
  role: string;
  locale: Locale;
  email: string | null;
  inApp: boolean;
  emailOn: boolean;
  webhookOn: boolean;
}

/** The application-side facts an audience is resolved from. */
export interface AudienceTarget {
  applicationId: string;
  zoneId: string;
  enterpriseId: string;
  assigneeId: string | null;
  /** The audit event notified; the objector is whoever raised the latest objection up to it. */
  auditSeq: number;
}

/** Staff audiences: active users of that role in the application's zone. */
const ZONE_ROLE_AUDIENCES: Record<string, string> = {
  'zone-officers': 'officer',
  directors: 'director',
  experts: 'expert',
  finance: 'finance',
};

const SELECT_RECIPIENTS = `
  SELECT u.id, u.username, u.role, u.locale, u.email,
         coalesce(p.in_app, true) AS in_app, coalesce(p.email, true) AS email_on,
         coalesce(p.webhook, true) AS webhook_on
  FROM users u LEFT JOIN notification_preferences p ON p.user_id = u.id
  WHERE u.is_active AND `;

interface RecipientRow {
  id: string;
  username: string;
  role: string;
  locale: Locale;
  email: string | null;
  in_app: boolean;
  email_on: boolean;
  webhook_on: boolean;
}

/**
 * Who an audience is, read at the time the notification is fanned out: `enterprise` is the applicant's
 * active users; `assignee` the officer the case is assigned to, or the zone's officers when it is
 * unassigned (or the assignee left); zone roles are the zone's active staff of that role; `objector` is
 * the user who raised the latest objection at or before the notified audit event.
 */
@Injectable()
export class AudienceResolver {
  private readonly logger = new Logger(AudienceResolver.name);

  async resolve(m: EntityManager, audience: string, target: AudienceTarget): Promise<Recipient[]> {
    if (audience === 'enterprise') {
      return this.query(m, 'u.enterprise_id = $1', [target.enterpriseId]);
    }
    const role = ZONE_ROLE_AUDIENCES[audience];
    if (role) return this.query(m, 'u.zone_id = $1 AND u.role = $2', [target.zoneId, role]);
    if (audience === 'assignee') {
      if (target.assigneeId) {
        const assignee = await this.query(m, 'u.id = $1 AND u.zone_id = $2', [
          target.assigneeId,
          target.zoneId,
        ]);
        if (assignee.length > 0) return assignee;
      }
      return this.query(m, 'u.zone_id = $1 AND u.role = $2', [target.zoneId, 'officer']);
    }
    if (audience === 'objector') {
      const objectorId = await this.objectorOf(m, target);
      return objectorId ? this.query(m, 'u.id = $1', [objectorId]) : [];
    }
    this.logger.warn({ audience, applicationId: target.applicationId }, 'unknown notification audience');
    return [];
  }

  private async objectorOf(m: EntityManager, target: AudienceTarget): Promise<string | null> {
    const rows: { actor_id: string | null }[] = await m.query(
      `SELECT actor_id FROM audit_events
       WHERE stream = $1 AND action = 'object' AND seq <= $2 ORDER BY seq DESC LIMIT 1`,
      [applicationStream(target.applicationId), target.auditSeq],
    );
    return rows[0]?.actor_id ?? null;
  }

  private async query(m: EntityManager, where: string, params: unknown[]): Promise<Recipient[]> {
    const rows: RecipientRow[] = await m.query(`${SELECT_RECIPIENTS}${where} ORDER BY u.id`, params);
    return rows.map((r) => ({
      userId: r.id,
      username: r.username,
      role: r.role,
      locale: r.locale,
      email: r.email,
      inApp: r.in_app,
      emailOn: r.email_on,
      webhookOn: r.webhook_on,
    }));
  }
}
