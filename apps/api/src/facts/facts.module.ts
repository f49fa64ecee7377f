import { AuditModule } from '@huiqi/core/audit/audit.module';
import { FactsCoreModule } from '@huiqi/core/facts/facts-core.module';
import { Module } from '@nestjs/common';
import { FactsController } from './facts.controller';
import { FactsService } from './facts.service';
import { FeedImportsService } from './feed-imports.service';

/** Enterprise facts over HTTP: record one, read current values and history, import data feeds. */
@Module({
  imports: [AuditModule, FactsCoreModule],
  controllers: [FactsController],
  providers: [FactsService, FeedImportsService],
})
export class FactsModule {}
