import { factLabel, isFactKey } from '@huiqi/policies';
import type { DeclaredFactNoticeJob } from '@huiqi/queues';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Locale } from './labels';
import { AudienceResolver } from './recipients';

interface DeclaredFactRow {
  id: string;
  zone_id: string;
  enterprise_id: string;
  key: string;
  period: string | null;
  status: string;
  decision_comment: string | null;
}

const TEXT: Record<'verified' | 'refused', Record<Locale, { title: string; lead: string }>> = {
  verified: {
    'zh-CN': {
      title: '申报数据已核实：{fact}',
      lead: '您单位申报的「{fact}」已由园区核实，现可用于政策资格判断。',
    },
    en: {
      title: 'Declared data verified: {fact}',
      lead: 'The zone verified “{fact}” as your enterprise declared it; it now counts for eligibility.',
    },
  },
  refused: {
    'zh-CN': { title: '申报数据未通过核实：{fact}', lead: '您单位申报的「{fact}」未通过园区核实。' },
    en: {
      title: 'Declared data refused: {fact}',
      lead: 'The zone refused “{fact}” as your enterprise declared it.',
    },
  },
};

const REASON: Record<Locale, string> = { 'zh-CN': '原因', en: 'Reason' };

/**
 * Tells the declaring enterprise's users that a declared fact (一企一档) was verified or refused: one
 * in-app notice per user, written in the job's exactly-once transaction (unique per outbox row and
 * user, so a redelivery writes nothing).
 */
@Injectable()
export class DeclaredFactNotices {
  constructor(private readonly audiences: AudienceResolver) {}

  async notify(m: EntityManager, outboxId: string, job: DeclaredFactNoticeJob): Promise<{ inApp: number }> {
    const rows: DeclaredFactRow[] = await m.query(
      `SELECT id, zone_id, enterprise_id, key, period, status, decision_comment
       FROM declared_facts WHERE id = $1`,
      [job.declaredFactId],
    );
    const fact = rows[0];
    if (!fact || fact.status !== job.outcome) return { inApp: 0 };
    const recipients = (
      await this.audiences.resolve(m, 'enterprise', {
        applicationId: '',
        zoneId: fact.zone_id,
        enterpriseId: fact.enterprise_id,
        assigneeId: null,
        auditSeq: 0,
      })
    ).filter((r) => r.inApp);
    if (recipients.length === 0) return { inApp: 0 };
    const messages = recipients.map((r) => this.render(job.outcome, r.locale, fact));
    const inserted: unknown[] = await m.query(
      `INSERT INTO notifications (outbox_id, user_id, zone_id, application_id, template, locale, title, body, link)
       SELECT $1, r.user_id, $2, NULL, $3, r.locale, r.title, r.body, $4
       FROM unnest($5::uuid[], $6::text[], $7::text[], $8::text[]) AS r(user_id, locale, title, body)
       ON CONFLICT ON CONSTRAINT uq_notifications_outbox_user DO NOTHING
       RETURNING id`,
      [
        outboxId,
        fact.zone_id,
        `declared-fact-${job.outcome}`,
        `/enterprises/${fact.enterprise_id}/declared-facts`,
        recipients.map((r) => r.userId),
        recipients.map((r) => r.locale),
        messages.map((msg) => msg.title),
        messages.map((msg) => msg.body),
      ],
    );
    return { inApp: inserted.length };
  }

  private render(outcome: 'verified' | 'refused', locale: Locale, fact: DeclaredFactRow) {
    const label = isFactKey(fact.key) ? factLabel(fact.key) : { zh: fact.key, en: fact.key };
    const name =
      locale === 'en'
        ? `${label.en}${fact.period ? ` (fiscal year ${fact.period})` : ''}`
        : `${label.zh}${fact.period ? `（${fact.period}年度）` : ''}`;
    const text = TEXT[outcome][locale];
    const lead = text.lead.replace('{fact}', name);
    const reason =
      outcome === 'refused' && fact.decision_comment ? `\n\n${REASON[locale]}: ${fact.decision_comment}` : '';
    return { title: text.title.replace('{fact}', name), body: `${lead}${reason}` };
  }
}
