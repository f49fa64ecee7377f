import { fenToYuanText, formatFen, yuanToFen } from './money';

describe('yuanToFen', () => {
  it.each([
    ['0', 0],
    ['1', 100],
    ['1.5', 150],
    ['1.05', 105],
    ['0.07', 7],
    ['1,234.56', 123456],
    ['¥ 1 234.5', 123450],
    ['１２3．4', 12340],
    ['0.29', 29],
    ['1.13', 113],
    ['90071992547409.91', 9007199254740991],
    ['-2.10', -210],
    ['12.', 1200],
  ])('%s → %d fen', (text, fen) => expect(yuanToFen(text)).toBe(fen));

  it.each(['', 'abc', '1.234', '1e3', '.5', '1..2', '90071992547409.92', '--1'])('refuses %p', (text) =>
    expect(yuanToFen(text)).toBeNull(),
  );
});

describe('formatFen', () => {
  it.each([
    [0, '¥0.00'],
    [7, '¥0.07'],
    [123456, '¥1,234.56'],
    [100000000, '¥1,000,000.00'],
    [-5050, '-¥50.50'],
    [9007199254740991, '¥90,071,992,547,409.91'],
  ])('%d → %s', (fen, text) => expect(formatFen(fen)).toBe(text));

  it('round-trips through the input text', () => {
    for (const fen of [0, 1, 99, 100, 12345678, 2 ** 40 + 3]) expect(yuanToFen(fenToYuanText(fen))).toBe(fen);
  });
});
