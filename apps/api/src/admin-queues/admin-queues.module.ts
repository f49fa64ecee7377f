import { Module } from '@nestjs/common';
import { QueueDashboardAuth } from './dashboard-auth';
import { DashboardQueues } from './dashboard-queues';
import { OutboxAdminController } from './outbox-admin.controller';
import { OutboxAdminService } from './outbox-admin.service';

/** Bull Board's queues and sign-in (mounted in main.ts), and the failed-outbox endpoints. */
@Module({
  controllers: [OutboxAdminController],
  providers: [DashboardQueues, QueueDashboardAuth, OutboxAdminService],
  exports: [DashboardQueues, QueueDashboardAuth, OutboxAdminService],
})
export class AdminQueuesModule {}
