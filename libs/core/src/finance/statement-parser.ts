import { referencesIn } from '@huiqi/common';
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
  /**
   * Strings that may be a Huiqi reference, best first: the reference column as written, then every
   * reference-shaped string in the line's free text (摘要, 附言, 用途, 备注, ...). The import looks them
   * up among the zone's payments and clawbacks.
   */
  candidates: string[];
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
  | 'debit_amount'
  | 'credit_amount'
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
  debit_amount: ['debit_amount', '借方发生额', '借方金额', '支出金额', '付款金额', '借方发生额（支取）'],
  credit_amount: ['credit_amount', '贷方发生额', '贷方金额', '收入金额', '收款金额', '贷方发生额（收入）'],
  reference: ['payment_reference', 'reference', '付款参考号', '附言', '摘要', '用途'],
  status: ['status', '状态', '交易状态', '处理状态'],
  counterparty_name: ['counterparty_name', 'payee_name', '对方户名', '收款人名称', '对方名称'],
  counterparty_account: ['counterparty_account', 'account_no', '对方账号', '收款账号'],
  reason: ['reason', 'bank_reason', 'failure_reason', '失败原因', '退汇原因', '原因', '备注'],
};

/**
 * Columns of free text in which banks echo the payer's purpose: every one of them is searched for
 * references (the `reference` column keeps the first of them as the line's recorded reference).
 */
export const FREE_TEXT_HEADERS: readonly string[] = [
  'payment_reference',
  'reference',
  'memo',
  'purpose',
  'remark',
  '付款参考号',
  '摘要',
  '附言',
  '用途',
  '备注',
  '交易附言',
  '交易摘要',
  '说明',
  '业务摘要',
  '汇款用途',
];

/** Rows before the header that a bank puts above it (account, period, title) are skipped. */
const HEADER_SEARCH_ROWS = 30;
/** Lines per file (a year of a busy zone account; the upload size limit usually bites first). */
export const MAX_STATEMENT_LINES = 250_000;

const DIRECTIONS: Record<string, StatementDirection> = {
  debit: 'debit',
  d: 'debit',
  dr: 'debit',
  out: 'debit',
  借: 'debit',
  借方: 'debit',
  出: 'debit',
  支出: 'debit',
  付: 'debit',
  credit: 'credit',
  c: 'credit',
  cr: 'credit',
  in: 'credit',
  贷: 'credit',
  贷方: 'credit',
  入: 'credit',
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
  已退汇: 'returned',
  已退票: 'returned',
  退回: 'returned',
  failed: 'failed',
  failure: 'failed',
  fail: 'failed',
  失败: 'failed',
  已成功: 'success',
  处理成功: 'success',
  交易失败: 'failed',
};

/** A file the import cannot read at all (no header, missing columns, broken CSV): a 400 on `content`. */
export class StatementFormatError extends Error {}

const normalizeHeader = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[(（](?:元|人民币|rmb|cny|yuan)[)）]$/, '')
    .trim()
    .replace(/[\s-]+/g, '_');

/**
 * Reads a bank statement CSV (UTF-8, BOM optional). Lines that cannot be read are reported with their
 * field errors, never thrown: one bad line does not stop the others.
 */
export function parseStatement(content: string): ParsedStatement {
  return parseStatementRows(csvRows(content));
}

