import { createHash } from 'node:crypto';
import type { FieldIssue } from '../errors/domain-error';
import { parseYuan } from './money';
import { CsvSyntaxError, readCsv } from './statement-csv';

export type StatementDirection = 'debit' | 'credit';
export type BankStatus = 'success' | 'returned' | 'failed';

/** One well-formed line of a bank statement. */
export interface StatementLine {
  /** 1-based line number in the file, the header being line 1. */
  lineNo: number;
  transactionId: string | null;
  /** YYYY-MM-DD */
  valueDate: string;
  direction: StatementDirection;
  amountFen: number;
  reference: string | null;
  status: BankStatus;
  counterpartyName: string | null;
  counterpartyAccount: string | null;
  reason: string | null;
  /** Identifies the bank transaction across files: `txn:<id>`, or a hash of the line without an id. */
  dedupeKey: string;
}

/** A line that could not be read, with every field that is wrong. */
export interface StatementLineError {
  lineNo: number;
  errors: FieldIssue[];
}

export interface ParsedStatement {
  lines: StatementLine[];
  errors: StatementLineError[];
}

type Column =
  | 'transaction_id'
  | 'value_date'
  | 'direction'
  | 'amount'
  | 'reference'
  | 'status'
  | 'counterparty_name'
  | 'counterparty_account'
  | 'reason';

/** Header names accepted for each column (case and spaces ignored), English first, then common bank exports. */
export const STATEMENT_COLUMNS: Readonly<Record<Column, readonly string[]>> = {
  transaction_id: [
    'transaction_id',
    'transactionid',
    'bank_transaction_id',
    '交易流水号',
    '流水号',
    '交易序号',
  ],
  value_date: ['value_date', 'date', 'transaction_date', '交易日期', '记账日期', '日期'],
  direction: ['direction', 'debit_credit', '借贷方向', '借贷标志', '收支方向'],
  amount: ['amount', 'amount_yuan', '金额', '交易金额', '发生额'],
  reference: ['payment_reference', 'reference', '付款参考号', '附言', '摘要', '用途'],
  status: ['status', '状态', '交易状态', '处理状态'],
  counterparty_name: ['counterparty_name', 'payee_name', '对方户名', '收款人名称', '对方名称'],
  counterparty_account: ['counterparty_account', 'account_no', '对方账号', '收款账号'],
  reason: ['reason', 'bank_reason', 'failure_reason', '失败原因', '退汇原因', '原因', '备注'],
};

const REQUIRED: readonly Column[] = ['value_date', 'amount'];
/** Lines per file (a year of a busy zone account; the upload size limit usually bites first). */
export const MAX_STATEMENT_LINES = 250_000;

const DIRECTIONS: Record<string, StatementDirection> = {
  debit: 'debit',
  d: 'debit',
  dr: 'debit',
  out: 'debit',
  借: 'debit',
  支出: 'debit',
  付: 'debit',
  credit: 'credit',
  c: 'credit',
  cr: 'credit',
  in: 'credit',
  贷: 'credit',
  收入: 'credit',
  收: 'credit',
};

const STATUSES: Record<string, BankStatus> = {
  success: 'success',
  succeeded: 'success',
  ok: 'success',
  成功: 'success',
  交易成功: 'success',
  returned: 'returned',
  return: 'returned',
  退票: 'returned',
  退汇: 'returned',
  退回: 'returned',
  failed: 'failed',
  failure: 'failed',
  fail: 'failed',
  失败: 'failed',
  交易失败: 'failed',
};

/** A file the import cannot read at all (no header, missing columns, broken CSV): a 400 on `content`. */
export class StatementFormatError extends Error {}

const normalizeHeader = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/**
 * Reads a bank statement CSV (UTF-8, BOM optional). Lines that cannot be read are reported with their
 * field errors, never thrown: one bad line does not stop the others.
 */
export function parseStatement(content: string): ParsedStatement {
  const { rows, columns } = readTable(content);
  const lines: StatementLine[] = [];
  const errors: StatementLineError[] = [];
  for (let i = 1; i < rows.length; i++) {
    const result = readLine(rows[i], columns, i + 1);
    if ('errors' in result) errors.push(result);
    else lines.push(result);
  }
  return { lines, errors };
}

/**
 * Checks what parseStatement would refuse about the file as a whole (not CSV, no header naming the
 * required columns, too many lines) without reading its lines; returns how many lines it has.
 */
export function inspectStatement(content: string): { lineCount: number } {
  return { lineCount: readTable(content).rows.length - 1 };
}

