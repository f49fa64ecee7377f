import type { Evaluation } from '@huiqi/policies';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LocalizedTextView } from '../facts/facts.views';

export class UnmetConditionView {
  @ApiProperty({ example: 'rnd-scale-reached' }) clauseId: string;
  @ApiProperty({ type: LocalizedTextView }) reason: LocalizedTextView;
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object' },
    description: 'Facts or form fields that were missing',
  })
  missing?: unknown[];
}

export class CalculatorResultView {
  @ApiProperty() programCode: string;
  @ApiProperty() version: number;
  @ApiProperty({ type: LocalizedTextView }) title: LocalizedTextView;
  @ApiProperty() category: string;
  @ApiProperty({ enum: ['apply', 'auto', 'commitment'] }) mode: string;
  @ApiProperty({ enum: ['enterprise', 'person', 'investor'] }) beneficiary: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: "For person programs: the person's hashed ID number",
  })
  subject: string | null;
  @ApiProperty() eligible: boolean;
  @ApiProperty({ description: 'Some condition or the amount waits for an application form' })
  provisional: boolean;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'Integer fen; null when it depends on a form or on review',
  })
  amountFen: number | null;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: '"Up to": the most it can be when amountFen is null',
  })
  maxAmountFen: number | null;
  @ApiProperty({ type: [UnmetConditionView] }) unmet: UnmetConditionView[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'Per clause: passed, and each fact used (source, period, receivedAt) or missing',
  })
  evidence: Evaluation['evidence'];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'How the amount was computed (zh, en) and caps applied',
  })
  amount: Evaluation['amount'];
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'The program of the same exclusivity group kept instead',
  })
  excludedBy: string | null;
}

export class CalculatorSummaryView {
  @ApiProperty() programs: number;
  @ApiProperty() eligible: number;
  @ApiProperty({ description: 'Sum of the known amounts, integer fen' }) totalFen: number;
  @ApiProperty({ description: 'Sum of the "up to" amounts of eligible programs without a known amount' })
  upToFen: number;
}

export class CalculatorView {
  @ApiProperty() enterpriseId: string;
  @ApiProperty() zoneCode: string;
  @ApiProperty() fiscalYear: number;
  @ApiProperty() asOf: string;
  @ApiProperty({ type: CalculatorSummaryView }) summary: CalculatorSummaryView;
  @ApiProperty({ type: [CalculatorResultView], description: 'Eligible programs first' })
  results: CalculatorResultView[];
}

export function toResultView(e: Evaluation, category: string): CalculatorResultView {
  return {
    programCode: e.programCode,
    version: e.version,
    title: e.title,
    category,
    mode: e.mode,
    beneficiary: e.beneficiary,
    subject: e.subject,
    eligible: e.eligible,
    provisional: e.provisional,
    amountFen: e.amountFen,
    maxAmountFen: e.maxAmountFen ?? null,
    unmet: e.unmet,
    evidence: e.evidence,
    amount: e.amount,
    excludedBy: e.excludedBy ?? null,
  };
}
