import { Global, Module } from '@nestjs/common';
import { InstallmentPlanService } from '../installments/installment-plans.service';
import { AutoGrantEngine } from './auto-grant-engine.service';
import { AutoGrantSweepService } from './auto-grant-sweeps.service';
import { EnterpriseCheckService } from './enterprise-check.service';
import { SweepRunner } from './sweep-runner.service';
import { SweepStore } from './sweep-store';

/**
 * 免申即享 shared by both apps: the API starts sweeps, the worker runs them, checks enterprises and
 * advances installment plans. Needs the catalog, outbox, audit and application services (global).
 */
@Global()
@Module({
  providers: [
    AutoGrantEngine,
    AutoGrantSweepService,
    EnterpriseCheckService,
    InstallmentPlanService,
    SweepRunner,
    SweepStore,
  ],
  exports: [AutoGrantSweepService, EnterpriseCheckService, InstallmentPlanService, SweepRunner, SweepStore],
})
export class AutoGrantsCoreModule {}
