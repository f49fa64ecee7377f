/** Every entity, registered with the one data source both apps share (one file per table). */
import { ApplicationDocumentEntity } from './application-document.entity';
import { ApplicationEntity } from './application.entity';
import { AuditEventEntity } from './audit-event.entity';
import { AutoGrantSweepErrorEntity } from './auto-grant-sweep-error.entity';
import { AutoGrantSweepEntity } from './auto-grant-sweep.entity';
import { BankStatementImportEntity } from './bank-statement-import.entity';
import { BankStatementLineEntity } from './bank-statement-line.entity';
import { BlacklistEntryEntity } from './blacklist-entry.entity';
import { ClawbackReceivableEntity } from './clawback-receivable.entity';
import { DisbursementBatchEntity } from './disbursement-batch.entity';
import { DisbursementItemEntity } from './disbursement-item.entity';
import { DisbursementOffsetEntity } from './disbursement-offset.entity';
import { EnterpriseFactEntity } from './enterprise-fact.entity';
import { EnterpriseEntity } from './enterprise.entity';
import { FactImportEntity } from './fact-import.entity';
import { FundPoolEntity } from './fund-pool.entity';
import { FundReservationEntity } from './fund-reservation.entity';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { InstallmentPlanItemEntity } from './installment-plan-item.entity';
import { InstallmentPlanEntity } from './installment-plan.entity';
import { LedgerEntryEntity } from './ledger-entry.entity';
import { LedgerJournalEntity } from './ledger-journal.entity';
import { NotificationDeliveryEntity } from './notification-delivery.entity';
import { NotificationPreferenceEntity } from './notification-preference.entity';
import { NotificationEntity } from './notification.entity';
import { OutboxMessageEntity } from './outbox-message.entity';
import { ProgramVersionEntity } from './program-version.entity';
import { SandboxRunChangeEntity } from './sandbox-run-change.entity';
import { SandboxRunEntity } from './sandbox-run.entity';
import { UserEntity } from './user.entity';
import { ZoneWebhookEntity } from './zone-webhook.entity';
import { ZoneEntity } from './zone.entity';

export * from './application-document.entity';
export * from './application.entity';
export * from './audit-event.entity';
export * from './auto-grant-sweep-error.entity';
export * from './auto-grant-sweep.entity';
export * from './bank-statement-import.entity';
export * from './bank-statement-line.entity';
export * from './blacklist-entry.entity';
export * from './clawback-receivable.entity';
export * from './disbursement-batch.entity';
export * from './disbursement-item.entity';
export * from './disbursement-offset.entity';
export * from './enterprise-fact.entity';
export * from './enterprise.entity';
export * from './fact-import.entity';
export * from './fund-pool.entity';
export * from './fund-reservation.entity';
export * from './idempotency-key.entity';
export * from './installment-plan-item.entity';
export * from './installment-plan.entity';
export * from './ledger-entry.entity';
export * from './ledger-journal.entity';
export * from './notification-delivery.entity';
export * from './notification-preference.entity';
export * from './notification.entity';
export * from './outbox-message.entity';
export * from './program-version.entity';
export * from './sandbox-run-change.entity';
export * from './sandbox-run.entity';
export * from './user.entity';
export * from './zone-webhook.entity';
export * from './zone.entity';

export const ENTITIES = [
  ZoneEntity,
  UserEntity,
  EnterpriseEntity,
  IdempotencyKeyEntity,
  AuditEventEntity,
  OutboxMessageEntity,
  ApplicationEntity,
  ApplicationDocumentEntity,
  BlacklistEntryEntity,
  ProgramVersionEntity,
  EnterpriseFactEntity,
  BankStatementImportEntity,
  BankStatementLineEntity,
  ClawbackReceivableEntity,
  DisbursementBatchEntity,
  DisbursementItemEntity,
  DisbursementOffsetEntity,
  FundPoolEntity,
  FundReservationEntity,
  LedgerEntryEntity,
  LedgerJournalEntity,
  FactImportEntity,
  SandboxRunEntity,
  SandboxRunChangeEntity,
  AutoGrantSweepEntity,
  AutoGrantSweepErrorEntity,
  InstallmentPlanEntity,
  InstallmentPlanItemEntity,
  NotificationEntity,
  NotificationPreferenceEntity,
  NotificationDeliveryEntity,
  ZoneWebhookEntity,
];
