import { maskAccountNo } from '@huiqi/common';
import { APP_CONFIG, AppConfig } from '@huiqi/config';
import { QueueName, type BankAccountNoticeJob } from '@huiqi/queues';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxService } from '../outbox/outbox.service';
import { deliveryDedupKey } from './fan-out.service';
import type { Locale } from './labels';
import { AudienceResolver } from './recipients';
import { BANK_ACCOUNT_PAGE, emailText, formatShanghaiTime, RenderedMessage } from './render';

export { BANK_ACCOUNT_PAGE } from './render';

interface ChangeRow {
  id: string;
  zone_id: string;
  enterprise_id: string;
  enterprise_name: string;
  bank_name: string;
  account_no: string;
  state: string;
  requested_at: Date;
  requested_by_name: string | null;
  decision_reason: string | null;
  current_account_no: string | null;
}

type Event = BankAccountNoticeJob['event'];

const TEXT: Record<Event, Record<Locale, { title: string; lead: string }>> = {
  requested: {
    'zh-CN': {
      title: '收款账户变更已提交，待财务核验',
      lead:
        '{enterprise} 提交了收款账户变更：新账户 {after}（{bank}）。园区财务核验后才生效，在此之前奖补资金仍拨付至原账户（{before}）。' +
        '如非本单位人员操作，请立即修改密码并联系园区财务。',
    },
    en: {
      title: 'Bank account change submitted, awaiting verification',
      lead:
        '{enterprise} asked to change its bank account to {after} ({bank}). The change takes effect only once the ' +
        'zone’s finance staff verify it; until then grants are paid to the current account ({before}). ' +
        'If nobody at your enterprise made this change, change your password and contact the zone’s finance staff now.',
    },
  },
  verified: {
    'zh-CN': {
      title: '收款账户变更已核验生效',
      lead: '{enterprise} 的收款账户变更已由园区财务核验，今后奖补资金拨付至新账户 {after}（{bank}）。',
    },
    en: {
      title: 'Bank account change verified',
      lead: 'The zone’s finance staff verified the bank account change of {enterprise}: grants are now paid to {after} ({bank}).',
    },
  },
  refused: {
    'zh-CN': {
      title: '收款账户变更未通过核验',
      lead: '{enterprise} 的收款账户变更（新账户 {after}，{bank}）未通过园区财务核验，奖补资金仍拨付至原账户（{before}）。请核对后重新提交。',
    },
    en: {
      title: 'Bank account change refused',
      lead: 'The zone’s finance staff refused the bank account change of {enterprise} (to {after}, {bank}); grants are still paid to the current account ({before}). Check the details and submit again.',
    },
  },
};

const FIELDS: Record<string, Record<Locale, string>> = {
  requestedBy: { 'zh-CN': '提交人', en: 'Submitted by' },
  requestedAt: { 'zh-CN': '提交时间', en: 'Submitted at' },
  reason: { 'zh-CN': '原因', en: 'Reason' },
  none: { 'zh-CN': '无', en: 'none' },
  link: { 'zh-CN': '查看收款账户', en: 'Bank account page' },
};

/**
 * Tells every active user of an enterprise that its bank account change was submitted, verified or
 * refused: an in-app notice per user and, when SMTP is configured and the user wants it, an email (the
 * channel a stolen-login victim still reads), each in the user's language with a link to the
 * bank-account page. Written in the job's exactly-once transaction (unique per outbox row and user).
 */