/** Reads a statement already split into rows of cells (a decoded CSV or an XLSX sheet). */
export function parseStatementRows(rawRows: string[][]): ParsedStatement {
  const { rows, columns, headerIndex, freeText } = readTable(rawRows);
  const lines: StatementLine[] = [];
  const errors: StatementLineError[] = [];
  for (let i = headerIndex + 1; i < rows.length; i++) {
    if (rows[i].every((c) => (c ?? '').trim() === '')) continue;
    const result = readLine(rows[i], columns, freeText, i + 1);
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
  return inspectStatementRows(csvRows(content));
}

export function inspectStatementRows(rawRows: string[][]): { lineCount: number } {
  const { rows, headerIndex } = readTable(rawRows);
  let lineCount = 0;
  for (let i = headerIndex + 1; i < rows.length; i++) {
    if (!rows[i].every((c) => (c ?? '').trim() === '')) lineCount += 1;
  }
  return { lineCount };
}

/** The records of a CSV text (comma or, when the text is tab separated, tab delimited). */
export function csvRows(content: string): string[][] {
  // Postgres text cannot hold NUL, and no bank writes one into a CSV export.
  if (content.includes('\u0000'))
    throw new StatementFormatError('the file contains NUL characters: not a CSV text file');
  try {
    return readCsv(content);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    throw new StatementFormatError(`not a readable CSV file: ${error.message}`);
  }
}

interface Table {
  rows: string[][];
  headerIndex: number;
  columns: Partial<Record<Column, number>>;
  /** Indexes of every free-text column (searched for references). */
  freeText: number[];
}

function readTable(rows: string[][]): Table {
  if (rows.length === 0) throw new StatementFormatError('the file is empty');
  let headerIndex = -1;
  let columns: Partial<Record<Column, number>> = {};
  const searched = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < searched && headerIndex < 0; i++) {
    const mapped = mapHeader(rows[i]);
    if (missingOf(mapped).length === 0) {
      headerIndex = i;
      columns = mapped;
    }
  }
  if (headerIndex < 0) {
    const missing = missingOf(mapHeader(rows[0]));
    throw new StatementFormatError(
      `the header must name the columns ${missing.join(', ')} (found: ${rows[0].join(', ') || 'nothing'})`,
    );
  }
  if (rows.length - 1 - headerIndex > MAX_STATEMENT_LINES)
    throw new StatementFormatError(`at most ${MAX_STATEMENT_LINES} lines per file`);
  const freeText = rows[headerIndex]
    .map((h, index) => ({ h: normalizeHeader(h ?? ''), index }))
    .filter(({ h }) => FREE_TEXT_HEADERS.includes(h))
    .map(({ index }) => index);
  return { rows, headerIndex, columns, freeText };
}

/** The required columns a header lacks: a date, and an amount (one column, or debit and credit ones). */
function missingOf(columns: Partial<Record<Column, number>>): string[] {
  const missing: string[] = [];
  if (columns.value_date === undefined) missing.push('value_date');
  const amounts = columns.debit_amount !== undefined || columns.credit_amount !== undefined;
  if (columns.amount === undefined && !amounts) missing.push('amount');
  return missing;
}

function mapHeader(header: string[]): Partial<Record<Column, number>> {
  const normalized = header.map((h) => normalizeHeader(h ?? ''));
  const columns: Partial<Record<Column, number>> = {};
  for (const [column, names] of Object.entries(STATEMENT_COLUMNS) as [Column, readonly string[]][]) {
    const index = normalized.findIndex((h) => names.includes(h));
    if (index >= 0) columns[column] = index;
  }
  return columns;
}

/** Debit/credit amount columns: the one with an amount gives the amount and the direction. */
function splitAmount(
  debitText: string,
  creditText: string,
): { amount: string; direction: StatementDirection | null } {
  const blank = (t: string) => t === '' || t === '-' || parseYuan(t) === 0;
  const debit = !blank(debitText);
  const credit = !blank(creditText);
  if (debit && !credit) return { amount: debitText, direction: 'debit' };
  if (credit && !debit) return { amount: creditText, direction: 'credit' };
  return { amount: debit ? 'both' : '', direction: null };
}

function readLine(
  row: string[],
  columns: Partial<Record<Column, number>>,
  freeText: number[],
  lineNo: number,
): StatementLine | StatementLineError {
  const cell = (c: Column): string => {
    const index = columns[c];
    return index === undefined ? '' : (row[index] ?? '').trim();
  };
  const errors: FieldIssue[] = [];

  const valueDate = parseDate(cell('value_date'));
  if (!valueDate) errors.push({ field: 'value_date', messages: ['must be a date such as 2026-03-31'] });

  const split =
    columns.amount === undefined ? splitAmount(cell('debit_amount'), cell('credit_amount')) : null;
  const amountText = split ? split.amount : cell('amount');
  const amountFen = parseYuan(amountText);
  if (amountFen === null || amountFen <= 0) {
    errors.push({
      field: split ? 'debit_amount/credit_amount' : 'amount',
      messages: [
        split
          ? 'exactly one of the debit and credit amounts must be a positive amount in yuan'
          : 'must be a positive amount in yuan with at most two decimals',
      ],
    });
  }

  const rawDirection = cell('direction').toLowerCase();
  const direction = rawDirection === '' ? (split?.direction ?? 'debit') : DIRECTIONS[rawDirection];
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

  const text = freeText.map((index) => row[index] ?? '').join(' ');
  const candidates = [...new Set([reference, ...referencesIn(`${reference} ${text}`)])].filter(
    (c) => c !== '' && c.length <= 100,
  );

  const line: StatementLine = {
    lineNo,
    transactionId: transactionId || null,
    valueDate: valueDate as string,
    direction: direction as StatementDirection,
    amountFen: amountFen as number,
    reference: reference || null,
    candidates,
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
export function dedupeKeyOf(line: Omit<StatementLine, 'dedupeKey' | 'lineNo' | 'candidates'>): string {
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
