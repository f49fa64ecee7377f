import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { bankLayout, missingPayeeFields } from './bank-layouts';
import { paymentFileCsv, paymentFileXlsx } from './payment-file';

const GENERIC = bankLayout('generic')!;

describe('payment file', () => {
  const instructions = [
    {
      paymentReference: 'HQ000000001P1',
      payeeName: '湖南示例科技有限公司',
      payeeUscc: '91430100MA4L00000X',
      bankName: '中国工商银行长沙分行',
      accountNo: '6222021001123456789',
      cnapsCode: '102551000012',
      transferFen: 100_000_005,
      purpose: '惠企补贴 HQ000000001P1',
    },
    {
      paymentReference: 'HQ000000002P1',
      payeeName: '=HYPERLINK("http://x"),"有限公司"',
      payeeUscc: '91430100MA4L00001X',
      bankName: '建设银行',
      accountNo: '4305018336000000011',
      cnapsCode: null,
      transferFen: 7,
      purpose: '惠企补贴 HQ000000002P1',
    },
  ];
  const csv = paymentFileCsv(GENERIC, instructions);

  it('starts with a UTF-8 byte order mark, uses CRLF and the layout’s Chinese headers', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(4);
    const [header] = parse(csv, { bom: true }) as string[][];
    expect(header).toEqual(GENERIC.columns.map((c) => c.header));
    expect(header).toContain('收款行联行号');
  });

  it('writes yuan with two decimals from integer fen, and keeps account numbers as digits', () => {
    const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows[0]).toMatchObject({
      序号: '1',
      付款参考号: 'HQ000000001P1',
      收款账号: '6222021001123456789',
      '金额(元)': '1000000.05',
      收款行联行号: '102551000012',
    });
    expect(rows[1]['金额(元)']).toBe('0.07');
  });

  it('neutralises spreadsheet formulas in free text', () => {
    const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows[1]['收款人户名']).toBe(`'=HYPERLINK("http://x"),"有限公司"`);
  });

  it('writes XLSX with text account numbers, a totals row and the batch reference', async () => {
    const bytes = await paymentFileXlsx(GENERIC, instructions, 'PB00000005');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(GENERIC.columns.map((c) => c.header));
    const account = sheet.getRow(2).getCell(GENERIC.columns.findIndex((c) => c.field === 'accountNo') + 1);
    expect(account.value).toBe('6222021001123456789');
    expect(typeof account.value).toBe('string');
    expect(account.numFmt).toBe('@');
    const totals = (sheet.getRow(5).values as unknown[]).slice(1);
    expect(totals).toEqual(['笔数', '2', '合计金额', '1000000.12', '批次号', 'PB00000005']);
  });

  it('names the fields a payee lacks for the layout', () => {
    expect(
      missingPayeeFields(GENERIC, {
        payeeName: 'x',
        payeeUscc: 'y',
        accountNo: '1',
        bankName: ' ',
        cnapsCode: null,
      }),
    ).toEqual(['bankName', 'cnapsCode']);
  });
});
