const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;
const PLACES = ['', '拾', '佰', '仟'] as const;

/** The largest amount spelled: Number.MAX_SAFE_INTEGER fen (JSON's exact integers). */
export const MAX_CAPITAL_FEN = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * One group of four digits (0 < group < 10000), with 零 for each run of zeros between its digits.
 * `leadingZero` asks for a 零 before a group that does not fill its thousands place (a higher
 * group came before it: 壹万零伍佰).
 */
function spellGroup(group: number, leadingZero: boolean): string {
  const digits = String(group).padStart(4, '0');
  let out = '';
  let pendingZero = leadingZero;
  let started = false;
  for (let i = 0; i < 4; i++) {
    const d = Number(digits[i]);
    if (d === 0) {
      if (started) pendingZero = true;
      continue;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    started = true;
    out += DIGITS[d] + PLACES[3 - i];
  }
  return out;
}

/**
 * Whole yuan (> 0) in capitals without 元: groups of four digits under 万 and 亿 (亿 repeats for
 * 万亿), one 零 for any run of zeros inside the number, none at its end.
 */
function spellYuan(yuan: bigint): string {
  if (yuan >= 100_000_000n) {
    const high = yuan / 100_000_000n;
    const low = yuan % 100_000_000n;
    return spellYuan(high) + '亿' + (low === 0n ? '' : spellBelowYi(Number(low), true));
  }
  return spellBelowYi(Number(yuan), false);
}

/** 0 < n < 10^8; `higher` when a 亿 part precedes it (so a short 万 part takes a 零). */
function spellBelowYi(n: number, higher: boolean): string {
  const wan = Math.floor(n / 10_000);
  const rest = n % 10_000;
  let out = '';
  if (wan > 0) out += spellGroup(wan, higher && wan < 1000) + '万';
  // A zero run before the last group: a short group after 万, or a whole zero 万 group after 亿.
  if (rest > 0) out += spellGroup(rest, (wan > 0 && rest < 1000) || (wan === 0 && higher));
  return out;
}

/**
 * An amount of integer fen in Chinese financial capitals (大写金额) as written on payment vouchers
 * and grant letters, following the People's Bank of China rules for filling in bills
 * (正确填写票据和结算凭证的基本规定):
 *
 * - 壹贰叁… with 拾佰仟万亿; tens are written 壹拾 (¥10 → 壹拾元整);
 * - a run of zeros inside the integer part is one 零 (¥1,000,001 → 壹佰万零壹元整), including a zero
 *   run across a 万 or 亿 boundary (¥100,000,100 → 壹亿零壹佰元整); as Chinese numbers are read,
 *   zeros at the end of a four-digit group are silent (¥10,005,000 → 壹仟万伍仟元整, the PBOC rules
 *   allow either) and so are zeros at the end of the number;
 * - 整 follows an amount that ends at 元 or 角 (¥1.50 → 壹元伍角整), never one with 分;
 * - 元 followed by 零 when 角 is zero and 分 is not (¥325.04 → 叁佰贰拾伍元零肆分); when 元's
 *   place is zero and 角 is not, the optional 零 is left out (¥1,680.32 → 壹仟陆佰捌拾元叁角贰分);
 * - less than a yuan has no 元 (¥0.05 → 伍分); zero is 零元整.
 *
 * Exact to the fen (no floating point); throws a RangeError for a negative, fractional or unsafe
 * amount.
 */
export function fenToChineseCapital(fen: number | bigint): string {
  if (typeof fen === 'number' && !Number.isSafeInteger(fen))
    throw new RangeError('the amount must be a safe integer number of fen');
  const value = BigInt(fen);
  if (value < 0n) throw new RangeError('the amount must not be negative');
  if (value > MAX_CAPITAL_FEN) throw new RangeError('the amount is too large');
  if (value === 0n) return '零元整';
  const yuan = value / 100n;
  const jiao = Number((value / 10n) % 10n);
  const fenDigit = Number(value % 10n);
  let out = yuan > 0n ? spellYuan(yuan) + '元' : '';
  if (jiao > 0) out += DIGITS[jiao] + '角';
  else if (fenDigit > 0 && yuan > 0n) out += '零';
  if (fenDigit > 0) out += DIGITS[fenDigit] + '分';
  else out += '整';
  return out;
}