@Injectable()
export class BankAccountNotices {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audiences: AudienceResolver,
    private readonly outbox: OutboxService,
  ) {}

  async notify(
    m: EntityManager,
    outboxId: string,
    job: BankAccountNoticeJob,
  ): Promise<{ inApp: number; emails: number }> {
    const rows: ChangeRow[] = await m.query(
      `SELECT c.id, c.zone_id, c.enterprise_id, e.name AS enterprise_name, c.bank_name, c.account_no, c.state,
              c.requested_at, u.display_name AS requested_by_name, c.decision_reason,
              e.bank_account_no AS current_account_no
       FROM bank_account_changes c
       JOIN enterprises e ON e.id = c.enterprise_id
       LEFT JOIN users u ON u.id = c.requested_by
       WHERE c.id = $1`,
      [job.bankAccountChangeId],
    );
    const change = rows[0];
    if (!change) return { inApp: 0, emails: 0 };
    const recipients = await this.audiences.resolve(m, 'enterprise', {
      applicationId: '',
      zoneId: change.zone_id,
      enterpriseId: change.enterprise_id,
      assigneeId: null,
      auditSeq: 0,
    });
    if (recipients.length === 0) return { inApp: 0, emails: 0 };
    const template = `bank-account-change-${job.event}`;
    const readers = recipients.filter((r) => r.inApp);
    const inserted: unknown[] = readers.length
      ? await m.query(
          `INSERT INTO notifications (outbox_id, user_id, zone_id, application_id, template, locale, title, body, link)
           SELECT $1, r.user_id, $2, NULL, $3, r.locale, r.title, r.body, $4
           FROM unnest($5::uuid[], $6::text[], $7::text[], $8::text[]) AS r(user_id, locale, title, body)
           ON CONFLICT ON CONSTRAINT uq_notifications_outbox_user DO NOTHING
           RETURNING id`,
          [
            outboxId,
            change.zone_id,
            template,
            BANK_ACCOUNT_PAGE,
            readers.map((r) => r.userId),
            readers.map((r) => r.locale),
            readers.map((r) => renderBankAccountNotice(job.event, r.locale, change).title),
            readers.map((r) => renderBankAccountNotice(job.event, r.locale, change).body),
          ],
        )
      : [];
    const mailTo = this.config.notifications.smtpUrl ? recipients.filter((r) => r.emailOn && r.email) : [];
    let emails = 0;
    if (mailTo.length > 0) {
      const created: { id: string }[] = await m.query(
        `INSERT INTO notification_deliveries
           (notification_outbox_id, user_id, zone_id, application_id, template, channel, webhook_id, target, content)
         SELECT $1, d.user_id, $2, NULL, $3, 'email', NULL, d.target, d.content
         FROM unnest($4::uuid[], $5::text[], $6::jsonb[]) AS d(user_id, target, content)
         ON CONFLICT DO NOTHING
         RETURNING id`,
        [
          outboxId,
          change.zone_id,
          template,
          mailTo.map((r) => r.userId),
          mailTo.map((r) => r.email),
          mailTo.map((r) => {
            const message = renderBankAccountNotice(job.event, r.locale, change);
            return JSON.stringify({
              locale: r.locale,
              subject: message.title,
              text: emailText(message, r.locale, this.config.notifications.publicUrl),
            });
          }),
        ],
      );
      await this.outbox.enqueue(
        m,
        created.map((d) => ({
          queue: QueueName.Email,
          jobName: 'send-email',
          payload: { deliveryId: d.id },
          dedupKey: deliveryDedupKey(d.id),
        })),
      );
      emails = created.length;
    }
    return { inApp: inserted.length, emails };
  }
}

/** One notice in one language (pure: the account numbers are masked, times are Beijing time). */
export function renderBankAccountNotice(
  event: Event,
  locale: Locale,
  change: Pick<
    ChangeRow,
    | 'enterprise_name'
    | 'bank_name'
    | 'account_no'
    | 'requested_at'
    | 'requested_by_name'
    | 'decision_reason'
    | 'current_account_no'
  >,
): RenderedMessage {
  const text = TEXT[event][locale];
  const values: Record<string, string> = {
    enterprise: change.enterprise_name,
    after: maskAccountNo(change.account_no),
    bank: change.bank_name,
    before: change.current_account_no ? maskAccountNo(change.current_account_no) : FIELDS.none[locale],
  };
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
  const colon = locale === 'zh-CN' ? '：' : ': ';
  const details = [
    `${FIELDS.requestedBy[locale]}${colon}${change.requested_by_name ?? '-'}`,
    `${FIELDS.requestedAt[locale]}${colon}${formatShanghaiTime(new Date(change.requested_at), locale)}`,
  ];
  if (event === 'refused' && change.decision_reason) {
    details.push(`${FIELDS.reason[locale]}${colon}${change.decision_reason}`);
  }
  return {
    title: fill(text.title),
    body: `${fill(text.lead)}\n\n${details.join('\n')}`,
    link: BANK_ACCOUNT_PAGE,
  };
}
