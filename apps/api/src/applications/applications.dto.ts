import { EVENT_TYPES, toActionType, WORKFLOW_STATES } from '@huiqi/workflow';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { FORM_SCHEMA } from '../http/api-docs';
import { PageQueryDto } from '../http/pagination';

export class CreateApplicationDto {
  @ApiProperty({ example: 'ningxiang-htz.platform-construction' })
  @IsString()
  @Matches(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/, { message: 'programCode must be a program code' })
  @MaxLength(120)
  programCode: string;

  @ApiPropertyOptional({
    ...FORM_SCHEMA,
    description: "The program's form fields (see GET /programs/{code}); may be partial in a draft",
  })
  @IsOptional()
  @IsObject()
  form?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Fiscal year the subsidy is for; defaults to the current year' })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear?: number;
}

export class UpdateApplicationDto {
  @ApiProperty({
    ...FORM_SCHEMA,
    description:
      'An RFC 7396 JSON Merge Patch of the form: given fields replace the stored ones, null removes a field, fields not given stay; only while draft or returned for amendment',
  })
  @IsObject()
  form: Record<string, unknown>;
}

export class SubmitApplicationDto {
  @ApiPropertyOptional({ description: 'Commitment mode (告知承诺): the enterprise signs its commitment' })
  @IsOptional()
  @IsBoolean()
  commitmentSigned?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

/** Workflow event types in their HTTP (lower-case) form. */
export const ACTION_TYPES = EVENT_TYPES.map(toActionType);

/** Every workflow event by its lower-case name; the machine decides whether it is allowed. */
export class ApplicationActionDto {
  @ApiProperty({
    enum: ACTION_TYPES,
    enumName: 'ActionType',
    example: 'approve',
    description:
      'approve, reject, return, withdraw, object, confirm, decline, ...; events the worker or finance record are refused',
  })
  @IsString()
  @MaxLength(40)
  type: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'Integer fen' })
  @IsOptional()
  @IsInt({ message: 'amountFen must be an integer number of fen' })
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  amountFen?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  score?: number;

  @ApiPropertyOptional({
    description: 'With uphold_objection or cancel: the claim was false (blacklists the enterprise)',
  })
  @IsOptional()
  @IsBoolean()
  falseClaim?: boolean;

  @ApiPropertyOptional({
    description: 'With confirm (auto grants): the enterprise confirms its bank account',
  })
  @IsOptional()
  @IsBoolean()
  bankAccountConfirmed?: boolean;

  @ApiPropertyOptional({ description: 'With resubmit in commitment mode' })
  @IsOptional()
  @IsBoolean()
  commitmentSigned?: boolean;
}

export class ApplicationListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: WORKFLOW_STATES,
    enumName: 'ApplicationState',
    isArray: true,
    description: 'Comma-separated states',
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value))
  @IsIn(WORKFLOW_STATES, { each: true })
  state?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 120)
  programCode?: string;

  @ApiPropertyOptional({ description: 'Only applications past their stage deadline' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Only applications assigned to the caller' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  assignedToMe?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  enterpriseId?: string;

  @ApiPropertyOptional({ enum: ['apply', 'auto', 'commitment'], enumName: 'ProgramMode' })
  @IsOptional()
  @IsIn(['apply', 'auto', 'commitment'])
  mode?: string;
}

export class AssignmentDto {
  @ApiProperty({
    enum: ['take', 'release'],
    description: 'take: assign to me; release: hand back for re-balancing',
  })
  @IsIn(['take', 'release'])
  action: 'take' | 'release';
}

export class PublicityQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'ningxiang-htz' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{2,64}$/)
  zone?: string;
}
