import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { PageQueryDto } from '../http/pagination';
import { Trim } from '../http/validators';
import { FenField, FISCAL_YEAR_DOC, MAX_ALLOCATION_FEN } from './money-fields';

const ALLOCATION_BOUND = {
  max: MAX_ALLOCATION_FEN,
  maxMessage: `allocatedFen must be at most ${MAX_ALLOCATION_FEN} fen (10,000,000,000 yuan)`,
};

const CODE = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;
const CODE_MESSAGE = '$property must be a code such as ningxiang-htz.talent-introduction';

export class CreateFundPoolDto {
  @ApiPropertyOptional({
    example: 'ningxiang-htz.talent-introduction',
    description: "A program of the caller's zone; give this or policyDocumentCode",
  })
  @IsOptional()
  @IsString()
  @Length(3, 200)
  @Matches(CODE, { message: CODE_MESSAGE })
  programCode?: string;

  @ApiPropertyOptional({
    example: 'ningxiang-htz.one-park-one-center',
    description: 'A policy document whose programs have no pool of their own; give this or programCode',
  })
  @IsOptional()
  @IsString()
  @Length(3, 200)
  @Matches(CODE, { message: CODE_MESSAGE })
  policyDocumentCode?: string;

  @ApiProperty(FISCAL_YEAR_DOC)
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear: number;

  @FenField('Initial allocation', ALLOCATION_BOUND)
  allocatedFen: number;

  @ApiPropertyOptional({ description: 'Defaults to the program or document title and the year' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ description: 'Why (e.g. the budget decision), kept in the audit log' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 1000)
  comment?: string;
}

export class SetAllocationDto {
  @FenField('The new allocation; not below reserved + paid', ALLOCATION_BOUND)
  allocatedFen: number;

  @ApiProperty({ description: 'Why the allocation changes (kept in the audit log)' })
  @Trim()
  @IsString()
  @Length(1, 1000)
  comment: string;
}

export class FundPoolListQueryDto extends PageQueryDto {
  @ApiPropertyOptional(FISCAL_YEAR_DOC)
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear?: number;

  @ApiPropertyOptional({ description: 'Pools of this program or policy document' })
  @IsOptional()
  @IsString()
  @Length(3, 200)
  @Matches(CODE, { message: CODE_MESSAGE })
  code?: string;
}
