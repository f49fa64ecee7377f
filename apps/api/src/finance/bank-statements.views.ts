import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BatchTotalsView } from './disbursement-batches.views';

export class FieldIssueView {
  @ApiProperty() field: string;
  @ApiProperty({ type: [String] }) messages: string[];
}

export class StatementLineResultView {
  @ApiProperty({ description: 'Line number in the file (the header is line 1)' }) lineNo: number;
  @ApiProperty({
    enum: [
      'matched',
      'returned',
      'recovered',
      'amount_mismatch',
      'unknown_reference',
      'already_settled',
      'needs_review',
      'duplicate',
      'invalid',
      'pending',
    ],
    description:
      '`pending`: a line of a statement still being imported whose payment or clawback is not settled yet',
  })
  outcome: string;
  @ApiPropertyOptional({ nullable: true, type: String }) detail: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) transactionId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) valueDate: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) direction: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) amountFen: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reference: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) bankStatus: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) statementLineId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) itemId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) batchId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) applicationId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) receivableId: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) expectedAmountFen: number | null;
  @ApiProperty({ type: [FieldIssueView] }) errors: FieldIssueView[];
}

export class StatementBatchTotalsView {
  @ApiProperty() batchId: string;
  @ApiProperty() reference: string;
  @ApiProperty() state: string;
  @ApiProperty({ type: BatchTotalsView, description: 'The batch as it stands now' }) totals: BatchTotalsView;
}

export class StatementProgressView {
  @ApiProperty({ description: 'Lines of the file recorded so far (of lineCount)' }) linesLoaded: number;
  @ApiProperty({ description: 'Lines quoting a payment or clawback of the zone, each settled on its own' })
  linesToSettle: number;
  @ApiProperty({ description: 'Of linesToSettle, those settled so far' }) linesSettled: number;
}

export class StatementImportView {
  @ApiProperty() id: string;
  @ApiProperty() fileName: string;
  @ApiProperty() contentSha256: string;
  @ApiProperty() lineCount: number;
  @ApiProperty({
    enum: ['queued', 'running', 'completed', 'failed'],
    description:
      'Statements of up to 1,000 lines are completed in the request; larger ones are queued and imported in the background',
  })
  status: string;
  @ApiProperty({ type: StatementProgressView }) progress: StatementProgressView;
  @ApiProperty({ type: Object, description: 'Number of lines per outcome (once completed)' })
  counts: Record<string, number>;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Why a background import failed; it resumes from where it stopped when its job is retried',
  })
  error: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) importedBy: string | null;
  @ApiProperty() createdAt: Date;
  @ApiPropertyOptional({ nullable: true, type: Date }) startedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) finishedAt: Date | null;
}

export class StatementReportView extends StatementImportView {
  @ApiProperty({
    type: [StatementLineResultView],
    description: 'The lines from fromLine on, at most lineLimit of them, in file order',
  })
  lines: StatementLineResultView[];
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'fromLine of the next page of lines; null on the last page',
  })
  nextFromLine: number | null;
  @ApiProperty({ type: [StatementBatchTotalsView], description: 'The batches this statement touched' })
  batches: StatementBatchTotalsView[];
}

export class StatementImportPageView {
  @ApiProperty({ type: [StatementImportView] }) items: StatementImportView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
