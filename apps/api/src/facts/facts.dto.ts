import { FACT_KEY_NAMES, FACT_SOURCES } from '@huiqi/policies';
import { MAX_FEED_ROWS } from '@huiqi/core/facts/feed-rows';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  Matches,
} from 'class-validator';
import { PageQueryDto } from '../http/pagination';
import { FACT_VALUE_SCHEMA } from '../http/api-docs';

const FEED_REF = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
const FEED_REF_MESSAGE =
  'feedRef must be 1-100 characters of A-Z a-z 0-9 . _ : - (starting with a letter or digit)';

/**
 * One fact about an enterprise. The fields are checked together by the fact registry
 * (`validateFact`), which names every bad one: `key`, `period`, `source`, `idNumber`, `value.<field>`.
 */
export class RecordFactDto {
  @ApiProperty({ enum: FACT_KEY_NAMES, enumName: 'FactKey', example: 'rnd_expense_fen' })
  @Allow()
  key: unknown;

  @ApiPropertyOptional({ type: String, example: '2025', description: 'Fiscal year, for per-year facts only' })
  @Allow()
  period?: unknown;

  @ApiProperty({
    ...FACT_VALUE_SCHEMA,
    description: "The value, in the key's shape: integer fen for money, an object for recognitions",
    example: 1_200_000_000,
  })
  @Allow()
  value: unknown;

  @ApiProperty({ enum: FACT_SOURCES, enumName: 'FactSource', example: 'tax_bureau' })
  @Allow()
  source: unknown;

  @ApiPropertyOptional({
    type: String,
    description: 'For per-person facts: the resident ID number. It is hashed at once and never stored.',
    example: '11010519491231002X',
  })
  @Allow()
  idNumber?: unknown;
}

export class FactListQueryDto {
  @ApiPropertyOptional({
    description: 'Every recorded version (corrections included), newest first per fact',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  history?: boolean;

  @ApiPropertyOptional({ enum: FACT_KEY_NAMES, enumName: 'FactKey' })
  @IsOptional()
  @IsIn(FACT_KEY_NAMES)
  key?: string;

  @ApiPropertyOptional({ description: "Only this person's facts (the ID number is hashed, not stored)" })
  @IsOptional()
  @Matches(/^\d{17}[\dXx]$/, { message: 'idNumber must be an 18-character resident ID number' })
  idNumber?: string;
}

export class FeedImportQueryDto {
  @ApiPropertyOptional({
    description:
      "The feed's own name (e.g. tax-bureau-2025-12). Importing the same feed again replays the first report; another content under this name is a 409.",
  })
  @IsOptional()
  @Matches(FEED_REF, { message: FEED_REF_MESSAGE })
  feedRef?: string;
}

/** A row of a JSON feed, as documented; the rows are checked one by one by the fact registry. */
class FeedRowDoc {
  @ApiProperty({ example: '91430124MA4L8XXXXX' }) uscc: string;
  @ApiProperty({ enum: FACT_KEY_NAMES, enumName: 'FactKey' }) key: string;
  @ApiPropertyOptional({ type: String, example: '2025' }) period?: string;
  @ApiProperty(FACT_VALUE_SCHEMA) value: unknown;
  @ApiProperty({ enum: FACT_SOURCES, enumName: 'FactSource' }) source: string;
  @ApiPropertyOptional({ description: 'For per-person facts: the resident ID number' }) idNumber?: string;
}

/** A JSON feed; each row is checked on its own and reported by row number, never failing the others. */
export class FeedImportDto {
  @ApiPropertyOptional({ description: 'As the query parameter (either, or both when equal)' })
  @IsOptional()
  @Matches(FEED_REF, { message: FEED_REF_MESSAGE })
  feedRef?: string;

  @ApiProperty({
    description: `1-${MAX_FEED_ROWS} rows { uscc, key, period?, value, source, idNumber? }`,
    example: [
      {
        uscc: '91430124MA4L8XXXXX',
        key: 'rnd_expense_fen',
        period: '2025',
        value: 1_200_000_000,
        source: 'tax_bureau',
      },
    ],
    type: [FeedRowDoc],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_FEED_ROWS)
  rows: unknown[];
}

export class FeedImportListQueryDto extends PageQueryDto {}
