import type { LedgerAccount } from '@huiqi/database/entities/ledger-entry.entity';
import type { LedgerJournalKind } from '@huiqi/database/entities/ledger-journal.entity';

/**
 * The chart of accounts of every fund pool (debit positive, credit negative):
 * - `funding` (credit): the appropriation; minus its balance is the allocation;
 * - `available`, `reserved`, `paid` (debit): where the allocation currently is;
 * - `clawback` (credit): money claimed back; `receivable` (debit): still owed; `recovered` (debit): got back.
 * Recovered money returns to the treasury, not to `available`: re-using it is a new allocation.
 */
export const LEDGER_ACCOUNTS: readonly LedgerAccount[] = [
  'funding',
  'available',
  'reserved',
  'paid',
  'clawback',
  'receivable',
  'recovered',
];

/** Each journal kind debits one account and credits another by the journal's amount. */
export const JOURNAL_ACCOUNTS: Readonly<
  Record<LedgerJournalKind, { debit: LedgerAccount; credit: LedgerAccount }>
> = {
  allocate: { debit: 'available', credit: 'funding' },
  deallocate: { debit: 'funding', credit: 'available' },
  reserve: { debit: 'reserved', credit: 'available' },
  release: { debit: 'available', credit: 'reserved' },
  pay: { debit: 'paid', credit: 'reserved' },
  clawback: { debit: 'receivable', credit: 'clawback' },
  recover: { debit: 'recovered', credit: 'receivable' },
};

/** A pool's balances, all in fen. */
export interface PoolBalances {
  allocatedFen: number;
  availableFen: number;
  reservedFen: number;
  paidFen: number;
  clawedBackFen: number;
  receivableFen: number;
  recoveredFen: number;
}

export const ZERO_BALANCES: PoolBalances = {
  allocatedFen: 0,
  availableFen: 0,
  reservedFen: 0,
  paidFen: 0,
  clawedBackFen: 0,
  receivableFen: 0,
  recoveredFen: 0,
};

/** Balances from the sum of entries per account. */
export function balancesFromAccountSums(sums: Partial<Record<LedgerAccount, number>>): PoolBalances {
  const sum = (a: LedgerAccount) => sums[a] ?? 0;
  // Credit accounts hold negative sums; `0 - x` (not `-x`) keeps an empty account at +0.
  return {
    allocatedFen: 0 - sum('funding'),
    availableFen: sum('available'),
    reservedFen: sum('reserved'),
    paidFen: sum('paid'),
    clawedBackFen: 0 - sum('clawback'),
    receivableFen: sum('receivable'),
    recoveredFen: sum('recovered'),
  };
}

/** Every way the balances fail to add up; empty when they are consistent. */
export function balanceProblems(b: PoolBalances): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(b)) {
    if (!Number.isSafeInteger(value) || value < 0) problems.push(`${name} is ${value}`);
  }
  if (b.reservedFen + b.paidFen > b.allocatedFen) problems.push('reserved + paid exceeds the allocation');
  if (b.availableFen !== b.allocatedFen - b.reservedFen - b.paidFen) {
    problems.push('available ≠ allocated − reserved − paid');
  }
  if (b.receivableFen !== b.clawedBackFen - b.recoveredFen)
    problems.push('receivable ≠ clawed back − recovered');
  return problems;
}
