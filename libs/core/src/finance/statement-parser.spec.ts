import fc from 'fast-check';
import { parseStatement, StatementFormatError } from './statement-parser';

const HEADER =
  'transaction_id,value_date,direction,amount,payment_reference,status,counterparty_name,counterparty_account,reason';

describe('bank statement parser', () => {
  it('reads lines into integer fen with stable dedupe keys', () => {
    const { lines, errors } = parseStatement(
      [
        HEADER,
        'T001,2026-03-31,debit,"1,234.50",HQ000000001P1,success,湖南示例科技有限公司,6222 0210 0112 3456 789,',
        'T002,2026/04/01,debit,7,HQ000000002P1,returned,某公司,43050183360000000111,账户已销户',
        ',20260402,credit,100.5,ZH000000001,,某公司,,',
      ].join('\r\n'),
    );
    expect(errors).toEqual([]);
    expect(lines[0]).toMatchObject({
      lineNo: 2,
      transactionId: 'T001',
      valueDate: '2026-03-31',
      direction: 'debit',
      amountFen: 123450,
      reference: 'HQ000000001P1',
      status: 'success',
      counterpartyAccount: '6222021001123456789',
      reason: null,
      dedupeKey: 'txn:T001',
    });
    expect(lines[1]).toMatchObject({
      valueDate: '2026-04-01',
      amountFen: 700,
      status: 'returned',
      reason: '账户已销户',
    });
    expect(lines[2]).toMatchObject({
      transactionId: null,
      direction: 'credit',
      amountFen: 10050,
      status: 'success',
    });
    expect(lines[2].dedupeKey).toMatch(/^sha256:[0-9a-f]{64}$/);
    // The same line without an id has the same key in any file.
    const again = parseStatement(`${HEADER}\n,2026-04-02,credit,100.50,ZH000000001,,other name,,`).lines[0];
    expect(again.dedupeKey).toBe(lines[2].dedupeKey);
  });

  it('accepts Chinese headers and values, a BOM, and defaults direction and status', () => {
    const { lines } = parseStatement(
      '\uFEFF交易流水号,交易日期,借贷方向,金额,附言,交易状态,失败原因\nA1,2026-01-05,借,10.00,REF,退汇,户名不符\nA2,2026-01-05,,1,REF2,,',
    );
    expect(lines.map((l) => [l.direction, l.status, l.reason])).toEqual([
      ['debit', 'returned', '户名不符'],
      ['debit', 'success', null],
    ]);
  });

  it('reports every bad field of a bad line and keeps reading', () => {
    const { lines, errors } = parseStatement(
      [
        HEADER,
        'X1,2026-02-30,sideways,-5.00,R,maybe,,,',
        'X2,2026-02-28,debit,1.234,R,,,,',
        'X3,2026-02-28,debit,0,R,,,,',
        'X4,2026-02-28,debit,1.00,R,,,,',
      ].join('\n'),
    );
    expect(errors).toEqual([
      {
        lineNo: 2,
        errors: [
          { field: 'value_date', messages: [expect.any(String)] },
          { field: 'amount', messages: [expect.any(String)] },
          { field: 'direction', messages: [expect.any(String)] },
          { field: 'status', messages: [expect.any(String)] },
        ],
      },
      { lineNo: 3, errors: [{ field: 'amount', messages: [expect.any(String)] }] },
      { lineNo: 4, errors: [{ field: 'amount', messages: [expect.any(String)] }] },
    ]);
    expect(lines.map((l) => l.transactionId)).toEqual(['X4']);
  });

  it.each([
    ['', /empty/],
    ['foo,bar\n1,2', /value_date, amount/],
    ['value_date,amount\n"2026-01-01,1', /readable CSV/],
    ['value_date,amount\n2026-01-01,1\u0000', /NUL/],
  ])('refuses an unreadable file %#', (content, message) => {
    expect(() => parseStatement(content)).toThrow(StatementFormatError);
    expect(() => parseStatement(content)).toThrow(message);
  });

  it('never throws anything but a format error, and accounts for every line', () => {
    const cell = fc.oneof(
      fc.string(),
      fc.constantFrom(
        '2026-01-31',
        'debit',
        'credit',
        '借',
        'returned',
        '1,234.56',
        '-1',
        '0.001',
        '"',
        ',',
        '\n',
      ),
    );
    const content = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 300 }),
      fc
        .array(fc.array(cell, { maxLength: 10 }), { maxLength: 20 })
        .map((rows) => [HEADER, ...rows.map((r) => r.join(','))].join('\n')),
    );
    fc.assert(
      fc.property(content, (text) => {
        try {
          const { lines, errors } = parseStatement(text);
          for (const line of lines) {
            expect(Number.isSafeInteger(line.amountFen) && line.amountFen > 0).toBe(true);
            expect(line.valueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          }
          expect(new Set([...lines, ...errors].map((l) => l.lineNo)).size).toBe(lines.length + errors.length);
        } catch (error) {
          expect(error).toBeInstanceOf(StatementFormatError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
