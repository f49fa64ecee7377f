import { Global, Module } from '@nestjs/common';
import { BankAccountNotices } from './bank-account-notices';
import { DeclaredFactNotices } from './declared-fact-notices';
import { NotificationDeliveries } from './deliveries.service';
import { NotificationFanOutService } from './fan-out.service';
import { NotificationSubjects } from './notification-subject';
import { AudienceResolver } from './recipients';

/** Notification services both apps share: fan-out (worker) and the delivery record (worker, admin API). */
@Global()
@Module({
  providers: [
    NotificationFanOutService,
    NotificationSubjects,
    AudienceResolver,
    NotificationDeliveries,
    DeclaredFactNotices,
    BankAccountNotices,
  ],
  exports: [NotificationFanOutService, NotificationDeliveries, DeclaredFactNotices, BankAccountNotices],
})
export class NotificationsCoreModule {}
