import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { BATCH_STATES, CreateBatchDto } from './disbursement-batches.dto';

/** The filters a batch was built with. */
export class BatchFiltersView extends OmitType(CreateBatchDto, ['note'] as const) {}

export class AmountCountView {
  @ApiProperty({ type: 'integer' }) count: number;
  @ApiProperty({ type: 'integer' }) amountFen: number;
}

export class BatchTotalsView {
  @ApiProperty({ description: 'Grants in the batch (not removed or cancelled)' }) items: number;
  @ApiProperty({ type: 'integer', description: 'What the pools pay' }) amountFen: number;
  @ApiProperty({ type: 'integer', description: 'Kept back to recover clawbacks' }) offsetFen: number;
  @ApiProperty({ type: 'integer', description: 'What the bank transfers' }) transferFen: number;
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
  @ApiProperty({ enum: BATCH_STATES, enumName: 'BatchState' })
  state: string;
  @ApiProperty({ type: BatchFiltersView }) filters: Record<string, unknown>;
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
  @ApiProperty({ type: 'integer' }) fiscalYear: number;
  @ApiProperty() enterpriseId: string;
  @ApiProperty() enterpriseName: string;
  @ApiProperty() paymentReference: string;
  @ApiProperty({ type: 'integer' }) amountFen: number;
  @ApiProperty({ type: 'integer' }) offsetFen: number;
  @ApiProperty({ type: 'integer' }) transferFen: number;
  @ApiProperty({
    enum: ['draft', 'awaiting_bank', 'paid', 'returned', 'removed', 'cancelled'],
    enumName: 'BatchItemState',
  })
  state: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: "Copied at lock; for a draft, the enterprise's account name on record now",
  })
  payeeName: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: "Copied at lock; for a draft, the enterprise's bank on record now",
  })
  bankName: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Masked: only the last four digits' })
  accountNo: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) outcomeReason: string | null;
  @ApiPropertyOptional({ format: 'date', nullable: true, type: String }) valueDate: string | null;
}

export class SkippedGrantView {
  @ApiProperty() applicationId: string;
  @ApiProperty() reference: string;
  @ApiProperty() reason: string;
}

export class BatchDetailView extends BatchView {
  @ApiProperty({ type: [BatchItemView] }) items: BatchItemView[];
}

export class BatchPreviewView {
  @ApiProperty({ type: 'integer', description: 'Grants a batch built now with these filters would hold' })
  count: number;
  @ApiProperty({ type: 'integer', description: 'Their total (what the pools would pay), in fen' })
  amountFen: number;
  @ApiProperty({ type: [SkippedGrantView], description: 'Matching grants that cannot be paid, with why' })
  skipped: SkippedGrantView[];
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
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}

export class MatchedLineView {
  @ApiProperty() statementLineId: string;
  @ApiProperty() importId: string;
  @ApiPropertyOptional({ nullable: true, type: String }) transactionId: string | null;
  @ApiProperty({ format: 'date' }) valueDate: string;
  @ApiProperty() direction: string;
  @ApiProperty({ type: 'integer' }) amountFen: number;
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
