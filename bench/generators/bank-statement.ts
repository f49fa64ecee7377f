/** What the bank statement must confirm: one payment of a disbursement batch. */
export interface ExpectedPayment {
  reference: string;
  transferFen: number;
}

export const STATEMENT_HEADER = 'transaction_id,value_date,direction,amount,payment_reference,status,reason';

/** Yuan with two decimals from integer fen, by string arithmetic (no floating point). */
export function yuan(fen: number): string {
  const s = String(fen).padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

/**
 * A bank statement of `lines` lines (plus the header) for the zone's disbursement account: the
 * batch's payments, confirmed, spread evenly through the file, and the account's other traffic
 * around them: payouts with references Huiqi does not know (60%), incoming transfers (30%) and bank
 * fees without a reference (10%). Deterministic for a given `seed`; transaction ids are unique.
 */
export function bankStatementRows(lines: number, payments: ExpectedPayment[], seed = 7): string[] {
  const rows: string[] = [];
  const every = payments.length ? Math.max(1, Math.floor(lines / payments.length)) : Infinity;
  let paid = 0;
  // Payments are dated today (Beijing): a line dated before its case was submitted goes to review.
  const paidOn = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
  for (let n = 1; n <= lines; n++) {
    const day = `2026-05-${String(1 + (n % 28)).padStart(2, '0')}`;
    const txn = `ICBC${String(seed).padStart(4, '0')}${String(n).padStart(9, '0')}`;
    if (paid < payments.length && n % every === 0) {
      const p = payments[paid++];
      rows.push(`${txn},${paidOn},debit,${yuan(p.transferFen)},${p.reference},success,`);
      continue;
    }
    const r = next() % 10;
    const amount = yuan(100 + (next() % 50_000_000));
    if (r < 6) rows.push(`${txn},${day},debit,${amount},TR${String(n).padStart(10, '0')},success,`);
    else if (r < 9) rows.push(`${txn},${day},credit,${amount},IN${String(n).padStart(10, '0')},success,`);
    else rows.push(`${txn},${day},debit,${yuan(100 + (next() % 5_000))},,success,`);
  }
  // Payments that did not fit (lines < payments) go at the end.
  while (paid < payments.length) {
    const p = payments[paid++];
    rows.push(
      `ICBC${String(seed).padStart(4, '0')}P${String(paid).padStart(8, '0')},${paidOn},debit,${yuan(p.transferFen)},${p.reference},success,`,
    );
  }
  return rows;
}

/** Splits rows into files under the import endpoint's limits (lines per file, characters per file). */
export function splitStatement(rows: string[], maxLines: number, maxChars: number): string[] {
  const files: string[] = [];
  let current: string[] = [];
  let chars = STATEMENT_HEADER.length;
  for (const row of rows) {
    if (current.length > 0 && (current.length >= maxLines || chars + row.length + 2 > maxChars)) {
      files.push([STATEMENT_HEADER, ...current].join('\r\n'));
      current = [];
      chars = STATEMENT_HEADER.length;
    }
    current.push(row);
    chars += row.length + 2;
  }
  if (current.length) files.push([STATEMENT_HEADER, ...current].join('\r\n'));
  return files;
}
