import type { SandboxReport } from '@huiqi/core/catalog/sandbox-tally';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class SandboxProgressView {
  @ApiProperty({ type: 'integer' }) processed: number;
  @ApiPropertyOptional({ nullable: true, type: 'integer', description: 'Known once the run has started' })
  total: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: '0-100' }) percent: number | null;
}

export class SandboxChangeView {
  @ApiProperty() enterpriseId: string;
  @ApiProperty() uscc: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer' }) fiscalYear: number;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: "The person's hashed ID number (person programs)",
  })
  subject: string | null;
  @ApiProperty({ type: 'integer', description: 'Under the current version (0 when not eligible)' })
  oldAmountFen: number;
  @ApiProperty({ type: 'integer', description: 'Under the sandboxed version' }) newAmountFen: number;
  @ApiProperty({ type: 'integer' }) deltaFen: number;
  @ApiProperty({ enum: ['gain', 'loss'], enumName: 'SandboxChangeKind' }) kind: 'gain' | 'loss';
  @ApiProperty() oldEligible: boolean;
  @ApiProperty() newEligible: boolean;
  @ApiProperty({ description: 'The old amount is an "up to" (it waits for a form or review)' })
  oldUpTo: boolean;
  @ApiProperty() newUpTo: boolean;
}

export class SandboxRunView {
  @ApiProperty() id: string;
  @ApiProperty() programCode: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ enum: ['draft', 'published'], enumName: 'ProgramVersionStatus' }) programStatus: string;
  @ApiPropertyOptional({
    nullable: true,
    type: 'integer',
    description: 'The version in force it is compared with',
  })
  baselineVersion: number | null;
  @ApiProperty({ type: [Number] }) fiscalYears: number[];
  @ApiProperty({ format: 'date' }) asOf: string;
  @ApiProperty({ enum: ['queued', 'running', 'completed', 'failed'], enumName: 'RunStatus' }) status: string;
  @ApiProperty({ type: SandboxProgressView }) progress: SandboxProgressView;
  @ApiPropertyOptional({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description:
      'Per fiscal year: who qualifies and the projected cost under both versions, gains and losses, and the fund pool. While running: the totals so far (without pools).',
  })
  report: SandboxReport | null;
  @ApiProperty({ description: 'false while running: report holds the totals so far' }) final: boolean;
  @ApiProperty({ type: [SandboxChangeView], description: 'The largest changes (all of them: GET …/changes)' })
  topChanges: SandboxChangeView[];
  @ApiPropertyOptional({ nullable: true, type: String }) error: string | null;
  @ApiProperty() requestedBy: string;
  @ApiProperty() createdAt: Date;
  @ApiPropertyOptional({ nullable: true, type: Date }) startedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) finishedAt: Date | null;
}

export class SandboxChangePageView {
  @ApiProperty({ type: [SandboxChangeView] }) items: SandboxChangeView[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}
