import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ReportPoolRefView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['program', 'policy_document'], enumName: 'FundPoolScope' }) scope: string;
  @ApiProperty() code: string;
  @ApiProperty({
    type: 'integer',
    description: "The pool's allocation (shared by the document's programs for a document pool)",
  })
  allocatedFen: number;
}

export class ProgramReportRowView {
  @ApiProperty() zoneCode: string;
  @ApiProperty({ type: 'integer' }) fiscalYear: number;
  @ApiProperty() programCode: string;
  @ApiPropertyOptional({
    type: ReportPoolRefView,
    nullable: true,
    description: 'The pool that pays this program',
  })
  pool: ReportPoolRefView | null;
  @ApiPropertyOptional({ nullable: true, type: 'integer', description: "The program's own pool allocation" })
  allocatedFen: number | null;
  @ApiProperty({ type: 'integer' }) reservedFen: number;
  @ApiProperty({ type: 'integer' }) paidFen: number;
  @ApiProperty({ type: 'integer' }) recoveredFen: number;
  @ApiProperty({ description: 'Approved grants holding or having spent a reservation' }) grants: number;
  @ApiProperty() paidGrants: number;
  @ApiProperty({
    description: 'Approved grants later cancelled, withdrawn or revoked (reservation released)',
  })
  releasedGrants: number;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Calendar days, one decimal' })
  averageDaysToPayment: number | null;
  @ApiProperty({ description: 'Review stages with a deadline that were completed' }) slaStages: number;
  @ApiProperty() slaStagesOnTime: number;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Percent, one decimal' })
  slaCompliancePercent: number | null;
}

export class ReportTotalsView {
  @ApiProperty({ type: 'integer', description: 'Sum over the distinct pools in the report' })
  allocatedFen: number;
  @ApiProperty({ type: 'integer' }) reservedFen: number;
  @ApiProperty({ type: 'integer' }) paidFen: number;
  @ApiProperty({ type: 'integer' }) recoveredFen: number;
  @ApiProperty() grants: number;
  @ApiProperty() paidGrants: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) averageDaysToPayment: number | null;
  @ApiProperty() slaStages: number;
  @ApiProperty() slaStagesOnTime: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) slaCompliancePercent: number | null;
}

export class FinanceReportView {
  @ApiProperty() zoneCode: string;
  @ApiPropertyOptional({ nullable: true, type: 'integer' }) fiscalYear: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) programCode: string | null;
  @ApiProperty() generatedAt: Date;
  @ApiProperty({ type: [ProgramReportRowView] }) rows: ProgramReportRowView[];
  @ApiProperty({ type: ReportTotalsView }) totals: ReportTotalsView;
}
