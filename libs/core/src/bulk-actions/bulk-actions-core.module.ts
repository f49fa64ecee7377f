import { Module } from '@nestjs/common';
import { BulkActionRunner } from './bulk-action-runner.service';

/** Bulk approvals and returns, run by the worker (ApplicationsCoreModule is global). */
@Module({
  providers: [BulkActionRunner],
  exports: [BulkActionRunner],
})
export class BulkActionsCoreModule {}
