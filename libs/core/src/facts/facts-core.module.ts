import { Global, Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { FactWriter } from './fact-writer.service';
import { FeedImportService } from './feed-import.service';

/** Writing enterprise facts (one at a time or from feeds), shared by the API and the worker. */
@Global()
@Module({
  imports: [AuditModule],
  providers: [FactWriter, FeedImportService],
  exports: [FactWriter, FeedImportService],
})
export class FactsCoreModule {}
