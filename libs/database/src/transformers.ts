import { ValueTransformer } from 'typeorm';

/**
 * pg returns bigint columns as strings. Money is integer fen and always fits a JS safe integer
 * (9·10^15 fen is 90 trillion yuan), so we convert and refuse anything outside that range.
 */
export const bigintFen: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null): number | null => {
    if (value === null || value === undefined) return null;
    const n = Number(value);
    if (!Number.isSafeInteger(n)) throw new Error(`bigint ${value} is outside the safe integer range`);
    return n;
  },
};
