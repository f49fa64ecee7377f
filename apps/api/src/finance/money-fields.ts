import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** An amount of money in integer fen, 0 … Number.MAX_SAFE_INTEGER. */
export function FenField(description: string, options: { optional?: boolean; min?: number } = {}) {
  const min = options.min ?? 0;
  const doc = {
    description: `${description} (integer fen)`,
    minimum: min,
    example: 100_000_00,
    type: Number,
  };
  return applyDecorators(
    ...(options.optional ? [ApiPropertyOptional(doc), IsOptional()] : [ApiProperty(doc)]),
    IsInt({ message: '$property must be an integer number of fen' }),
    Min(min),
    Max(Number.MAX_SAFE_INTEGER),
  );
}

export const FISCAL_YEAR_DOC = { minimum: 2000, maximum: 2100, example: 2026 };
