import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DisbursementService } from './disbursement.service';
import { FinanceCoreModule } from './finance-core.module';
import { PaymentSettlementService } from './payment-settlement.service';
import { StatementImportService } from './statement-import.service';
import { StatementMatchingService } from './statement-matching.service';

/**
 * Disbursement batches, payment settlement and bank statement import. They move grants through the
 * workflow, so they need ApplicationTransitionService from the (global) ApplicationsCoreModule, which
 * itself uses FinanceCoreModule for the funds effects; keeping them apart avoids a module cycle.
 */
@Module({
  imports: [AuditModule, FinanceCoreModule],
  providers: [
    DisbursementService,
    PaymentSettlementService,
    StatementImportService,
    StatementMatchingService,
  ],
  exports: [DisbursementService, PaymentSettlementService, StatementImportService, StatementMatchingService],
})
export class PaymentsCoreModule {}
