import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class DashboardQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    example: 2026,
    description: 'Calendar year (Asia/Shanghai) of the monthly money figures; default: this year',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole year such as 2026' })
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({
    type: 'integer',
    example: 2026,
    description:
      'Only the fund pools and cases of this fiscal year (money, approved and paid cases, time to payment, ' +
      'screening refusals); default: every fiscal year',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'fiscalYear must be a whole year such as 2026' })
  @Min(2000)
  @Max(2100)
  fiscalYear?: number;
}
