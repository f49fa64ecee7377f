import type { Evaluation } from '@huiqi/policies';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FACT_KEY_NAMES, FACT_SOURCES } from '@huiqi/policies';
import { FACT_VALUE_SCHEMA, SCALAR_VALUE_SCHEMA } from '../http/api-docs';
import { LocalizedTextView } from '../facts/facts.views';

/** A fact (`kind: fact`) or form field (`kind: form`) that was needed but absent. */
export class MissingInputView {
  @ApiProperty({ enum: ['fact', 'form'] }) kind: 'fact' | 'form';
  @ApiPropertyOptional({ enum: FACT_KEY_NAMES, enumName: 'FactKey', description: 'kind fact' }) key?: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'kind fact: the hashed ID number' })
  subject?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '2025', description: 'kind fact' })
  period?: string | null;
  @ApiPropertyOptional({ description: 'The form field, or the field of an object-valued fact' })
  field?: string;
}

export class UnmetConditionView {
  @ApiProperty({ example: 'rnd-scale-reached' }) clauseId: string;
  @ApiProperty({ type: LocalizedTextView }) reason: LocalizedTextView;
  @ApiPropertyOptional({ type: [MissingInputView], description: 'Facts or form fields that were missing' })
  missing?: MissingInputView[];
  @ApiPropertyOptional({ description: 'Set when the rule itself failed to run (a defect in the program)' })
  error?: string;
}

/** A fact exactly as it was when it was used. */
export class FactSnapshotView {
  @ApiProperty() factId: string;
  @ApiProperty({ enum: FACT_KEY_NAMES, enumName: 'FactKey' }) key: string;
  @ApiPropertyOptional({ nullable: true, type: String }) subject: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '2025' }) period: string | null;
  @ApiProperty({ ...FACT_VALUE_SCHEMA, description: "In the key's shape (integer fen for money)" })
  value: unknown;
  @ApiProperty({ enum: FACT_SOURCES, enumName: 'FactSource' }) source: string;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
}

/** Why a clause passed or failed. */
export class ClauseEvidenceView {
  @ApiProperty({ description: 'A clause id, or `amount` for the inputs of the amount' }) clauseId: string;
  @ApiProperty({
    nullable: true,
    type: Boolean,
    description: 'null: not evaluated, it reads the application form and none was given',
  })
  passed: boolean | null;
  @ApiProperty({ type: [FactSnapshotView] }) facts: FactSnapshotView[];
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { ...SCALAR_VALUE_SCHEMA, nullable: true },
    description: 'The form values the clause read (null for an absent optional field)',
  })
  form?: Record<string, unknown>;
  @ApiPropertyOptional({ type: [MissingInputView] }) missing?: MissingInputView[];
}

export class InstallmentPositionView {
  @ApiProperty({ type: 'integer', description: '1-based' }) index: number;
  @ApiProperty({ type: 'integer' }) years: number;
  @ApiProperty({ type: 'integer', description: 'The fiscal year this installment pays for' })
  fiscalYear: number;
  @ApiProperty({ type: 'integer', description: 'The fiscal year whose value it is computed from' })
  baseFiscalYear: number;
}

/** How the amount was reached, for humans. */
export class AmountExplanationView {
  @ApiProperty({ example: 'percentage-of-increase' }) kind: string;
  @ApiProperty({ type: [LocalizedTextView] }) steps: LocalizedTextView[];
  @ApiProperty({ type: [String], description: 'Caps that lowered the amount, e.g. amount.capFen' })
  capsApplied: string[];
  @ApiPropertyOptional({ type: InstallmentPositionView }) installment?: InstallmentPositionView;
}

export class CalculatorResultView {
  @ApiProperty() programCode: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ type: LocalizedTextView }) title: LocalizedTextView;
  @ApiProperty() category: string;
  @ApiProperty({ enum: ['apply', 'auto', 'commitment'], enumName: 'ProgramMode' }) mode: string;
  @ApiProperty({ enum: ['enterprise', 'person', 'investor'], enumName: 'Beneficiary' }) beneficiary: string;
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
    type: 'integer',
    description: 'Integer fen; null when it depends on a form or on review',
  })
  amountFen: number | null;
  @ApiPropertyOptional({
    nullable: true,
    type: 'integer',
    description: '"Up to": the most it can be when amountFen is null',
  })
  maxAmountFen: number | null;
  @ApiProperty({ type: [UnmetConditionView] }) unmet: UnmetConditionView[];
  @ApiProperty({
    type: [ClauseEvidenceView],
    description: 'Per clause: passed, and each fact used (source, period, receivedAt) or missing',
  })
  evidence: Evaluation['evidence'];
  @ApiProperty({
    type: AmountExplanationView,
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
  @ApiProperty({ type: 'integer', description: 'Sum of the known amounts, integer fen' }) totalFen: number;
  @ApiProperty({
    type: 'integer',
    description: 'Sum of the "up to" amounts of eligible programs without a known amount',
  })
  upToFen: number;
}

export class CalculatorView {
  @ApiProperty() enterpriseId: string;
  @ApiProperty() zoneCode: string;
  @ApiProperty({ type: 'integer' }) fiscalYear: number;
  @ApiProperty({ format: 'date' }) asOf: string;
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
