import { BANK_LAYOUTS, DEFAULT_BANK_LAYOUT } from './bank-layouts.data';

/** What a payment file column holds. */
export type PayeeField =
  | 'seq'
  | 'paymentReference'
  | 'payeeName'
  | 'payeeUscc'
  | 'accountNo'
  | 'bankName'
  | 'cnapsCode'
  | 'amountYuan'
  | 'purpose';

/** A bank's payment file template (data: see bank-layouts.data.ts). */
export interface BankLayout {
  code: string;
  name: { zh: string; en: string };
  columns: readonly { header: string; field: PayeeField }[];
  /** Payee fields the bank refuses a transfer without. */
  required: readonly PayeeField[];
}

/** The payee details a batch item carries from its lock. */
export interface PayeeDetails {
  payeeName: string | null;
  payeeUscc: string | null;
  accountNo: string | null;
  bankName: string | null;
  cnapsCode: string | null;
}

/** Chinese labels of the payee fields, for messages that name them. */
export const PAYEE_FIELD_LABELS: Record<keyof PayeeDetails, string> = {
  payeeName: '收款人户名',
  payeeUscc: '统一社会信用代码',
  accountNo: '收款账号',
  bankName: '开户行名称',
  cnapsCode: '联行号 (CNAPS code)',
};

export function bankLayout(code: string = DEFAULT_BANK_LAYOUT): BankLayout | null {
  return BANK_LAYOUTS.find((l) => l.code === code) ?? null;
}

export function bankLayoutCodes(): string[] {
  return BANK_LAYOUTS.map((l) => l.code);
}

/** The payee fields `layout` requires that `payee` lacks. */
export function missingPayeeFields(layout: BankLayout, payee: PayeeDetails): (keyof PayeeDetails)[] {
  return layout.required.filter(
    (f): f is keyof PayeeDetails => f in PAYEE_FIELD_LABELS && !payee[f as keyof PayeeDetails]?.trim(),
  );
}
