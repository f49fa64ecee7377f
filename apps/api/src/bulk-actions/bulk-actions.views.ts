import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class BulkActionCaseErrorView {
  @ApiProperty({ example: 'insufficient-funds', description: 'The problem type slug' }) type: string;
  @ApiProperty() detail: string;
}

export class BulkActionCaseView {
  @ApiProperty() applicationId: string;
  @ApiProperty() reference: string;
  @ApiProperty() enterpriseName: string;
  @ApiPropertyOptional({ enum: ['succeeded', 'failed'], nullable: true, type: String }) outcome:
    'succeeded' | 'failed' | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The state the case moved to' })
  stateAfter: string | null;
  @ApiPropertyOptional({
    type: BulkActionCaseErrorView,
    nullable: true,
    description: 'Why it failed: the problem type slug (insufficient-funds, transition-not-allowed, ...)',
  })
  error: { type: string; detail: string } | null;
}

export class BulkActionView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['approve', 'return'] }) action: string;
  @ApiProperty() comment: string;
  @ApiProperty({ enum: ['queued', 'running', 'completed', 'failed'] }) status: string;
  @ApiProperty() total: number;
  @ApiProperty() done: number;
  @ApiProperty() succeeded: number;
  @ApiProperty() failed: number;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: Date;
  @ApiPropertyOptional({ nullable: true, type: Date }) startedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) finishedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: String }) error: string | null;
  @ApiPropertyOptional({ type: [BulkActionCaseView], description: 'Per case, in selection order' })
  items?: BulkActionCaseView[];
}
