import { AutoGrantSweepEntity } from '@huiqi/database';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class SweepProgramVersionView {
  @ApiProperty() code: string;
  @ApiProperty({ type: 'integer' }) version: number;
}

export class SweepErrorView {
  @ApiProperty() enterpriseId: string;
  @ApiProperty() message: string;
  @ApiProperty() at: Date;
}

export class SweepView {
  @ApiProperty() id: string;
  @ApiProperty() zoneCode: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'null: every auto program in force' })
  programCode: string | null;
  @ApiProperty({ type: 'integer' }) fiscalYear: number;
  @ApiProperty({ description: 'The evaluation date, fixed when the sweep started' }) asOf: string;
  @ApiProperty({
    type: [SweepProgramVersionView],
    description: 'The program versions evaluated, pinned at start',
  })
  programVersions: SweepProgramVersionView[];
  @ApiProperty({ enum: ['manual', 'schedule'], enumName: 'SweepTrigger' }) trigger: 'manual' | 'schedule';
  @ApiProperty({ enum: ['pending', 'running', 'completed', 'failed'], enumName: 'SweepStatus' })
  status: string;
  @ApiProperty({ type: 'integer', description: 'Enterprises of the zone when the sweep started' })
  total: number;
  @ApiProperty({
    type: 'integer',
    description: 'Enterprises dealt with so far (skipped and failed ones included)',
  })
  processed: number;
  @ApiProperty({ description: 'Offers (grants) created, installments included' }) offersCreated: number;
  @ApiProperty({ description: 'Grants that already existed (or whose exclusivity group is held)' })
  duplicates: number;
  @ApiProperty({ description: 'Enterprises passed over because they are on the blacklist' }) skipped: number;
  @ApiProperty({ description: 'Enterprises that could not be evaluated or offered to' }) errorCount: number;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Why the last slice failed, if it did' })
  lastError: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) startedBy: string | null;
  @ApiProperty() startedAt: Date;
  @ApiPropertyOptional({ nullable: true, type: Date }) finishedAt: Date | null;
  @ApiProperty() updatedAt: Date;
}

export class SweepDetailView extends SweepView {
  @ApiProperty({ type: [SweepErrorView], description: 'The first 100 errors, with the enterprise' })
  errors: SweepErrorView[];
}

export class SweepPageView {
  @ApiProperty({ type: [SweepView] }) items: SweepView[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}

export function toSweepView(sweep: AutoGrantSweepEntity, zoneCode: string): SweepView {
  return {
    id: sweep.id,
    zoneCode,
    programCode: sweep.programCode,
    fiscalYear: sweep.fiscalYear,
    asOf: sweep.asOf,
    programVersions: sweep.programVersions,
    trigger: sweep.trigger,
    status: sweep.status,
    total: sweep.total,
    processed: sweep.processed,
    offersCreated: sweep.offersCreated,
    duplicates: sweep.duplicates,
    skipped: sweep.skipped,
    errorCount: sweep.errorCount,
    lastError: sweep.lastError,
    startedBy: sweep.startedBy,
    startedAt: sweep.startedAt,
    finishedAt: sweep.finishedAt,
    updatedAt: sweep.updatedAt,
  };
}
