import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class RecoveryView {
  @ApiProperty() journalId: string;
  @ApiProperty({ type: 'integer' }) amountFen: number;
  @ApiProperty({ enum: ['statement-credit', 'offset'], enumName: 'RecoveryMethod' }) method: string;
  @ApiPropertyOptional({ nullable: true, type: String }) statementLineId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) paymentReference: string | null;
  @ApiProperty() recordedAt: Date;
}

export class ClawbackView {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'Demand notice number; the enterprise quotes it when paying back' })
  reference: string;
  @ApiProperty() applicationId: string;
  @ApiProperty() applicationReference: string;
  @ApiProperty() programCode: string;
  @ApiProperty() enterpriseId: string;
  @ApiProperty() enterpriseName: string;
  @ApiProperty() poolId: string;
  @ApiProperty({ type: 'integer' }) amountFen: number;
  @ApiProperty({ type: 'integer' }) recoveredFen: number;
  @ApiProperty({ type: 'integer' }) outstandingFen: number;
  @ApiProperty({ enum: ['open', 'settled'], enumName: 'ClawbackState' }) state: string;
  @ApiProperty({ enum: ['workflow', 'finance'], enumName: 'ClawbackSource' }) source: string;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty() createdAt: Date;
  @ApiPropertyOptional({ nullable: true, type: Date }) settledAt: Date | null;
}

export class ClawbackDetailView extends ClawbackView {
  @ApiProperty({ type: [RecoveryView] }) recoveries: RecoveryView[];
  @ApiProperty({ description: 'The demand notice (追回通知书), as text' }) notice: string;
}

export class ClawbackPageView {
  @ApiProperty({ type: [ClawbackView] }) items: ClawbackView[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}
