import { APP_CONFIG, AppConfig } from '@huiqi/config';
import { NotificationJob, QueueName } from '@huiqi/queues';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxItem, OutboxService } from '../outbox/outbox.service';
import type { Locale } from './labels';
import { NotificationSubject, NotificationSubjects } from './notification-subject';
import { AudienceResolver, Recipient } from './recipients';
import { emailText, RenderedMessage, renderNotification } from './render';

export interface FanOutResult {
  recipients: number;
  inApp: number;
  emails: number;
  webhooks: number;
}

/** What an email delivery sends (rendered once, so every retry sends the same message). */
export interface EmailContent {
  locale: Locale;
  subject: string;
  text: string;
}

/** What a webhook delivery posts, besides its id and timestamp (added per attempt, inside the signed body). */
export interface WebhookContent {
  event: string;
  zone: string;
  application: {
    id: string;
    reference: string;
    programCode: string;
    programTitle: { zh: string; en: string } | null;
    enterpriseName: string;
    state: string;
    amountFen: number | null;
    amountKind: string | null;
  };
  recipient: { userId: string; username: string; role: string; locale: Locale };
  message: RenderedMessage;
}

interface DeliveryDraft {
  userId: string;
  channel: 'email' | 'webhook';
  webhookId: string | null;
  target: string;
  content: EmailContent | WebhookContent;
}

/**
 * Turns one notification job into what each recipient gets, all inside the job's `runOnce`
 * transaction: in-app inbox rows, and one recorded delivery per email or webhook call, each with its
 * own outbox job so it retries on its own. The unique keys (outbox row, recipient[, channel, endpoint])
 * make a second run write nothing even if `runOnce` were bypassed.
 */
@Injectable()
export class NotificationFanOutService {
  private readonly logger = new Logger(NotificationFanOutService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxService,
    private readonly subjects: NotificationSubjects,
    private readonly audiences: AudienceResolver,
  ) {}

  async fanOut(m: EntityManager, outboxId: string, job: NotificationJob): Promise<FanOutResult> {
    const subject = await this.subjects.load(m, job);
    if (!subject) {
      this.logger.warn({ applicationId: job.applicationId }, 'notification for an unknown application');
      return { recipients: 0, inApp: 0, emails: 0, webhooks: 0 };
    }
    const recipients = await this.audiences.resolve(m, job.audience, subject.target);
    const rendered = new Map<Locale, RenderedMessage>();
    const messageFor = (locale: Locale) => {
      let message = rendered.get(locale);
      if (!message)
        rendered.set(
          locale,
          (message = renderNotification(job.template, locale, subject.facts, job.audience)),
        );
      return message;
    };

    const inApp = await this.writeInbox(m, outboxId, job.template, subject, recipients, messageFor);
    const { webhooks } = subject;
    const drafts: DeliveryDraft[] = [];
    for (const r of recipients) {
      const message = messageFor(r.locale);
      if (this.config.notifications.smtpUrl && r.emailOn && r.email) {
        drafts.push({
          userId: r.userId,
          channel: 'email',
          webhookId: null,
          target: r.email,
          content: {
            locale: r.locale,
            subject: message.title,
            text: emailText(message, r.locale, this.config.notifications.publicUrl),
          },
        });
      }
      if (!r.webhookOn) continue;
      for (const w of webhooks) {
        drafts.push({
          userId: r.userId,
          channel: 'webhook',
          webhookId: w.id,
          target: w.url,
          content: webhookContent(job.template, subject, r, message),
        });
      }
    }
    const created = await this.writeDeliveries(m, outboxId, job.template, subject, drafts);
    return {
      recipients: recipients.length,
      inApp,
      emails: created.filter((d) => d.channel === 'email').length,
      webhooks: created.filter((d) => d.channel === 'webhook').length,
    };
  }

