import { NotificationsCoreModule } from '@huiqi/core/notifications/notifications-core.module';
import { Module } from '@nestjs/common';
import { EmailProcessor } from './email.processor';
import { Mailer } from './mailer';
import { NotificationsProcessor } from './notifications.processor';
import { WebhookClient } from './webhook-client';
import { WebhookProcessor } from './webhook.processor';

/** Notification fan-out and the email and webhook deliveries it records. */
@Module({
  imports: [NotificationsCoreModule],
  providers: [NotificationsProcessor, EmailProcessor, WebhookProcessor, Mailer, WebhookClient],
})
export class NotificationsWorkerModule {}