function readTable(content: string): { rows: string[][]; columns: Partial<Record<Column, number>> } {
  // Postgres text cannot hold NUL, and no bank writes one into a CSV export.
  if (content.includes('\u0000'))
    throw new StatementFormatError('the file contains NUL characters: not a CSV text file');
  let rows: string[][];
  try {
    rows = readCsv(content);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    throw new StatementFormatError(`not a readable CSV file: ${error.message}`);
  }
  if (rows.length === 0) throw new StatementFormatError('the file is empty');
  if (rows.length - 1 > MAX_STATEMENT_LINES)
    throw new StatementFormatError(`at most ${MAX_STATEMENT_LINES} lines per file`);
  return { rows, columns: mapHeader(rows[0]) };
}

function mapHeader(header: string[]): Partial<Record<Column, number>> {
  const normalized = header.map(normalizeHeader);
  const columns: Partial<Record<Column, number>> = {};
  for (const [column, names] of Object.entries(STATEMENT_COLUMNS) as [Column, readonly string[]][]) {
    const index = normalized.findIndex((h) => names.includes(h));
    if (index >= 0) columns[column] = index;
  }
  const missing = REQUIRED.filter((c) => columns[c] === undefined);
  if (missing.length > 0) {
    throw new StatementFormatError(
      `the header must name the columns ${missing.join(', ')} (found: ${header.join(', ') || 'nothing'})`,
    );
  }
  return columns;
}

function readLine(
  row: string[],
  columns: Partial<Record<Column, number>>,
  lineNo: number,
): StatementLine | StatementLineError {
  const cell = (c: Column): string => {
    const index = columns[c];
    return index === undefined ? '' : (row[index] ?? '').trim();
  };
  const errors: FieldIssue[] = [];

  const valueDate = parseDate(cell('value_date'));
  if (!valueDate) errors.push({ field: 'value_date', messages: ['must be a date such as 2026-03-31'] });

  const amountFen = parseYuan(cell('amount'));
  if (amountFen === null || amountFen <= 0) {
    errors.push({
      field: 'amount',
      messages: ['must be a positive amount in yuan with at most two decimals'],
    });
  }

  const rawDirection = cell('direction').toLowerCase();
  const direction = rawDirection === '' ? 'debit' : DIRECTIONS[rawDirection];
  if (!direction) errors.push({ field: 'direction', messages: ['must be debit or credit (借/贷)'] });

  const rawStatus = cell('status').toLowerCase();
  const status = rawStatus === '' ? 'success' : STATUSES[rawStatus];
  if (!status) errors.push({ field: 'status', messages: ['must be success, returned or failed'] });

  const transactionId = cell('transaction_id');
  if (transactionId.length > 100) {
    errors.push({ field: 'transaction_id', messages: ['must be at most 100 characters'] });
  }
  const reference = cell('reference');
  const counterpartyName = cell('counterparty_name');
  const counterpartyAccount = cell('counterparty_account');
  const reason = cell('reason');
  const long = (field: Column, text: string) => {
    if (text.length > 500) errors.push({ field, messages: ['must be at most 500 characters'] });
  };
  long('reference', reference);
  long('counterparty_name', counterpartyName);
  long('counterparty_account', counterpartyAccount);
  long('reason', reason);
  if (errors.length > 0) return { lineNo, errors };

  const line: StatementLine = {
    lineNo,
    transactionId: transactionId || null,
    valueDate: valueDate as string,
    direction: direction as StatementDirection,
    amountFen: amountFen as number,
    reference: reference || null,
    status: status as BankStatus,
    counterpartyName: counterpartyName || null,
    counterpartyAccount: counterpartyAccount ? counterpartyAccount.replace(/[\s-]/g, '') : null,
    reason: reason || null,
    dedupeKey: '',
  };
  line.dedupeKey = dedupeKeyOf(line);
  return line;
}

/**
 * The bank's transaction id identifies a transaction in every statement that lists it. Without one,
 * the line's content does: two identical lines without ids are taken for the same transaction.
 */
export function dedupeKeyOf(line: Omit<StatementLine, 'dedupeKey' | 'lineNo'>): string {
  if (line.transactionId) return `txn:${line.transactionId}`;
  const canonical = [
    line.valueDate,
    line.direction,
    String(line.amountFen),
    line.reference ?? '',
    line.status,
    line.counterpartyAccount ?? '',
  ].join('\u001f');
  return `sha256:${createHash('sha256').update(canonical).digest('hex')}`;
}

function parseDate(text: string): string | null {
  const m = DATE_PATTERN.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 2000 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
}

const DATE_PATTERN = /^(\d{4})[-/.]?(\d{1,2})[-/.]?(\d{1,2})(?:[ T].*)?$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
