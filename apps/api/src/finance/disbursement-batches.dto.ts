import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { PageQueryDto } from '../http/pagination';
import { Trim } from '../http/validators';
import { FISCAL_YEAR_DOC } from './money-fields';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export const BATCH_STATES = [
  'draft',
  'locked',
  'exported',
  'settled',
  'partly_settled',
  'cancelled',
] as const;

/** Which approved, unpaid grants of the caller's zone go into the new batch (all filters combine). */
export class CreateBatchDto {
  @ApiPropertyOptional({ example: 'ningxiang-htz.platform-construction' })
  @IsOptional()
  @IsString()
  @Length(3, 200)
  programCode?: string;

  @ApiPropertyOptional(FISCAL_YEAR_DOC)
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear?: number;

  @ApiPropertyOptional({
    example: '2026-01-01',
    format: 'date',
    description: 'Approved on or after this day (Asia/Shanghai)',
  })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'approvedFrom must be a date such as 2026-01-01' })
  @IsISO8601({ strict: true }, { message: 'approvedFrom must be a real date' })
  approvedFrom?: string;

  @ApiPropertyOptional({
    example: '2026-06-30',
    format: 'date',
    description: 'Approved on or before this day (Asia/Shanghai)',
  })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'approvedTo must be a date such as 2026-06-30' })
  @IsISO8601({ strict: true }, { message: 'approvedTo must be a real date' })
  approvedTo?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all')
  enterpriseId?: string;

  @ApiPropertyOptional({ type: [String], description: 'Only these grants (applications or installments)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @IsUUID('all', { each: true })
  applicationIds?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 1000)
  note?: string;
}

export class ReasonDto {
  @ApiProperty({ description: 'Why (kept in the audit log)' })
  @Trim()
  @IsString()
  @Length(1, 1000)
  reason: string;
}

export class BatchListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: BATCH_STATES, enumName: 'BatchState' })
  @IsOptional()
  @IsIn(BATCH_STATES)
  state?: (typeof BATCH_STATES)[number];

  @ApiPropertyOptional(FISCAL_YEAR_DOC)
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear?: number;
}

export class ExportPaymentFileQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format?: 'csv' | 'xlsx';

  @ApiPropertyOptional({
    description: 'Bank layout code (see the bank layouts data file)',
    default: 'generic',
  })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  layout?: string;
}
