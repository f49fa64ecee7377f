import { APP_CONFIG, AppConfig } from '@huiqi/config';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  locale: string;
  /** The delivery id: Message-ID and a header, so a duplicate after a crash is recognisable. */
  deliveryId: string;
}

export class EmailDisabledError extends Error {}

/** SMTP through nodemailer (pooled), or nothing when SMTP_URL is unset — said once at start-up. */
@Injectable()
export class Mailer implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(Mailer.name);
  private readonly transport: Transporter | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const { smtpUrl, mailFrom } = config.notifications;
    this.transport = smtpUrl
      ? createTransport(
          {
            url: smtpUrl,
            pool: true,
            maxConnections: 2,
            connectionTimeout: 10_000,
            greetingTimeout: 10_000,
            socketTimeout: 30_000,
          },
          { from: mailFrom },
        )
      : null;
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  onModuleInit(): void {
    if (!this.config.notifications.smtpUrl) {
      this.logger.log('email notifications are off: SMTP_URL is not set (in-app and webhooks still work)');
      return;
    }
    const { protocol, hostname, port } = new URL(this.config.notifications.smtpUrl);
    this.logger.log({ smtp: `${protocol}//${hostname}:${port || 'default'}` }, 'email notifications are on');
  }

  async send(email: OutgoingEmail): Promise<string> {
    if (!this.transport) throw new EmailDisabledError('email is off: SMTP_URL is not set');
    const info = (await this.transport.sendMail({
      to: email.to,
      subject: email.subject,
      text: email.text,
      messageId: `<${email.deliveryId}@notifications.huiqi>`,
      headers: { 'X-Huiqi-Delivery': email.deliveryId, 'Content-Language': email.locale },
    })) as { messageId?: string; response?: string };
    return info.response ?? info.messageId ?? 'accepted';
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