  private async writeInbox(
    m: EntityManager,
    outboxId: string,
    template: string,
    subject: NotificationSubject,
    recipients: Recipient[],
    messageFor: (locale: Locale) => RenderedMessage,
  ): Promise<number> {
    const readers = recipients.filter((r) => r.inApp);
    if (readers.length === 0) return 0;
    const messages = readers.map((r) => messageFor(r.locale));
    const inserted: unknown[] = await m.query(
      `INSERT INTO notifications (outbox_id, user_id, zone_id, application_id, template, locale, title, body, link)
       SELECT $1, r.user_id, $2, $3, $4, r.locale, r.title, r.body, r.link
       FROM unnest($5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[]) AS r(user_id, locale, title, body, link)
       ON CONFLICT ON CONSTRAINT uq_notifications_outbox_user DO NOTHING
       RETURNING id`,
      [
        outboxId,
        subject.target.zoneId,
        subject.target.applicationId,
        template,
        readers.map((r) => r.userId),
        readers.map((r) => r.locale),
        messages.map((msg) => msg.title),
        messages.map((msg) => msg.body),
        messages.map((msg) => msg.link),
      ],
    );
    return inserted.length;
  }

  private async writeDeliveries(
    m: EntityManager,
    outboxId: string,
    template: string,
    subject: NotificationSubject,
    drafts: DeliveryDraft[],
  ): Promise<{ id: string; channel: 'email' | 'webhook' }[]> {
    if (drafts.length === 0) return [];
    // The conflict is uq_notification_deliveries (outbox row, recipient, channel, endpoint), the table's only unique key.
    const created: { id: string; channel: 'email' | 'webhook' }[] = await m.query(
      `INSERT INTO notification_deliveries
         (notification_outbox_id, user_id, zone_id, application_id, template, channel, webhook_id, target, content)
       SELECT $1, d.user_id, $2, $3, $4, d.channel, d.webhook_id, d.target, d.content
       FROM unnest($5::uuid[], $6::text[], $7::uuid[], $8::text[], $9::jsonb[])
         AS d(user_id, channel, webhook_id, target, content)
       ON CONFLICT DO NOTHING
       RETURNING id, channel`,
      [
        outboxId,
        subject.target.zoneId,
        subject.target.applicationId,
        template,
        drafts.map((d) => d.userId),
        drafts.map((d) => d.channel),
        drafts.map((d) => d.webhookId),
        drafts.map((d) => d.target),
        drafts.map((d) => JSON.stringify(d.content)),
      ],
    );
    const jobs: OutboxItem[] = created.map((d) =>
      d.channel === 'email'
        ? {
            queue: QueueName.Email,
            jobName: 'send-email',
            payload: { deliveryId: d.id },
            dedupKey: deliveryDedupKey(d.id),
          }
        : {
            queue: QueueName.Webhooks,
            jobName: 'send-webhook',
            payload: { deliveryId: d.id },
            dedupKey: deliveryDedupKey(d.id),
          },
    );
    await this.outbox.enqueue(m, jobs);
    return created;
  }
}

/** The outbox row of a delivery is found by this key (admins retry a delivery through it). */
export const DELIVERY_DEDUP_PREFIX = 'delivery:';
export const deliveryDedupKey = (deliveryId: string) => `${DELIVERY_DEDUP_PREFIX}${deliveryId}`;

function webhookContent(
  template: string,
  subject: NotificationSubject,
  r: Recipient,
  message: RenderedMessage,
): WebhookContent {
  const { facts } = subject;
  return {
    event: template,
    zone: subject.zoneCode,
    application: {
      id: facts.applicationId,
      reference: facts.reference,
      programCode: facts.programCode,
      programTitle: facts.programTitle,
      enterpriseName: facts.enterpriseName,
      state: facts.state,
      amountFen: facts.amount?.fen ?? null,
      amountKind: facts.amount?.kind ?? null,
    },
    recipient: { userId: r.userId, username: r.username, role: r.role, locale: r.locale },
    message,
  };
}
