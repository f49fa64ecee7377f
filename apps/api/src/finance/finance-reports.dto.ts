import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { FISCAL_YEAR_DOC } from './money-fields';

export class FinanceReportQueryDto {
  @ApiPropertyOptional(FISCAL_YEAR_DOC)
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear?: number;

  @ApiPropertyOptional({ example: 'ningxiang-htz.platform-construction' })
  @IsOptional()
  @IsString()
  @Length(3, 200)
  programCode?: string;
}
