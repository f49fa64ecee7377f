import { AutoGrantsCoreModule } from '@huiqi/core/auto-grants/auto-grants-core.module';
import { Module } from '@nestjs/common';
import { AutoGrantSweepQueries } from './auto-grant-sweeps.queries';
import { AutoGrantSweepsController } from './auto-grant-sweeps.controller';
import { InstallmentPlansController } from './installment-plans.controller';

/** 免申即享: policy admins start and follow sweeps; enterprises and staff read installment plans. */
@Module({
  imports: [AutoGrantsCoreModule],
  controllers: [AutoGrantSweepsController, InstallmentPlansController],
  providers: [AutoGrantSweepQueries],
})
export class AutoGrantsModule {}
