import { AppConfig, APP_CONFIG, ConfigModule } from '@huiqi/config';
import { ApplicationsCoreModule } from '@huiqi/core/applications/applications-core.module';
import { AuditModule } from '@huiqi/core/audit/audit.module';
import { CatalogCoreModule } from '@huiqi/core/catalog/catalog-core.module';
import { DatabaseModule } from '@huiqi/core/database/database.module';
import { loggerOptions } from '@huiqi/core/logging/logger-options';
import { OutboxModule } from '@huiqi/core/outbox/outbox.module';
import { RedisModule } from '@huiqi/core/redis/redis.module';
import { UserEntity } from '@huiqi/database';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { createSecretKey } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ClsModule } from 'nestjs-cls';
import { languageOf } from './http/request-language';
import { LabelsModule } from './labels/labels.controller';
import { PreferencesModule } from './preferences/preferences.controller';
import { LoggerModule } from 'nestjs-pino';
import { UsersController } from './admin-users/users.controller';
import { ApplicationsModule } from './applications/applications.module';
import { UsersService } from './admin-users/users.service';
import { AccessTokenGuard } from './auth/access-token.guard';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { LoginThrottleModule } from './auth/login-throttle';
import { RolesGuard } from './auth/roles.guard';
import { BankAccountChangesController } from './enterprises/bank-account-changes.controller';
import { BankAccountChangesService } from './enterprises/bank-account-changes.service';
import { EnterprisesController } from './enterprises/enterprises.controller';
import { EnterprisesService } from './enterprises/enterprises.service';
import { HealthModule } from './health/health.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { ZonesModule } from './zones/zones.module';
import { FinanceModule } from './finance/finance.module';
import { AutoGrantsModule } from './auto-grants/auto-grants.module';
import { CalculatorModule } from './calculator/calculator.module';
import { CatalogModule } from './catalog/catalog.module';
import { FactsModule } from './facts/facts.module';
import { DeclaredFactsModule } from './declared-facts/declared-facts.module';
import { ObjectionsModule } from './publicity/objections.module';
import { SandboxModule } from './sandbox/sandbox.module';
import { AdminQueuesModule } from './admin-queues/admin-queues.module';
import { NotificationsModule } from './notifications/notifications.module';
import { SlaReportModule } from './reports/sla.module';
import { BulkActionsModule } from './bulk-actions/bulk-actions.module';
import { ReassignmentModule } from './reassignment/reassignment.module';
import { DashboardModule } from './dashboard/dashboard.module';

/** Identity and tenancy: login, registration, staff users, enterprises and their colleagues. */
@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity]),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // A KeyObject, not the string: given a string, jsonwebtoken tries createPublicKey() on it first,
        // which throws, on every verify: ~0.4 ms of CPU per authenticated request (measured, bench/).
        secret: createSecretKey(Buffer.from(config.auth.jwtSecret)),
        signOptions: { algorithm: 'HS256' },
      }),
    }),
    LoginThrottleModule,
    AuditModule,
  ],
  controllers: [AuthController, UsersController, EnterprisesController, BankAccountChangesController],
  providers: [
    AuthService,
    UsersService,
    EnterprisesService,
    BankAccountChangesService,
    { provide: APP_GUARD, useClass: AccessTokenGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [AuthService, JwtModule, TypeOrmModule],
})
export class IdentityModule {}

/** The HTTP API: shared infrastructure plus one module per capability. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config, 'api')),
        ClsModule.forRoot({
          global: true,
          interceptor: {
            mount: true,
            generateId: true,
            idGenerator: (ctx) => String(ctx.switchToHttp().getRequest<FastifyRequest>().id),
            setup: (cls, ctx) => {
              if (ctx.getType() === 'http')
                cls.set('language', languageOf(ctx.switchToHttp().getRequest<FastifyRequest>()));
            },
          },
        }),
        DatabaseModule.forRoot('huiqi-api'),
        RedisModule,
        IdempotencyModule,
        OutboxModule,
        CatalogCoreModule,
        ApplicationsCoreModule,
        ZonesModule,
        HealthModule,
        IdentityModule,
        ApplicationsModule,
        FinanceModule,
        CatalogModule,
        FactsModule,
        DeclaredFactsModule,
        ObjectionsModule,
        CalculatorModule,
        SandboxModule,
        AutoGrantsModule,
        AdminQueuesModule,
        BulkActionsModule,
        ReassignmentModule,
        NotificationsModule,
        SlaReportModule,
        DashboardModule,
        PreferencesModule,
        LabelsModule,
      ],
    };
  }
}
