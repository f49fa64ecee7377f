/**
 * Bank accounts that receive subsidy payments. Chinese corporate settlement accounts vary by bank
 * (commonly 12-25 digits) and carry no universal checksum, so we check shape, not arithmetic;
 * the CNAPS bank code (大额支付系统行号) is exactly 12 digits.
 */
export interface BankAccount {
  bankName: string;
  accountName: string;
  accountNo: string;
  cnapsCode?: string | null;
}

export const ACCOUNT_NO_PATTERN = /^\d{9,30}$/;
export const CNAPS_PATTERN = /^\d{12}$/;

/** Removes the spaces and dashes people type when copying account numbers. */
export function normalizeAccountNo(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/** Shows only the last four digits: `**** **** 6789`. */
export function maskAccountNo(accountNo: string): string {
  const digits = normalizeAccountNo(accountNo);
  return `**** **** ${digits.slice(-4)}`;
}
