import { allow, clearDeadline, notify, startDeadline } from './dsl';
import { v2 } from './setup';
import {
  approvalDecisionState,
  approvedState,
  clawbackRequiredState,
  closingFinalState,
  disbursingState,
  finalState,
  objectionState,
  paidState,
  publicityState,
  routeAfterObjectionState,
} from './shared-states';

/**
 * `auto` (免申即享) v2: the system offers a grant it computed from data it already holds; the enterprise
 * confirms it (and its bank account) or declines, or lets the offer lapse. Confirmation is the approval
 * decision; publicity follows when the program has one.
 */
export const autoMachineV2 = v2.createMachine({
  id: 'huiqi.auto.v2',
  context: ({ input }) => input,
  initial: 'offered',
  states: {
    offered: {
      entry: [startDeadline('offered', 'OFFER_EXPIRED'), notify('enterprise', 'grant-offered')],
      exit: [clearDeadline('offered')],
      on: {
        CONFIRM: { guard: allow('owner'), target: 'approval_decision', actions: ['recordDecision'] },
        DECLINE: {
          guard: allow('owner'),
          target: 'declined',
          actions: ['recordDecision', notify('zone-officers', 'grant-declined')],
        },
        OFFER_EXPIRED: {
          guard: allow('system'),
          target: 'lapsed',
          actions: [notify('enterprise', 'offer-lapsed')],
        },
      },
    },
    approval_decision: approvalDecisionState,
    publicity: publicityState,
    objection: objectionState,
    route_after_objection: routeAfterObjectionState,
    approved: approvedState,
    disbursing: disbursingState,
    paid: paidState,
    clawback_required: clawbackRequiredState,
    clawed_back: finalState,
    rejected: closingFinalState,
    withdrawn: closingFinalState,
    cancelled: closingFinalState,
    declined: finalState,
    lapsed: finalState,
  },
});
