import { InstallmentPlanEntity, InstallmentPlanItemEntity } from '@huiqi/database';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Authenticated, CurrentPrincipal } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { inScopeOr404 } from '../auth/scope';
import { IdParam } from '../http/id-param';
import { UnmetConditionView } from '../calculator/calculator.views';
import { InstallmentPlanView } from './installment-plans.views';

@ApiTags('auto-grants')
@Controller('installment-plans')
export class InstallmentPlansController {
  constructor(private readonly dataSource: DataSource) {}

  @ApiOperation({
    operationId: 'installmentPlans_get',
    summary: 'Get an installment plan (分年兑付计划)',
    description:
      "The schedule of a multi-year grant, by its first case's id (the first case is installment 1): each installment's year, status, case and amount, and why a pending one waits. The enterprise sees its own plans, staff their zone's.",
  })
  @Get(':id')
  @Authenticated()
  @ApiOkResponse({ type: InstallmentPlanView })
  async get(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'installment plan') id: string,
  ): Promise<InstallmentPlanView> {
    const plan = inScopeOr404(
      p,
      await this.dataSource.getRepository(InstallmentPlanEntity).findOne({ where: { id } }),
      'installment plan',
    );
    const items = await this.dataSource
      .getRepository(InstallmentPlanItemEntity)
      .find({ where: { planId: id }, order: { installmentIndex: 'ASC' } });
    return {
      id: plan.id,
      enterpriseId: plan.enterpriseId,
      programCode: plan.programCode,
      programVersion: plan.programVersion,
      startFiscalYear: plan.startFiscalYear,
      years: plan.years,
      status: plan.status,
      stoppedReason: plan.stoppedReason,
      installments: items.map((i) => ({
        index: i.installmentIndex,
        fiscalYear: i.fiscalYear,
        baseFiscalYear: i.baseFiscalYear,
        status: i.status,
        applicationId: i.applicationId,
        amountFen: i.amountFen,
        unmet: i.unmet as UnmetConditionView[],
        checkedAt: i.checkedAt,
      })),
      createdAt: plan.createdAt,
      updatedAt: plan.updatedAt,
    };
  }
}
