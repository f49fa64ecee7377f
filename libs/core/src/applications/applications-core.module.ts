import { Global, Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { WorkingCalendarService } from '../calendar/working-calendar.service';
import { FinanceCoreModule } from '../finance/finance-core.module';
import { ApplicationEffectsService } from './application-effects.service';
import { ApplicationTransitionService } from './application-transition.service';
import { AssignmentService } from './assignment.service';
import { DeadlineService } from './deadline.service';
import { GrantHistoryService } from './grant-history.service';
import { GrantOfferService } from './grant-offer.service';
import { ScreeningService } from './screening.service';

/** The application services both apps share: transitions, effects, assignment, screening. */
@Global()
@Module({
  imports: [AuditModule, FinanceCoreModule],
  providers: [
    ApplicationTransitionService,
    ApplicationEffectsService,
    AssignmentService,
    DeadlineService,
    GrantHistoryService,
    GrantOfferService,
    ScreeningService,
    WorkingCalendarService,
  ],
  exports: [
    ApplicationTransitionService,
    AssignmentService,
    DeadlineService,
    GrantHistoryService,
    GrantOfferService,
    ScreeningService,
    WorkingCalendarService,
  ],
})
export class ApplicationsCoreModule {}
