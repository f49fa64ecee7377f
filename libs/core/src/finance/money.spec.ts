import fc from 'fast-check';
import { fenToYuan, parseYuan } from './money';

describe('yuan text ↔ fen', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [50, '0.50'],
    [100, '1.00'],
    [123456, '1234.56'],
    [100_000_000, '1000000.00'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
  ])('formats %d fen as %s', (fen, text) => {
    expect(fenToYuan(fen)).toBe(text);
  });

  it.each([-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1])('refuses to format %s', (fen) => {
    expect(() => fenToYuan(fen)).toThrow(RangeError);
  });

  it.each([
    ['1234.56', 123456],
    ['1234.5', 123450],
    ['1234', 123400],
    ['1,234.50', 123450],
    ['1,234,567.01', 123456701],
    ['0.01', 1],
    ['000.10', 10],
    [' ¥12.00 ', 1200],
    ['￥0', 0],
  ])('parses %j as %d fen', (text, fen) => {
    expect(parseYuan(text)).toBe(fen);
  });

  it.each([
    '',
    '-1.00',
    '+1.00',
    '1.234',
    '1e3',
    '1,23.00',
    '12,34',
    '.5',
    '1.',
    'abc',
    '1 000.00',
    '99999999999999999.00',
  ])('refuses %j', (text) => {
    expect(parseYuan(text)).toBeNull();
  });

  it('round-trips every safe amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (fen) => {
        expect(parseYuan(fenToYuan(fen))).toBe(fen);
      }),
    );
  });
});
