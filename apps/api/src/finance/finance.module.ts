import { AuditModule } from '@huiqi/core/audit/audit.module';
import { FinanceCoreModule } from '@huiqi/core/finance/finance-core.module';
import { PaymentsCoreModule } from '@huiqi/core/finance/payments-core.module';
import { Module } from '@nestjs/common';
import { BankStatementsController } from './bank-statements.controller';
import { BankStatementQueries } from './bank-statements.queries';
import { ClawbacksController } from './clawbacks.controller';
import { ClawbackQueries } from './clawbacks.queries';
import { DisbursementBatchesController } from './disbursement-batches.controller';
import { DisbursementBatchQueries } from './disbursement-batches.queries';
import { FinanceReportsController } from './finance-reports.controller';
import { FinanceReportQueries } from './finance-reports.queries';
import { FundPoolsController } from './fund-pools.controller';
import { FundPoolQueries } from './fund-pools.queries';

/** Finance staff's endpoints: fund pools, disbursement batches, bank statements, clawbacks, reports. */
@Module({
  imports: [AuditModule, FinanceCoreModule, PaymentsCoreModule],
  controllers: [
    FundPoolsController,
    DisbursementBatchesController,
    BankStatementsController,
    ClawbacksController,
    FinanceReportsController,
  ],
  providers: [
    FundPoolQueries,
    DisbursementBatchQueries,
    BankStatementQueries,
    ClawbackQueries,
    FinanceReportQueries,
  ],
})
export class FinanceModule {}
