import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ClawbackService } from './clawback.service';
import { FundPoolsService } from './fund-pools.service';
import { FundsService } from './funds.service';
import { LedgerService } from './ledger.service';

/**
 * Fund pools, the ledger, reservations and clawbacks, shared by the API (finance endpoints, the
 * workflow's effects) and the worker.
 */
@Module({
  imports: [AuditModule],
  providers: [LedgerService, FundPoolsService, FundsService, ClawbackService],
  exports: [LedgerService, FundPoolsService, FundsService, ClawbackService],
})
export class FinanceCoreModule {}
