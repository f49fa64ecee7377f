import { Module } from '@nestjs/common';
import { CalendarsController } from '../calendars/calendars.controller';
import { CalendarsService } from '../calendars/calendars.service';
import { DocumentStore } from '../documents/document-store';
import { DocumentsController } from '../documents/documents.controller';
import { DocumentsService } from '../documents/documents.service';
import { PublicPublicityController, PublicPublicityService } from '../publicity/public-publicity';
import { InboxModule } from '../inbox/inbox.module';
import { ApplicationsController } from './applications.controller';
import { ApplicationsService } from './applications.service';

/** Applications and their documents over HTTP; the shared transition logic is in ApplicationsCoreModule. */
@Module({
  imports: [InboxModule],
  controllers: [ApplicationsController, DocumentsController, CalendarsController, PublicPublicityController],
  providers: [ApplicationsService, DocumentsService, DocumentStore, CalendarsService, PublicPublicityService],
  exports: [ApplicationsService],
})
export class ApplicationsModule {}
