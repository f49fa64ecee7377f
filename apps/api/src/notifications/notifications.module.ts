import { Module } from '@nestjs/common';
import { AdminQueuesModule } from '../admin-queues/admin-queues.module';
import { DeliveriesAdminController } from './deliveries-admin.controller';
import { DeliveriesAdminService } from './deliveries-admin.service';
import { InboxController } from './inbox.controller';
import { InboxService } from './inbox.service';
import { NotificationPreferencesService } from './preferences.service';
import { ZoneWebhooksController } from './zone-webhooks.controller';
import { ZoneWebhooksService } from './zone-webhooks.service';

/** The in-app inbox and channel choices (everyone), zone webhooks and deliveries (admins). */
@Module({
  imports: [AdminQueuesModule],
  controllers: [InboxController, ZoneWebhooksController, DeliveriesAdminController],
  providers: [InboxService, NotificationPreferencesService, ZoneWebhooksService, DeliveriesAdminService],
})
export class NotificationsModule {}
