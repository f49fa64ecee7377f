import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/**
 * The largest fund pool allocation accepted: 100亿元 (10^12 fen), far above any zone's yearly
 * subsidy budget, and low enough that a zone's sums over thousands of pools stay exact integers.
 */
export const MAX_ALLOCATION_FEN = 1_000_000_000_000;

/** An amount of money in integer fen, 0 … `max` (Number.MAX_SAFE_INTEGER unless given). */
export function FenField(
  description: string,
  options: { optional?: boolean; min?: number; max?: number; maxMessage?: string } = {},
) {
  const min = options.min ?? 0;
  const max = options.max ?? Number.MAX_SAFE_INTEGER;
  const doc = {
    description: `${description} (integer fen)`,
    minimum: min,
    maximum: max,
    example: 100_000_00,
    type: 'integer' as const,
  };
  return applyDecorators(
    ...(options.optional ? [ApiPropertyOptional(doc), IsOptional()] : [ApiProperty(doc)]),
    IsInt({ message: '$property must be an integer number of fen' }),
    Min(min),
    Max(max, options.maxMessage ? { message: options.maxMessage } : undefined),
  );
}

export const FISCAL_YEAR_DOC = { minimum: 2000, maximum: 2100, example: 2026 };
