import { stringify } from 'csv-stringify/sync';
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

export const PAYMENT_FILE_COLUMNS = [
  'payment_reference',
  'payee_name',
  'uscc',
  'bank_name',
  'account_no',
  'cnaps_code',
  'amount_yuan',
  'purpose',
] as const;

/**
 * The payment file sent to the bank: UTF-8 with BOM, CRLF, one row per transfer, amounts in yuan with
 * exactly two decimals formatted from integer fen. The bank must quote `payment_reference` back on
 * the statement: it is how every line is matched.
 */
export function paymentFileCsv(instructions: readonly PaymentInstruction[]): string {
  const rows = instructions.map((i) => [
    i.paymentReference,
    spreadsheetSafe(i.payeeName),
    i.payeeUscc,
    spreadsheetSafe(i.bankName),
    i.accountNo,
    i.cnapsCode ?? '',
    fenToYuan(i.transferFen),
    spreadsheetSafe(i.purpose),
  ]);
  return UTF8_BOM + stringify([[...PAYMENT_FILE_COLUMNS], ...rows], { record_delimiter: 'windows' });
}
