import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { PageQueryDto } from '../http/pagination';

const CODE = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;
const PROGRAM_CODE_MESSAGE = '$property must be a program code such as ningxiang-htz.high-tech-enterprise';
const ZONE_CODE_MESSAGE = '$property must be a zone code such as ningxiang-htz';

export class StartSweepDto {
  @ApiPropertyOptional({
    example: 'ningxiang-htz.high-tech-enterprise',
    description:
      "One auto-grant (免申即享) program of the caller's zone; omitted: every auto program in force",
  })
  @IsOptional()
  @IsString()
  @Length(3, 200)
  @Matches(CODE, { message: PROGRAM_CODE_MESSAGE })
  programCode?: string;

  @ApiPropertyOptional({
    example: 2026,
    description:
      'The fiscal year to grant for; defaults to the current one (Asia/Shanghai), never a future one',
  })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear?: number;
}

export const SWEEP_STATUSES = ['pending', 'running', 'completed', 'failed'] as const;

export class SweepListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'ningxiang-htz', description: "Defaults to the caller's zone" })
  @IsOptional()
  @IsString()
  @Length(2, 100)
  @Matches(CODE, { message: ZONE_CODE_MESSAGE })
  zone?: string;

  @ApiPropertyOptional({ enum: SWEEP_STATUSES, enumName: 'SweepStatus' })
  @IsOptional()
  @IsIn(SWEEP_STATUSES)
  status?: (typeof SWEEP_STATUSES)[number];

  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear?: number;
}
