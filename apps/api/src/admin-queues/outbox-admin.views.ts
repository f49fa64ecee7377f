import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class OutboxRowView {
  @ApiProperty({ example: '1042' }) id: string;
  @ApiProperty({ example: 'webhooks' }) queue: string;
  @ApiProperty({ example: 'send-webhook' }) jobName: string;
  @ApiProperty({ example: 'outbox-1042', description: 'The BullMQ job id (see /admin/queues)' })
  jobId: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload: Record<string, unknown>;
  @ApiPropertyOptional({ nullable: true, type: String }) correlationId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) sentAt: string | null;
  @ApiProperty() sendCount: number;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) failedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The error of the last attempt' })
  lastError: string | null;
}

export class FailedOutboxPageView {
  @ApiProperty({ type: [OutboxRowView] }) items: OutboxRowView[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}
