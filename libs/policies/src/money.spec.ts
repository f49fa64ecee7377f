import fc from 'fast-check';

import {
  formatBasisPointsAsPercent,
  formatFenAsYuan,
  formatInteger,
  isFen,
  percentageOfFen,
  yuanToFen,
} from './money';

describe('formatFenAsYuan', () => {
  it.each([
    [0, '0.00'],
    [1, '0.01'],
    [99, '0.99'],
    [100, '1.00'],
    [123456, '1,234.56'],
    [100_000_000, '1,000,000.00'],
    [-5, '-0.05'],
    [-123456, '-1,234.56'],
    [Number.MAX_SAFE_INTEGER, '90,071,992,547,409.91'],
  ])('%d fen → %s', (fen, expected) => {
    expect(formatFenAsYuan(fen)).toBe(expected);
  });

  it.each([1.5, Number.NaN, Infinity, 2 ** 53])('rejects %p', (fen) => {
    expect(() => formatFenAsYuan(fen)).toThrow(RangeError);
  });
});

describe('yuanToFen', () => {
  it.each<[number | string, number]>([
    [0, 0],
    [1500, 150_000],
    ['0.01', 1],
    ['0.1', 10],
    ['12.5', 1250],
    ['1,234.56', 123_456],
    ['1234.56', 123_456],
    ['  7  ', 700],
    ['1,000,000', 100_000_000],
  ])('%p → %d fen', (yuan, expected) => {
    expect(yuanToFen(yuan)).toBe(expected);
  });

  it.each<unknown>([
    -1,
    12.5,
    Number.NaN,
    '1.234',
    '-1',
    '1,23.00',
    '12,34',
    '',
    'abc',
    '1e3',
    '0x10',
    '90071992547409.92',
    null,
  ])('rejects %p', (yuan) => {
    expect(() => yuanToFen(yuan as string)).toThrow(RangeError);
  });

  it('round-trips with formatFenAsYuan for every non-negative amount', () => {
    fc.assert(fc.property(fc.maxSafeNat(), (fen) => yuanToFen(formatFenAsYuan(fen)) === fen));
  });
});

describe('percentageOfFen', () => {
  it('rounds down to the fen', () => {
    expect(percentageOfFen(999, 1000)).toBe(99); // 99.9 fen
    expect(percentageOfFen(1, 9999)).toBe(0);
    expect(percentageOfFen(500_000_000, 1000)).toBe(50_000_000);
    expect(percentageOfFen(123_456_789, 500)).toBe(6_172_839); // 6,172,839.45
  });

  it('is exact where floating point is not', () => {
    // 0.07 × 9007199254740991 overflows float precision; BigInt keeps it exact.
    expect(percentageOfFen(Number.MAX_SAFE_INTEGER, 700)).toBe(
      Number((BigInt(Number.MAX_SAFE_INTEGER) * 700n) / 10000n),
    );
  });

  it('equals floor(base × bp / 10000) computed in BigInt', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), fc.integer({ min: 0, max: 10_000 }), (base, bp) => {
        const result = percentageOfFen(base, bp);
        return BigInt(result) === (BigInt(base) * BigInt(bp)) / 10_000n && result <= base;
      }),
    );
  });

  it('rejects negative or fractional inputs', () => {
    expect(() => percentageOfFen(-1, 100)).toThrow(RangeError);
    expect(() => percentageOfFen(100, 1.5)).toThrow(RangeError);
    expect(() => percentageOfFen(100, -1)).toThrow(RangeError);
  });
});

describe('formatting helpers', () => {
  it.each([
    [1000, '10%'],
    [10_000, '100%'],
    [50, '0.5%'],
    [1234, '12.34%'],
    [1, '0.01%'],
    [0, '0%'],
  ])('formats %d bp as %s', (bp, expected) => {
    expect(formatBasisPointsAsPercent(bp)).toBe(expected);
  });

  it('groups thousands', () => {
    expect(formatInteger(1234567)).toBe('1,234,567');
    expect(formatInteger(-1000)).toBe('-1,000');
    expect(formatInteger(999)).toBe('999');
  });

  it('recognises money', () => {
    expect(isFen(0)).toBe(true);
    expect(isFen(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(isFen(-1)).toBe(false);
    expect(isFen(0.5)).toBe(false);
    expect(isFen(2 ** 53)).toBe(false);
    expect(isFen('1')).toBe(false);
  });
});
