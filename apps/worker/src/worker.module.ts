import { AppConfig, ConfigModule } from '@huiqi/config';
import { ApplicationsCoreModule } from '@huiqi/core/applications/applications-core.module';
import { AuditModule } from '@huiqi/core/audit/audit.module';
import { AutoGrantsCoreModule } from '@huiqi/core/auto-grants/auto-grants-core.module';
import { CatalogCoreModule } from '@huiqi/core/catalog/catalog-core.module';
import { DatabaseModule } from '@huiqi/core/database/database.module';
import { loggerOptions } from '@huiqi/core/logging/logger-options';
import { OutboxModule } from '@huiqi/core/outbox/outbox.module';
import { RedisModule } from '@huiqi/core/redis/redis.module';
import { bullConnection, DEFAULT_JOB_OPTIONS, jobOptionsFor, QueueName } from '@huiqi/queues';
import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { ClsModule } from 'nestjs-cls';
import { LoggerModule } from 'nestjs-pino';
import { AutoGrantsProcessor } from './auto-grants/auto-grants.processor';
import { SweepWatchdog } from './auto-grants/sweep-watchdog.service';
import { MaintenanceProcessor } from './maintenance/maintenance.processor';
import { JobSchedulesService } from './schedules/job-schedules.service';
import { DeadlinesProcessor } from './deadlines/deadlines.processor';
import { OutboxRelayService } from './outbox/outbox-relay.service';
import { ScreeningProcessor } from './screening/screening.processor';
import { SandboxProcessor } from './sandbox/sandbox.processor';
import { SandboxRunner } from './sandbox/sandbox-runner.service';
import { WorkerBootModule } from './boot/worker-boot.module';
import { NotificationsWorkerModule } from './notifications/notifications-worker.module';
import { FinanceWorkerModule } from './finance/finance-worker.module';
import { BulkActionsWorkerModule } from './bulk-actions/bulk-actions-worker.module';

/** The worker: a Nest application context running one BullMQ processor per queue. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config, 'worker')),
        ClsModule.forRoot({ global: true }),
        DatabaseModule.forRoot('huiqi-worker'),
        RedisModule,
        AuditModule,
        OutboxModule,
        CatalogCoreModule,
        ApplicationsCoreModule,
        AutoGrantsCoreModule,
        BullModule.forRoot({
          connection: bullConnection(config.redis.url, 'worker'),
          prefix: config.redis.prefix,
          defaultJobOptions: DEFAULT_JOB_OPTIONS,
          // Workers start only once WorkerBootModule has checked every queue has one processor.
          extraOptions: { manualRegistration: true },
        }),
        BullModule.registerQueue(
          ...Object.values(QueueName).map((name) => ({
            name,
            defaultJobOptions: jobOptionsFor(name, {
              attempts: config.notifications.deliveryAttempts,
              backoffMs: config.notifications.deliveryBackoffMs,
            }),
          })),
        ),
        NotificationsWorkerModule,
        FinanceWorkerModule,
        BulkActionsWorkerModule,
        WorkerBootModule,
      ],
      providers: [
        OutboxRelayService,
        MaintenanceProcessor,
        JobSchedulesService,
        ScreeningProcessor,
        DeadlinesProcessor,
        SandboxRunner,
        SandboxProcessor,
        AutoGrantsProcessor,
        SweepWatchdog,
      ],
    };
  }
}
