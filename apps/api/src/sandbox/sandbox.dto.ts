import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  Max,
  Min,
} from 'class-validator';
import { PageQueryDto } from '../http/pagination';

export class CreateSandboxRunDto {
  @ApiPropertyOptional({
    type: [Number],
    example: [2025, 2026],
    description: 'Fiscal years to project (1-5); default: the current year',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(2000, { each: true })
  @Max(2100, { each: true })
  fiscalYears?: number[];
}

export class SandboxChangesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['gain', 'loss'], enumName: 'SandboxChangeKind' })
  @IsOptional()
  @IsIn(['gain', 'loss'])
  kind?: 'gain' | 'loss';

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear?: number;
}
