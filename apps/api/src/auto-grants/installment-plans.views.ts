import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UnmetConditionView } from '../calculator/calculator.views';

export class InstallmentView {
  @ApiProperty({ type: 'integer' }) index: number;
  @ApiProperty({ type: 'integer', description: 'The fiscal year it pays for' }) fiscalYear: number;
  @ApiProperty({ type: 'integer', description: 'The fiscal year whose data it is computed from' })
  baseFiscalYear: number;
  @ApiProperty({
    enum: ['scheduled', 'awaiting-data', 'invalid-data', 'offered', 'nothing-due', 'cancelled'],
    enumName: 'InstallmentStatus',
    description:
      'scheduled: its year has not come; awaiting-data: the base year’s fact has not arrived; offered: see applicationId',
  })
  status: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The case of this installment' })
  applicationId: string | null;
  @ApiPropertyOptional({ nullable: true, type: 'integer' }) amountFen: number | null;
  @ApiProperty({ type: [UnmetConditionView], description: 'Why it is not offered yet' })
  unmet: UnmetConditionView[];
  @ApiPropertyOptional({ nullable: true, type: Date }) checkedAt: Date | null;
}

export class InstallmentPlanView {
  @ApiProperty({ description: 'The plan’s first case, which is installment 1' }) id: string;
  @ApiProperty() enterpriseId: string;
  @ApiProperty() programCode: string;
  @ApiProperty({ type: 'integer' }) programVersion: number;
  @ApiProperty({ type: 'integer' }) startFiscalYear: number;
  @ApiProperty({ type: 'integer' }) years: number;
  @ApiProperty({ enum: ['active', 'completed', 'stopped'], enumName: 'InstallmentPlanStatus' })
  status: string;
  @ApiPropertyOptional({ nullable: true, type: String }) stoppedReason: string | null;
  @ApiProperty({ type: [InstallmentView] }) installments: InstallmentView[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}
