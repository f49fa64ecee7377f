import { BulkActionsCoreModule } from '@huiqi/core/bulk-actions/bulk-actions-core.module';
import { Module } from '@nestjs/common';
import { BulkActionsProcessor } from './bulk-actions.processor';

/** Reviewers' bulk approvals and returns, case by case. */
@Module({
  imports: [BulkActionsCoreModule],
  providers: [BulkActionsProcessor],
})
export class BulkActionsWorkerModule {}
