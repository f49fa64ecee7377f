import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { statementRows } from './statement-decode';
import { parseStatementRows } from './statement-parser';

/** A statement as a Chinese bank's online banking exports it: title rows, split debit/credit amounts, free text. */
const BANK_EXPORT = [
  '账户明细查询',
  '账号：43050183360000000111,户名：宁乡高新区财政分局',
  '交易日期,交易流水号,摘要,对方户名,对方账号,借方发生额(元),贷方发生额(元),余额,附言,备注',
  '2026-05-06 10:12:01,B001,惠企补贴 hq000000018p1,湖南示例科技有限公司,6222021001123456789,"12,000.00",,1000,,',
  '2026/05/07,B002,代发,某公司,6222,,300.00,1300,退回 ZH000000001,',
  '20260508,B003,转账,某公司,6222,5.00,,1295,,无参考号',
].join('\r\n');

describe('statement files as banks export them', () => {
  it('reads a GBK file with title rows, split amounts and references inside free text', async () => {
    const bytes = iconv.encode(BANK_EXPORT, 'gbk');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const { lines, errors } = parseStatementRows(await statementRows(bytes));
    expect(errors).toEqual([]);
    expect(lines.map((l) => [l.transactionId, l.valueDate, l.direction, l.amountFen, l.candidates])).toEqual([
      ['B001', '2026-05-06', 'debit', 1_200_000, ['惠企补贴 hq000000018p1', 'HQ000000018P1']],
      ['B002', '2026-05-07', 'credit', 30_000, ['代发', 'ZH000000001']],
      ['B003', '2026-05-08', 'debit', 500, ['转账']],
    ]);
    expect(lines[0].counterpartyName).toBe('湖南示例科技有限公司');
  });

  it('reads the same statement from UTF-8 and from GB18030 alike', async () => {
    const utf8 = parseStatementRows(await statementRows(Buffer.from(BANK_EXPORT, 'utf8')));
    const gb = parseStatementRows(await statementRows(iconv.encode(BANK_EXPORT, 'gb18030')));
    expect(gb).toEqual(utf8);
  });

  it('reads an XLSX statement: dates, numeric amounts and account numbers as the bank wrote them', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('明细');
    sheet.addRow(['交易明细']);
    sheet.addRow(['交易日期', '交易流水号', '金额', '借贷标志', '用途', '对方账号', '交易状态']);
    sheet.addRow([
      new Date(Date.UTC(2026, 4, 6)),
      'X1',
      1234.5,
      '借',
      '惠企补贴HQNX26000030P1',
      '6222021001123456789',
      '成功',
    ]);
    sheet.addRow(['2026-05-07', 'X2', 0.1 + 0.2, '贷', '', '6222', '']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const { lines, errors } = parseStatementRows(await statementRows(bytes));
    expect(errors).toEqual([]);
    expect(lines[0]).toMatchObject({
      lineNo: 3,
      valueDate: '2026-05-06',
      amountFen: 123_450,
      direction: 'debit',
      status: 'success',
      counterpartyAccount: '6222021001123456789',
    });
    expect(lines[0].candidates).toContain('HQNX26000030P1');
    expect(lines[1]).toMatchObject({ amountFen: 30, direction: 'credit' });
  });

  it('refuses a line with both a debit and a credit amount, naming the columns', async () => {
    const text = '交易日期,借方发生额,贷方发生额\n2026-01-01,1.00,2.00';
    const { errors } = parseStatementRows(await statementRows(Buffer.from(text)));
    expect(errors[0].errors[0].field).toBe('debit_amount/credit_amount');
  });

  it('reads tab-separated exports', async () => {
    const text = '交易日期\t金额\t摘要\n2026-01-01\t1.00\tHQ000000001P1';
    const { lines } = parseStatementRows(await statementRows(Buffer.from(text)));
    expect(lines[0].candidates).toContain('HQ000000001P1');
  });
});
