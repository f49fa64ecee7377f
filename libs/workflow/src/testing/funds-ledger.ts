import type { WorkflowContext } from '../context';
import type { Effect } from '../effects';
import type { WorkflowState } from '../types';

/** States in which an application holds its approved amount against the fund pool (reserved, then spent). */
export const HOLDING_STATES: ReadonlySet<WorkflowState> = new Set<WorkflowState>([
  'publicity',
  'objection',
  'approved',
  'disbursing',
  'paid',
  'clawback_required',
  'clawed_back',
]);

/**
 * Test-only: replays `reserve-funds` / `release-funds` effects the way the fund pool would and reports
 * every breach of the reservation rules.
 */
export class FundsLedger {
  held = 0;
  reservations = 0;
  readonly problems: string[] = [];

  record(effects: readonly Effect[]): void {
    for (const effect of effects) {
      if (effect.type === 'reserve-funds') {
        if (this.held !== 0) this.problems.push(`reserved ${effect.amountFen} while holding ${this.held}`);
        if (effect.amountFen <= 0) this.problems.push(`reserved a non-positive amount ${effect.amountFen}`);
        this.held += effect.amountFen;
        this.reservations++;
      } else if (effect.type === 'release-funds') {
        if (effect.amountFen !== this.held)
          this.problems.push(`released ${effect.amountFen} while holding ${this.held}`);
        this.held -= effect.amountFen;
      }
    }
  }

  /** The ledger must match the state: the approved amount while holding, nothing otherwise. */
  check(state: WorkflowState, context: WorkflowContext): void {
    const expected = HOLDING_STATES.has(state) ? context.approvedAmountFen : 0;
    if (this.held !== expected) this.problems.push(`holding ${this.held} in ${state}, expected ${expected}`);
    if (context.reservedAmountFen !== this.held) {
      this.problems.push(
        `context.reservedAmountFen ${context.reservedAmountFen} but ledger holds ${this.held}`,
      );
    }
  }
}
