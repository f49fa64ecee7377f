import { AuditModule } from '@huiqi/core/audit/audit.module';
import { FactsCoreModule } from '@huiqi/core/facts/facts-core.module';
import { Module } from '@nestjs/common';
import { DocumentStore } from '../documents/document-store';
import { DeclaredFactsController } from './declared-facts.controller';
import { DeclaredFactsService } from './declared-facts.service';

/** Declared facts (一企一档): enterprises declare with evidence, zone officers and directors verify. */
@Module({
  imports: [AuditModule, FactsCoreModule],
  controllers: [DeclaredFactsController],
  providers: [DeclaredFactsService, DocumentStore],
})
export class DeclaredFactsModule {}
