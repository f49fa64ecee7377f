import { parse } from 'csv-parse/sync';
import { PAYMENT_FILE_COLUMNS, paymentFileCsv } from './payment-file';

describe('payment file', () => {
  const csv = paymentFileCsv([
    {
      paymentReference: 'HQ000000001P1',
      payeeName: '湖南示例科技有限公司',
      payeeUscc: '91430100MA4L00000X',
      bankName: '中国工商银行长沙分行',
      accountNo: '6222021001123456789',
      cnapsCode: '102551000012',
      transferFen: 100_000_005,
      purpose: '补贴资金 HQ000000001',
    },
    {
      paymentReference: 'HQ000000002P1',
      payeeName: '=HYPERLINK("http://x"),"有限公司"',
      payeeUscc: '91430100MA4L00001X',
      bankName: '建设银行',
      accountNo: '43050183360000000111',
      cnapsCode: null,
      transferFen: 7,
      purpose: '补贴资金',
    },
  ]);

  it('starts with a UTF-8 byte order mark and uses CRLF', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(4);
  });

  it('writes yuan with two decimals from integer fen, and keeps account numbers as digits', () => {
    const [header, first, second] = parse(csv, { bom: true }) as string[][];
    expect(header).toEqual([...PAYMENT_FILE_COLUMNS]);
    expect(first).toEqual([
      'HQ000000001P1',
      '湖南示例科技有限公司',
      '91430100MA4L00000X',
      '中国工商银行长沙分行',
      '6222021001123456789',
      '102551000012',
      '1000000.05',
      '补贴资金 HQ000000001',
    ]);
    expect(second[6]).toBe('0.07');
    expect(second[5]).toBe('');
  });

  it('neutralises spreadsheet formulas in free text and quotes commas and quotes', () => {
    const [, , second] = parse(csv, { bom: true }) as string[][];
    expect(second[1]).toBe(`'=HYPERLINK("http://x"),"有限公司"`);
  });
});
