import fc from 'fast-check';
import { fenToChineseCapital, MAX_CAPITAL_FEN } from './chinese-amount';

const DIGIT_VALUES: Record<string, bigint> = {
  零: 0n,
  壹: 1n,
  贰: 2n,
  叁: 3n,
  肆: 4n,
  伍: 5n,
  陆: 6n,
  柒: 7n,
  捌: 8n,
  玖: 9n,
};
const PLACE_VALUES: Record<string, bigint> = { 拾: 10n, 佰: 100n, 仟: 1000n };

/** Reads capitals back to fen, independently of the writer (a reader of the bill would). */
function readCapital(text: string): bigint {
  const body = text.endsWith('整') ? text.slice(0, -1) : text;
  const [intPart, fracPart] = body.includes('元') ? body.split('元') : ['', body];
  let total = 0n; // completed 亿 parts
  let section = 0n; // below 亿
  let group = 0n; // below 万
  let digit = 0n;
  for (const ch of intPart) {
    if (ch in DIGIT_VALUES) digit = DIGIT_VALUES[ch];
    else if (ch in PLACE_VALUES) {
      group += digit * PLACE_VALUES[ch];
      digit = 0n;
    } else if (ch === '万') {
      section += (group + digit) * 10_000n;
      group = 0n;
      digit = 0n;
    } else if (ch === '亿') {
      total = (total + section + group + digit) * 100_000_000n;
      section = 0n;
      group = 0n;
      digit = 0n;
    } else throw new Error(`unexpected ${ch} in ${text}`);
  }
  const yuan = total + section + group + digit;
  let fen = 0n;
  const frac = /^零?(?:(.)角)?(?:(.)分)?$/.exec(fracPart ?? '');
  if (!frac) throw new Error(`bad fraction in ${text}`);
  if (frac[1]) fen += DIGIT_VALUES[frac[1]] * 10n;
  if (frac[2]) fen += DIGIT_VALUES[frac[2]];
  return yuan * 100n + fen;
}

const yuan = (n: number | bigint) => BigInt(n) * 100n;

describe('fenToChineseCapital (大写金额)', () => {
  it.each<[bigint | number, string]>([
    [0, '零元整'],
    [1, '壹分'],
    [5, '伍分'],
    [10, '壹角整'],
    [55, '伍角伍分'],
    [100, '壹元整'],
    [150, '壹元伍角整'],
    [yuan(10), '壹拾元整'],
    [yuan(11), '壹拾壹元整'],
    [yuan(20), '贰拾元整'],
    [yuan(101), '壹佰零壹元整'],
    [yuan(110), '壹佰壹拾元整'],
    [yuan(1001), '壹仟零壹元整'],
    [yuan(1010), '壹仟零壹拾元整'],
    [yuan(1100), '壹仟壹佰元整'],
    // The worked examples of the PBOC rules for bills (正确填写票据和结算凭证的基本规定).
    [168_032, '壹仟陆佰捌拾元叁角贰分'],
    [140_950, '壹仟肆佰零玖元伍角整'],
    [600_714, '陆仟零柒元壹角肆分'],
    [10_700_053, '壹拾万柒仟元伍角叁分'],
    [32_504, '叁佰贰拾伍元零肆分'],
    // 万 and 亿 boundaries.
    [yuan(10_000), '壹万元整'],
    [yuan(10_001), '壹万零壹元整'],
    [yuan(10_500), '壹万零伍佰元整'],
    [yuan(15_000), '壹万伍仟元整'],
    [yuan(100_000), '壹拾万元整'],
    [yuan(1_000_000), '壹佰万元整'],
    [yuan(1_000_001), '壹佰万零壹元整'],
    // A zero at the end of a four-digit group is silent (一千万五千), one at its start is read.
    [yuan(10_005_000), '壹仟万伍仟元整'],
    [yuan(10_000_500), '壹仟万零伍佰元整'],
    [yuan(1_010_000_000), '壹拾亿壹仟万元整'],
    [yuan(99_999_999), '玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元整'],
    [yuan(100_000_000), '壹亿元整'],
    [yuan(100_000_001), '壹亿零壹元整'],
    [yuan(100_000_100), '壹亿零壹佰元整'],
    [yuan(100_001_000), '壹亿零壹仟元整'],
    [yuan(100_050_000), '壹亿零伍万元整'],
    [yuan(101_000_000), '壹亿零壹佰万元整'],
    [yuan(110_000_000), '壹亿壹仟万元整'],
    [yuan(1_000_000_000), '壹拾亿元整'],
    [yuan(10_000_000_000), '壹佰亿元整'],
    [yuan(1_000_000_000_000), '壹万亿元整'],
    [yuan(1_000_000_010_000), '壹万亿零壹万元整'],
    [yuan(12_345_678_901_234), '壹拾贰万叁仟肆佰伍拾陆亿柒仟捌佰玖拾万壹仟贰佰叁拾肆元整'],
    // The catalog's figures.
    [yuan(100_000), '壹拾万元整'],
    [yuan(3_000_000), '叁佰万元整'],
    [1_234_567_89, '壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分'],
    [BigInt(Number.MAX_SAFE_INTEGER), '玖拾万零柒佰壹拾玖亿玖仟贰佰伍拾肆万柒仟肆佰零玖元玖角壹分'],
  ])('%s fen → %s', (fen, expected) => {
    expect(fenToChineseCapital(fen)).toBe(expected);
  });

  it('takes a number or a bigint alike', () => {
    expect(fenToChineseCapital(123_456n)).toBe(fenToChineseCapital(123_456));
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])(
    'refuses %s',
    (fen) => {
      expect(() => fenToChineseCapital(fen)).toThrow(RangeError);
    },
  );

  it('refuses a bigint beyond the safe range or below zero', () => {
    expect(() => fenToChineseCapital(MAX_CAPITAL_FEN + 1n)).toThrow(RangeError);
    expect(() => fenToChineseCapital(-1n)).toThrow(RangeError);
  });

  it('every amount of up to 10,000.00 yuan reads back to itself, to the fen', () => {
    for (let fen = 0; fen <= 1_000_000; fen++) {
      const text = fenToChineseCapital(fen);
      if (readCapital(text) !== BigInt(fen)) throw new Error(`${fen} → ${text}`);
    }
  });

  it('any safe amount reads back to itself and keeps the 零 rules', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MAX_CAPITAL_FEN }), (fen) => {
        const text = fenToChineseCapital(fen);
        expect(readCapital(text)).toBe(fen);
        if (fen > 0n) expect(text).not.toMatch(/零零|零[万亿元拾佰仟角分]|零$|^零/);
        expect(text).toMatch(/(整|分)$/);
        expect(text.endsWith('分') && text.endsWith('整')).toBe(false);
        expect(text).not.toMatch(/(^|[^壹贰叁肆伍陆柒捌玖])[拾佰仟]/);
      }),
      { numRuns: 20_000 },
    );
  });

  it('zeros that span a 万 or 亿 boundary are one 零', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 1, max: 999 }),
        fc.constantFrom(10_000n, 100_000_000n),
        (high, low, unit) => {
          const text = fenToChineseCapital((BigInt(high) * unit + BigInt(low)) * 100n);
          expect(text.split('零').length - 1).toBeGreaterThanOrEqual(1);
          expect(text).toContain(unit === 10_000n ? '万零' : '亿零');
        },
      ),
    );
  });
});
