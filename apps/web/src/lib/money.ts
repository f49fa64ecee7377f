/**
 * Money is integer fen from the keyboard to the API: typed yuan text is parsed with string arithmetic
 * (never a float), and fen are formatted with BigInt so amounts beyond 2^53 fen stay exact.
 */
const YUAN_TEXT = /^(-)?(\d+)(?:\.(\d{0,2}))?$/;

/** Yuan as typed ("1,234.5", "１２3", "0.07") → integer fen, or null when it is not an amount with ≤ 2 decimals. */
export function yuanToFen(text: string): number | null {
  const normalized = text
    .trim()
    .replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[,，\s]/g, '')
    .replace(/^[¥￥]/, '');
  const match = YUAN_TEXT.exec(normalized);
  if (!match) return null;
  const [, minus, whole, decimals = ''] = match;
  const fen = BigInt(whole) * 100n + BigInt(decimals.padEnd(2, '0'));
  if (fen > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const value = Number(fen);
  return minus && value !== 0 ? -value : value;
}

/** Integer fen → yuan digits with two decimals and no grouping ("123456" → "1234.56"), for inputs. */
export function fenToYuanText(fen: number | bigint): string {
  const value = BigInt(fen);
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** Integer fen → "¥1,234.56" (grouped by thousands, always two decimals). */
export function formatFen(fen: number | bigint): string {
  const [whole, decimals] = fenToYuanText(fen).split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  return `${sign}¥${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${decimals}`;
}
