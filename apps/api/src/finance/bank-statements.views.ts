import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FieldIssueView } from '../http/api-docs';
import { BatchTotalsView } from './disbursement-batches.views';

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
  @ApiPropertyOptional({ format: 'date', nullable: true, type: String }) valueDate: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) direction: string | null;
  @ApiPropertyOptional({ nullable: true, type: 'integer' }) amountFen: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reference: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) bankStatus: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) statementLineId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) itemId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) batchId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) applicationId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) receivableId: string | null;
  @ApiPropertyOptional({ nullable: true, type: 'integer' }) expectedAmountFen: number | null;
  @ApiProperty({ type: [FieldIssueView] }) errors: FieldIssueView[];
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'The import of a corrected statement that took this unresolved line over',
  })
  supersededBy: string | null;
  @ApiPropertyOptional({ nullable: true, type: () => PendingMatchView })
  pendingProposal: PendingMatchView | null;
  @ApiPropertyOptional({
    nullable: true,
    enum: ['confirm_match', 'match_by_hand', 'fix_and_reimport', 'enterprise_fixes_account'],
    description:
      'What resolves the line: confirm_match (a second finance user confirms or rejects the pending hand match), ' +
      'match_by_hand (propose its payment or clawback, or import the corrected statement), fix_and_reimport ' +
      '(unreadable line), enterprise_fixes_account (returned payment); null when nothing is left to do',
  })
  action: string | null;
}

export class PendingMatchView {
  @ApiProperty() id: string;
  @ApiProperty() reference: string;
  @ApiProperty() proposedBy: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: "The proposer's display name" })
  proposedByName: string | null;
  @ApiProperty() comment: string;
}

export class MatchProposalView {
  @ApiProperty() id: string;
  @ApiProperty() statementLineId: string;
  @ApiProperty() importId: string;
  @ApiProperty() lineNo: number;
  @ApiProperty({ description: 'The payment or clawback reference the line is matched to' }) reference: string;
  @ApiProperty({ enum: ['payment', 'clawback'] }) target: string;
  @ApiProperty() comment: string;
  @ApiProperty({ enum: ['pending', 'confirmed', 'rejected', 'void'] }) state: string;
  @ApiProperty() proposedBy: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: "The proposer's display name" })
  proposedByName: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) proposedAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) decidedBy: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) decidedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) decisionComment: string | null;
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
  @ApiProperty({ type: 'integer' }) lineCount: number;
  @ApiProperty({
    enum: ['queued', 'running', 'completed', 'failed'],
    enumName: 'RunStatus',
    description:
      'Statements of up to 1,000 lines are completed in the request; larger ones are queued and imported in the background',
  })
  status: string;
  @ApiProperty({ type: StatementProgressView }) progress: StatementProgressView;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Number of lines per outcome (once completed)',
  })
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
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}
