import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { Trim } from '../http/validators';

/** Statement file names: a name, not a path (the JSON form's `fileName`, or the uploaded file's name). */
export const STATEMENT_FILE_NAME = /^[^/\\]+$/;

export class ImportStatementDto {
  @ApiProperty({ example: 'icbc-2026-05.csv', description: 'Name of the statement file, for the record' })
  @Trim()
  @IsString()
  @Length(1, 200)
  @Matches(STATEMENT_FILE_NAME, { message: 'fileName must be a file name without a path' })
  fileName: string;

  @ApiProperty({
    description:
      'The statement as CSV text (UTF-8; a BOM is fine). Header row naming at least value_date and amount; ' +
      'optional transaction_id, direction (debit/credit), payment_reference, status (success/returned/failed), ' +
      'counterparty_name, counterparty_account, reason. Common Chinese headers (交易流水号, 交易日期, 金额, 附言, ...) work too. ' +
      'Larger files: upload them as multipart/form-data (field `file`).',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(1_000_000)
  content: string;
}

/** Which lines of a statement's report to return (a large statement is read page by page). */
export class StatementReportQueryDto {
  @ApiPropertyOptional({
    default: 1,
    minimum: 1,
    description:
      'First line number to return (the header is line 1); for the next page, nextFromLine of this one',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  fromLine: number = 1;

  @ApiPropertyOptional({ default: 1000, minimum: 1, maximum: 5000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5000)
  lineLimit: number = 1000;
}

export class ProposeMatchDto {
  @ApiPropertyOptional({ example: 'HQNX26000030P1', description: 'The payment the line pays (or returns)' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 100)
  paymentReference?: string;

  @ApiPropertyOptional({ example: 'ZH000000001', description: 'The clawback the line repays' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 100)
  clawbackReference?: string;

  @ApiProperty({ description: 'Why the line is this payment (e.g. the bank receipt checked)' })
  @Trim()
  @IsString()
  @Length(1, 1000)
  comment: string;
}

export class ConfirmMatchDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 1000)
  comment?: string;
}

export class RejectMatchDto {
  @ApiProperty({ description: 'Why the match is wrong' })
  @Trim()
  @IsString()
  @Length(1, 1000)
  comment: string;
}

export class MatchProposalsQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'confirmed', 'rejected', 'void'], default: 'pending' })
  @IsOptional()
  @IsIn(['pending', 'confirmed', 'rejected', 'void'])
  state: 'pending' | 'confirmed' | 'rejected' | 'void' = 'pending';

  @ApiPropertyOptional({ description: 'Only the proposals on lines of this import' })
  @IsOptional()
  @IsUUID()
  importId?: string;
}
