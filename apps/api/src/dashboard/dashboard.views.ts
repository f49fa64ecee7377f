import { WORKFLOW_STATES } from '@huiqi/workflow';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One fund pool at the end of one month (or now, for the current month): where its allocation is. */
export class DashboardFundMonthView {
  @ApiProperty() poolId: string;
  @ApiProperty({ description: 'The pool’s name (its program, or the shared policy document)' })
  poolName: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Set for a program’s own pool' })
  programCode: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Set for a pool shared by a policy document',
  })
  policyDocumentCode: string | null;
  @ApiProperty({ type: 'integer' }) fiscalYear: number;
  @ApiProperty({ example: '2026-03', description: 'Month (Asia/Shanghai), YYYY-MM' }) month: string;
  @ApiProperty({ type: 'integer', description: 'Integer fen: the allocation at the month’s end' })
  allocatedFen: number;
  @ApiProperty({ type: 'integer', description: 'Integer fen: held for approved, unpaid grants' })
  reservedFen: number;
  @ApiProperty({ type: 'integer', description: 'Integer fen: paid to enterprises so far' }) paidFen: number;
  @ApiProperty({ type: 'integer', description: 'Integer fen: allocated − reserved − paid' })
  availableFen: number;
}

export class DashboardStateCountView {
  @ApiProperty({ enum: WORKFLOW_STATES, enumName: 'ApplicationState' }) state: string;
  @ApiProperty({ type: 'integer' }) count: number;
}

export class DashboardRefusalView {
  @ApiProperty({ description: 'The eligibility clause that was not met' }) clauseId: string;
  @ApiProperty({ description: 'Why, in Chinese (from the screening evidence)' }) reasonZh: string;
  @ApiProperty({ description: 'Why, in English' }) reasonEn: string;
  @ApiProperty({ type: 'integer', description: 'Cases refused at screening for this reason' }) count: number;
}

/** The zone leader's dashboard (数据看板): money, workload, speed and refusals of the caller's zone. */
export class DashboardView {
  @ApiProperty() zoneCode: string;
  @ApiProperty({ type: 'integer', description: 'Calendar year of the monthly money figures' }) year: number;
  @ApiPropertyOptional({
    nullable: true,
    type: 'integer',
    description: 'The fiscal year asked for; null: all',
  })
  fiscalYear: number | null;
  @ApiProperty() generatedAt: Date;
  @ApiProperty({
    type: [DashboardFundMonthView],
    description:
      'Per fund pool (of `fiscalYear`) and month of `year` up to now: balances at the month’s end (from the ledger)',
  })
  funds: DashboardFundMonthView[];
  @ApiProperty({
    type: [DashboardStateCountView],
    description: 'Cases of the zone per state, now (drafts are the enterprises’ own and not counted)',
  })
  states: DashboardStateCountView[];
  @ApiProperty({ type: 'integer', description: 'Open cases past their stage deadline, now' })
  overdueCount: number;
  @ApiProperty({ type: 'integer', description: 'Cases (of `fiscalYear`) approved, whatever happened since' })
  approvedCount: number;
  @ApiProperty({ type: 'integer', description: 'Cases (of `fiscalYear`) paid' }) paidCount: number;
  @ApiPropertyOptional({
    nullable: true,
    type: 'number',
    description:
      'Median working days (the zone’s calendar) from submission to payment of the paid cases (of ' +
      '`fiscalYear`); null when none is paid',
  })
  medianWorkingDaysToPayment: number | null;
  @ApiProperty({ type: 'integer', description: 'Cases (of `fiscalYear`) refused at screening' })
  screeningRefusedCount: number;
  @ApiProperty({
    type: [DashboardRefusalView],
    description: 'Screening refusals (of `fiscalYear`) by unmet condition (a case may count under several)',
  })
  screeningRefusals: DashboardRefusalView[];
}
