import { PaymentsCoreModule } from '@huiqi/core/finance/payments-core.module';
import { Module } from '@nestjs/common';
import { StatementImportsProcessor } from './statement-imports.processor';

/** Finance work of the worker: bank statements imported in the background. */
@Module({
  imports: [PaymentsCoreModule],
  providers: [StatementImportsProcessor],
})
export class FinanceWorkerModule {}
