import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * One event of an append-only, hash-chained audit stream, as the history endpoints of enterprises,
 * fund pools, batches and clawbacks return it (the stored row).
 */
export class AuditEventView {
  @ApiProperty({ description: 'Sequence of the event in the whole log (a bigint, as a string)' }) id: string;
  @ApiProperty({ example: 'fund-pool:6c0f…' }) stream: string;
  @ApiProperty({ type: 'integer' }) seq: number;
  @ApiPropertyOptional({ nullable: true, type: String }) zoneId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) enterpriseId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) actorId: string | null;
  @ApiProperty() actorRole: string;
  @ApiProperty() action: string;
  @ApiPropertyOptional({ nullable: true, type: String }) fromState: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) toState: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) comment: string | null;
  @ApiPropertyOptional({ nullable: true, type: 'integer', description: 'Integer fen' }) amountFen:
    number | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What the action recorded; its members depend on the action',
  })
  data: Record<string, unknown>;
  @ApiPropertyOptional({ nullable: true, type: String }) correlationId: string | null;
  @ApiProperty() createdAt: Date;
  @ApiPropertyOptional({ nullable: true, type: String }) prevHash: string | null;
  @ApiProperty() hash: string;
}
