import fc from 'fast-check';
import { CsvSyntaxError, readCsv } from './statement-csv';

describe('statement CSV reading (csv-parse)', () => {
  it('reads quoted fields, doubled quotes, line breaks inside quotes, a BOM and blank lines', () => {
    expect(readCsv('\uFEFFa,b\n"1,5","say ""hi"""\n" x ",\n"multi\nline", y \n\n   \n')).toEqual([
      ['a', 'b'],
      ['1,5', 'say "hi"'],
      [' x ', ''], // whitespace inside quotes is data
      ['multi\nline', 'y'],
    ]);
    expect(readCsv('')).toEqual([]);
    expect(readCsv('a,')).toEqual([['a', '']]);
  });

  it.each(['a,"b', 'a\nb"c', '"a"b'])(
    'refuses the malformed file %j with the line of the problem',
    (text) => {
      expect(() => readCsv(text)).toThrow(CsvSyntaxError);
      try {
        readCsv(text);
      } catch (error) {
        expect((error as CsvSyntaxError).line).toBeGreaterThanOrEqual(1);
      }
    },
  );

  it('on any text: records or a CsvSyntaxError, nothing else', () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc
        .array(fc.constantFrom('a', ' ', ',', '"', '\n', '\r\n', 'x"', '""', '\uFEFF'), { maxLength: 30 })
        .map((p) => p.join('')),
    );
    fc.assert(
      fc.property(text, (t) => {
        try {
          const rows = readCsv(t);
          expect(rows.every((r) => r.every((f) => typeof f === 'string'))).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(CsvSyntaxError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
