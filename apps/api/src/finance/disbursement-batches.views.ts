import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class AmountCountView {
  @ApiProperty() count: number;
  @ApiProperty() amountFen: number;
}

export class BatchTotalsView {
  @ApiProperty({ description: 'Grants in the batch (not removed or cancelled)' }) items: number;
  @ApiProperty({ description: 'What the pools pay' }) amountFen: number;
  @ApiProperty({ description: 'Kept back to recover clawbacks' }) offsetFen: number;
  @ApiProperty({ description: 'What the bank transfers' }) transferFen: number;
  @ApiProperty({ type: AmountCountView }) draft: AmountCountView;
  @ApiProperty({ type: AmountCountView }) awaitingBank: AmountCountView;
  @ApiProperty({ type: AmountCountView }) paid: AmountCountView;
  @ApiProperty({ type: AmountCountView }) returned: AmountCountView;
  @ApiProperty({ type: AmountCountView }) removed: AmountCountView;
  @ApiProperty({ type: AmountCountView }) cancelled: AmountCountView;
}

export class BatchView {
  @ApiProperty() id: string;
  @ApiProperty() reference: string;
  @ApiProperty({ enum: ['draft', 'locked', 'exported', 'settled', 'partly_settled', 'cancelled'] })
  state: string;
  @ApiProperty({ type: Object }) filters: Record<string, unknown>;
  @ApiPropertyOptional({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ type: BatchTotalsView }) totals: BatchTotalsView;
  @ApiPropertyOptional({ nullable: true, type: String }) createdBy: string | null;
  @ApiProperty() createdAt: Date;
  @ApiPropertyOptional({ nullable: true, type: Date }) lockedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) exportedAt: Date | null;
  @ApiProperty() exportCount: number;
  @ApiPropertyOptional({ nullable: true, type: Date }) closedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) cancelledAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: String }) cancelReason: string | null;
}

export class BatchItemView {
  @ApiProperty() id: string;
  @ApiProperty() applicationId: string;
  @ApiProperty() applicationReference: string;
  @ApiProperty() programCode: string;
  @ApiProperty() fiscalYear: number;
  @ApiProperty() enterpriseId: string;
  @ApiProperty() enterpriseName: string;
  @ApiProperty() paymentReference: string;
  @ApiProperty() amountFen: number;
  @ApiProperty() offsetFen: number;
  @ApiProperty() transferFen: number;
  @ApiProperty({ enum: ['draft', 'awaiting_bank', 'paid', 'returned', 'removed', 'cancelled'] })
  state: string;
  @ApiPropertyOptional({ nullable: true, type: String }) payeeName: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) bankName: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Masked: only the last four digits' })
  accountNo: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) outcomeReason: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) valueDate: string | null;
}

export class SkippedGrantView {
  @ApiProperty() applicationId: string;
  @ApiProperty() reference: string;
  @ApiProperty() reason: string;
}

export class BatchDetailView extends BatchView {
  @ApiProperty({ type: [BatchItemView] }) items: BatchItemView[];
}

export class BuiltBatchView extends BatchDetailView {
  @ApiProperty({ type: [SkippedGrantView], description: 'Matching grants that cannot be paid, with why' })
  skipped: SkippedGrantView[];
}

export class LockedBatchView extends BatchDetailView {
  @ApiProperty({ type: [SkippedGrantView], description: 'Grants taken out at lock time, with why' })
  removed: SkippedGrantView[];
}

export class BatchPageView {
  @ApiProperty({ type: [BatchView] }) items: BatchView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class MatchedLineView {
  @ApiProperty() statementLineId: string;
  @ApiProperty() importId: string;
  @ApiPropertyOptional({ nullable: true, type: String }) transactionId: string | null;
  @ApiProperty() valueDate: string;
  @ApiProperty() direction: string;
  @ApiProperty() amountFen: number;
  @ApiProperty() bankStatus: string;
  @ApiProperty() outcome: string;
  @ApiPropertyOptional({ nullable: true, type: String }) detail: string | null;
}

export class ReconciledItemView extends BatchItemView {
  @ApiProperty({ type: [MatchedLineView], description: 'Every bank statement line quoting this payment' })
  statementLines: MatchedLineView[];
}

export class BatchReconciliationView {
  @ApiProperty({ type: BatchView }) batch: BatchView;
  @ApiProperty({ type: [ReconciledItemView] }) items: ReconciledItemView[];
}
