import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class SlaFigures {
  @ApiProperty({ description: 'Stage entries finished (left) within the period' }) handled: number;
  @ApiProperty({ description: 'Finished no later than their due time' }) onTime: number;
  @ApiProperty({ description: 'Finished after their due time' }) overdue: number;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    example: 87.5,
    description: 'onTime / handled, one decimal',
  })
  compliancePercent: number | null;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    example: 26.4,
    description: 'Median hours from entry to exit',
  })
  medianHours: number | null;
  @ApiProperty({ description: 'Entries still open now' }) open: number;
  @ApiProperty({ description: 'Entries still open now and past their due time' }) openOverdue: number;
}

export class SlaStageRow extends SlaFigures {
  @ApiProperty({ example: 'first_review' }) stage: string;
}

export class SlaOfficerRow extends SlaFigures {
  @ApiProperty() userId: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ example: 'officer' }) role: string;
  @ApiProperty({ type: [SlaStageRow] }) stages: SlaStageRow[];
}

export class SlaReportView {
  @ApiProperty({ example: 'ningxiang-htz' }) zone: string;
  @ApiProperty({ type: String, format: 'date', example: '2026-01-01' }) from: string;
  @ApiProperty({ type: String, format: 'date', example: '2026-01-31' }) to: string;
  @ApiProperty({ type: SlaFigures }) totals: SlaFigures;
  @ApiProperty({ type: [SlaStageRow] }) byStage: SlaStageRow[];
  @ApiProperty({
    type: [SlaOfficerRow],
    description: 'Per member of staff who finished the stage (or held it, when the system closed it)',
  })
  byOfficer: SlaOfficerRow[];
}
