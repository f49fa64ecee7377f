import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LocalizedTextView {
  @ApiProperty() zh: string;
  @ApiProperty() en: string;
}

export class UnmetConditionView {
  @ApiProperty({ example: 'amount.missing-value' }) clauseId: string;
  @ApiProperty({ type: LocalizedTextView }) reason: LocalizedTextView;
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object' },
    description: 'The facts that were needed and absent (key, subject, period)',
  })
  missing?: unknown[];
}

export class InstallmentView {
  @ApiProperty() index: number;
  @ApiProperty({ description: 'The fiscal year it pays for' }) fiscalYear: number;
  @ApiProperty({ description: 'The fiscal year whose data it is computed from' }) baseFiscalYear: number;
  @ApiProperty({
    enum: ['scheduled', 'awaiting-data', 'invalid-data', 'offered', 'nothing-due', 'cancelled'],
    description:
      'scheduled: its year has not come; awaiting-data: the base year’s fact has not arrived; offered: see applicationId',
  })
  status: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The case of this installment' })
  applicationId: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) amountFen: number | null;
  @ApiProperty({ type: [UnmetConditionView], description: 'Why it is not offered yet' })
  unmet: UnmetConditionView[];
  @ApiPropertyOptional({ nullable: true, type: Date }) checkedAt: Date | null;
}

export class InstallmentPlanView {
  @ApiProperty({ description: 'The plan’s first case, which is installment 1' }) id: string;
  @ApiProperty() enterpriseId: string;
  @ApiProperty() programCode: string;
  @ApiProperty() programVersion: number;
  @ApiProperty() startFiscalYear: number;
  @ApiProperty() years: number;
  @ApiProperty({ enum: ['active', 'completed', 'stopped'] }) status: string;
  @ApiPropertyOptional({ nullable: true, type: String }) stoppedReason: string | null;
  @ApiProperty({ type: [InstallmentView] }) installments: InstallmentView[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}
