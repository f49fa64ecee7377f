import { Module } from '@nestjs/common';
import { DeadlineCountdowns } from './deadline-countdowns';
import { InboxExportService } from './inbox-export.service';
import { InboxController } from './inbox.controller';

/** The staff inbox's additions to the applications list: working-day countdowns and the export. */
@Module({
  controllers: [InboxController],
  providers: [InboxExportService, DeadlineCountdowns],
  exports: [DeadlineCountdowns],
})
export class InboxModule {}
