import type { Evaluation } from '@huiqi/policies';

/**
 * The policy sandbox's arithmetic, pure: what one evaluation is worth, how the per-fiscal-year totals
 * of the sandboxed (candidate) and current (baseline) versions grow, who gains or loses, and the final
 * report against the fund pools. All money is integer fen; a total beyond the safe integer range is
 * refused, never rounded.
 */

export interface OutcomeTotals {
  /** Beneficiaries (enterprises, or persons of person programs) who qualify. */
  eligible: number;
  /** Of those, how many depend on an application form (their amount is "up to"). */
  provisional: number;
  /** Sum of the known amounts. */
  totalFen: number;
  /** Sum of the "up to" amounts of those without a known amount. */
  upToFen: number;
}

export interface FiscalYearTally {
  candidate: OutcomeTotals;
  baseline: OutcomeTotals | null;
  gains: number;
  losses: number;
  gainFen: number;
  lossFen: number;
}

/** Partial aggregates, stored with the run after every batch (keys are fiscal years). */
export type SandboxAggregates = Record<string, FiscalYearTally>;

/** A beneficiary whose amount differs between the two versions. */
export interface SandboxChange {
  enterpriseId: string;
  fiscalYear: number;
  /** The person's hashed ID number for person programs, '' for the enterprise. */
  subject: string;
  oldAmountFen: number;
  newAmountFen: number;
  oldEligible: boolean;
  newEligible: boolean;
  oldUpTo: boolean;
  newUpTo: boolean;
}

export interface Worth {
  eligible: boolean;
  /** The amount, or the "up to" when the amount waits for a form or review; 0 when not eligible. */
  amountFen: number;
  upTo: boolean;
}

const emptyTotals = (): OutcomeTotals => ({ eligible: 0, provisional: 0, totalFen: 0, upToFen: 0 });

function add(a: number, b: number): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw new RangeError('sandbox total beyond the safe integer range');
  return sum;
}

export function emptyAggregates(fiscalYears: readonly number[], hasBaseline: boolean): SandboxAggregates {
  const out: SandboxAggregates = {};
  for (const fy of fiscalYears) {
    out[String(fy)] = {
      candidate: emptyTotals(),
      baseline: hasBaseline ? emptyTotals() : null,
      gains: 0,
      losses: 0,
      gainFen: 0,
      lossFen: 0,
    };
  }
  return out;
}

/** What an evaluation is worth; no evaluation (no current version) is worth nothing. */
export function worthOf(e: Evaluation | null): Worth {
  if (!e || !e.eligible) return { eligible: false, amountFen: 0, upTo: false };
  if (e.amountFen !== null) return { eligible: true, amountFen: e.amountFen, upTo: false };
  return { eligible: true, amountFen: e.maxAmountFen ?? 0, upTo: true };
}

function count(totals: OutcomeTotals, worth: Worth): void {
  if (!worth.eligible) return;
  totals.eligible += 1;
  if (worth.upTo) {
    totals.provisional += 1;
    totals.upToFen = add(totals.upToFen, worth.amountFen);
  } else {
    totals.totalFen = add(totals.totalFen, worth.amountFen);
  }
}

/**
 * Adds one beneficiary's evaluations under both versions to the fiscal year's totals (in place) and
 * returns the change when the amount differs.
 */
export function tally(
  aggregates: SandboxAggregates,
  who: { enterpriseId: string; fiscalYear: number; subject: string },
  candidate: Evaluation,
  baseline: Evaluation | null,
): SandboxChange | null {
  const year = aggregates[String(who.fiscalYear)];
  if (!year) throw new RangeError(`fiscal year ${who.fiscalYear} is not part of this run`);
  const next = worthOf(candidate);
  const prev = worthOf(baseline);
  count(year.candidate, next);
  if (year.baseline) count(year.baseline, prev);
  if (next.amountFen === prev.amountFen) return null;
  if (next.amountFen > prev.amountFen) {
    year.gains += 1;
    year.gainFen = add(year.gainFen, next.amountFen - prev.amountFen);
  } else {
    year.losses += 1;
    year.lossFen = add(year.lossFen, prev.amountFen - next.amountFen);
  }
  return {
    ...who,
    oldAmountFen: prev.amountFen,
    newAmountFen: next.amountFen,
    oldEligible: prev.eligible,
    newEligible: next.eligible,
    oldUpTo: prev.upTo,
    newUpTo: next.upTo,
  };
}

/** The budget a program's grants of one fiscal year are paid from (its own pool, else its document's). */
export interface PoolFigures {
  id: string;
  name: string;
  scope: 'program' | 'policy_document';
  allocatedFen: number;
  reservedFen: number;
  paidFen: number;
  availableFen: number;
}

export interface PoolComparison extends PoolFigures {
  /** The candidate's projected cost (known amounts plus "up to" amounts). */
  projectedFen: number;
  /** allocation − projected cost; negative when the allocation does not cover it. */
  headroomFen: number;
  withinAllocation: boolean;
}

export type ProjectedTotals = OutcomeTotals & { projectedFen: number };

export interface SandboxYearReport {
  fiscalYear: number;
  candidate: ProjectedTotals;
  baseline: ProjectedTotals | null;
  /** candidate − baseline projected cost (the candidate's whole cost without a baseline). */
  deltaFen: number;
  gains: number;
  losses: number;
  gainFen: number;
  lossFen: number;
  /** null: no fund pool for this program (or its policy document) and fiscal year. */
  pool: PoolComparison | null;
}

export interface SandboxReport {
  enterprises: number;
  fiscalYears: SandboxYearReport[];
}

function projected(t: OutcomeTotals): ProjectedTotals {
  return { ...t, projectedFen: add(t.totalFen, t.upToFen) };
}

/**
 * The final report. Projected cost is the full entitlement under each version (what was already
 * granted is not subtracted), so it is compared with the pool's allocation, not with what is left.
 */
export function buildReport(
  aggregates: SandboxAggregates,
  enterprises: number,
  pools: ReadonlyMap<number, PoolFigures | null>,
): SandboxReport {
  const fiscalYears = Object.keys(aggregates)
    .map(Number)
    .sort((a, b) => a - b)
    .map((fiscalYear): SandboxYearReport => {
      const year = aggregates[String(fiscalYear)];
      const candidate = projected(year.candidate);
      const baseline = year.baseline ? projected(year.baseline) : null;
      const pool = pools.get(fiscalYear) ?? null;
      return {
        fiscalYear,
        candidate,
        baseline,
        deltaFen: candidate.projectedFen - (baseline?.projectedFen ?? 0),
        gains: year.gains,
        losses: year.losses,
        gainFen: year.gainFen,
        lossFen: year.lossFen,
        pool: pool && {
          ...pool,
          projectedFen: candidate.projectedFen,
          headroomFen: pool.allocatedFen - candidate.projectedFen,
          withinAllocation: candidate.projectedFen <= pool.allocatedFen,
        },
      };
    });
  return { enterprises, fiscalYears };
}
