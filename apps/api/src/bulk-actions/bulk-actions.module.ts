import { Module } from '@nestjs/common';
import { BulkActionsController } from './bulk-actions.controller';
import { BulkActionsService } from './bulk-actions.service';

/** Bulk approvals and returns over HTTP; the worker runs them (BulkActionRunner). */
@Module({
  controllers: [BulkActionsController],
  providers: [BulkActionsService],
})
export class BulkActionsModule {}
