/**
 * Yuan text ↔ integer fen by string arithmetic only: a payment file or a bank statement never passes
 * through a floating-point number.
 */

/** `123456` → `"1234.56"`, `5` → `"0.05"`: plain digits, a point, exactly two decimals (payment files). */
export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) {
    throw new RangeError(`fen must be a non-negative safe integer, got ${String(fen)}`);
  }
  const digits = String(fen).padStart(3, '0');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

const YUAN_PATTERN = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/**
 * Parses a positive or zero yuan amount as banks print it (`1234.5`, `1,234.50`, `1234`, `¥1,234.50`)
 * into fen; null for anything else (signs, more than two decimals, exponents, out of range).
 */
export function parseYuan(text: string): number | null {
  const trimmed = text.trim().replace(/^[¥￥]\s*/, '');
  const match = YUAN_PATTERN.exec(trimmed);
  if (!match) return null;
  const whole = match[1].replace(/,/g, '').replace(/^0+(?=\d)/, '');
  const cents = (match[2] ?? '').padEnd(2, '0');
  const fenText = `${whole}${cents}`.replace(/^0+(?=\d)/, '');
  if (fenText.length > 16) return null;
  const fen = Number(fenText);
  return Number.isSafeInteger(fen) ? fen : null;
}
