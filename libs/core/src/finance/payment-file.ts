import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { BankLayout, PayeeField } from './bank-layouts';
import { spreadsheetSafe, UTF8_BOM } from './csv-text';
import { fenToYuan } from './money';

export interface PaymentInstruction {
  paymentReference: string;
  payeeName: string;
  payeeUscc: string;
  bankName: string;
  accountNo: string;
  cnapsCode: string | null;
  transferFen: number;
  purpose: string;
}

/** Free text a spreadsheet could take for a formula; digits (accounts, codes, amounts) never are. */
const FREE_TEXT: ReadonlySet<PayeeField> = new Set(['payeeName', 'bankName', 'purpose']);

function cellOf(field: PayeeField, i: PaymentInstruction, seq: number): string {
  switch (field) {
    case 'seq':
      return String(seq);
    case 'amountYuan':
      return fenToYuan(i.transferFen);
    case 'cnapsCode':
      return i.cnapsCode ?? '';
    default:
      return FREE_TEXT.has(field) ? spreadsheetSafe(i[field]) : i[field];
  }
}

/**
 * The payment file as CSV in the bank's layout: UTF-8 with BOM, CRLF, the layout's Chinese headers,
 * one row per transfer, amounts in yuan with exactly two decimals formatted from integer fen. The bank
 * must quote the payment reference back on the statement (the purpose carries it too).
 */
export function paymentFileCsv(layout: BankLayout, instructions: readonly PaymentInstruction[]): string {
  const rows = instructions.map((i, n) => layout.columns.map((c) => cellOf(c.field, i, n + 1)));
  return (
    UTF8_BOM + stringify([layout.columns.map((c) => c.header), ...rows], { record_delimiter: 'windows' })
  );
}

/**
 * The payment file as XLSX in the bank's layout: every cell is text (an account number shown as
 * 8.00123E+15 and saved back loses digits), the amount column too (two decimals, as the bank reads it),
 * then a totals row — 笔数 (transfers) and 合计金额 (total in yuan) — and the batch reference.
 */
export async function paymentFileXlsx(
  layout: BankLayout,
  instructions: readonly PaymentInstruction[],
  batchReference: string,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Huiqi';
  const sheet = workbook.addWorksheet(batchReference);
  sheet.columns = layout.columns.map((c) => ({
    header: c.header,
    key: c.field,
    width: c.field === 'payeeName' || c.field === 'bankName' || c.field === 'purpose' ? 32 : 22,
    style: { numFmt: '@' },
  }));
  instructions.forEach((i, n) => {
    sheet.addRow(layout.columns.map((c) => cellOf(c.field, i, n + 1)));
  });
  const totalFen = instructions.reduce((s, i) => s + BigInt(i.transferFen), 0n);
  sheet.addRow([]);
  sheet.addRow([
    '笔数',
    String(instructions.length),
    '合计金额',
    fenToYuan(Number(totalFen)),
    '批次号',
    batchReference,
  ]);
  sheet.getRow(1).font = { bold: true };
  const bytes = await workbook.xlsx.writeBuffer();
  return Buffer.from(bytes as ArrayBuffer);
}
