/**
 * Money is integer fen (1 yuan = 100 fen) end to end; rates are integer basis points (1 bp = 0.01 %).
 *
 * THE rounding rule: a percentage of an amount is computed exactly with BigInt and rounded DOWN to
 * the fen (towards zero; all amounts are non-negative), so the zone never pays more than the policy
 * allows. No floating-point number ever takes part in a money computation.
 */

export const FEN_PER_YUAN = 100;
export const BASIS_POINTS_PER_WHOLE = 10_000;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** True when `value` is a valid amount of money: a non-negative safe integer number of fen. */
export function isFen(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Throws a RangeError naming `name` unless `value` is a non-negative safe integer number of fen. */
export function assertFen(value: unknown, name: string): asserts value is number {
  if (!isFen(value)) {
    throw new RangeError(`${name} must be a non-negative safe integer number of fen, got ${describe(value)}`);
  }
}

/**
 * `baseFen × basisPoints / 10,000`, computed exactly and rounded down to the fen.
 * Both inputs must be non-negative safe integers; the result always fits (it is at most
 * `baseFen × basisPoints / 10,000`, and callers cap rates at 10,000 bp).
 */
export function percentageOfFen(baseFen: number, basisPoints: number): number {
  assertFen(baseFen, 'baseFen');
  if (!Number.isSafeInteger(basisPoints) || basisPoints < 0) {
    throw new RangeError(`basisPoints must be a non-negative safe integer, got ${describe(basisPoints)}`);
  }
  return toSafeNumber((BigInt(baseFen) * BigInt(basisPoints)) / BigInt(BASIS_POINTS_PER_WHOLE), 'percentage');
}

/**
 * Exact product of non-negative safe integers as a BigInt (callers cap it before converting back).
 */
export function exactProduct(...factors: readonly number[]): bigint {
  let product = 1n;
  for (const f of factors) {
    if (!Number.isSafeInteger(f) || f < 0)
      throw new RangeError(`factor must be a non-negative safe integer, got ${describe(f)}`);
    product *= BigInt(f);
  }
  return product;
}

/** Converts a BigInt to a number, or null when it is beyond `Number.MAX_SAFE_INTEGER`. */
export function bigintToSafeNumber(value: bigint): number | null {
  return value >= -MAX_SAFE && value <= MAX_SAFE ? Number(value) : null;
}

function toSafeNumber(value: bigint, what: string): number {
  const n = bigintToSafeNumber(value);
  if (n === null) throw new RangeError(`${what} exceeds the safe integer range`);
  return n;
}

/** Formats an integer with comma thousands separators: `1234567` → `"1,234,567"`. */
export function formatInteger(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`expected a safe integer, got ${describe(value)}`);
  const sign = value < 0 ? '-' : '';
  return sign + groupThousands(String(Math.abs(value)));
}

/**
 * Formats fen as yuan with thousands separators and exactly two decimals:
 * `123456` → `"1,234.56"`, `100000000` → `"1,000,000.00"`, `-5` → `"-0.05"`.
 */
export function formatFenAsYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`fen must be a safe integer, got ${describe(fen)}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / FEN_PER_YUAN);
  const cents = abs % FEN_PER_YUAN;
  return `${sign}${groupThousands(String(yuan))}.${String(cents).padStart(2, '0')}`;
}

/**
 * Formats basis points as a percentage without trailing zeros: `1000` → `"10%"`, `50` → `"0.5%"`,
 * `1234` → `"12.34%"`.
 */
export function formatBasisPointsAsPercent(basisPoints: number): string {
  if (!Number.isSafeInteger(basisPoints))
    throw new RangeError(`basis points must be a safe integer, got ${describe(basisPoints)}`);
  const sign = basisPoints < 0 ? '-' : '';
  const abs = Math.abs(basisPoints);
  const whole = Math.floor(abs / 100);
  const fraction = String(abs % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${sign}${groupThousands(String(whole))}${fraction ? `.${fraction}` : ''}%`;
}

const YUAN_STRING = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/**
 * Converts yuan to fen without ever going through a float.
 *
 * Accepts an integer number of yuan (`1500` → `150000`) or a string with at most two decimals,
 * optionally with comma thousands separators (`"1,234.5"` → `123450`, `"0.01"` → `1`).
 * Throws a RangeError for anything else: negative amounts, non-integer numbers (`12.5` — pass
 * `"12.5"`), more than two decimals, or a result beyond `Number.MAX_SAFE_INTEGER` fen.
 */
export function yuanToFen(yuan: number | string): number {
  if (typeof yuan === 'number') {
    if (!Number.isSafeInteger(yuan) || yuan < 0) {
      throw new RangeError(
        `yuan as a number must be a non-negative safe integer (pass decimals as a string), got ${describe(yuan)}`,
      );
    }
    return toSafeNumber(BigInt(yuan) * BigInt(FEN_PER_YUAN), 'amount in fen');
  }
  if (typeof yuan !== 'string')
    throw new RangeError(`yuan must be a number or a string, got ${describe(yuan)}`);
  const match = YUAN_STRING.exec(yuan.trim());
  if (!match) {
    throw new RangeError(
      `"${yuan}" is not an amount of yuan (digits, optional thousands commas, at most 2 decimals)`,
    );
  }
  const whole = BigInt(match[1].replaceAll(',', ''));
  const cents = BigInt((match[2] ?? '').padEnd(2, '0'));
  return toSafeNumber(whole * BigInt(FEN_PER_YUAN) + cents, 'amount in fen');
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  return String(value);
}
