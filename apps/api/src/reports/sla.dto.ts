import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class SlaReportQueryDto {
  @ApiPropertyOptional({ example: 'ningxiang-htz', description: 'Admins name the zone; staff get their own' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{2,64}$/, { message: 'zone must be a zone code such as ningxiang-htz' })
  zone?: string;

  @ApiPropertyOptional({
    example: '2026-01-01',
    format: 'date',
    description: 'First day (Asia/Shanghai); default 29 days before `to`',
  })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({
    example: '2026-01-31',
    format: 'date',
    description: 'Last day, inclusive (Asia/Shanghai); default today',
  })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'Or send Accept: text/csv' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
