import { allow, blacklist, clearDeadline, notify, releaseFunds, startDeadline } from './dsl';
import { v2 } from './setup';
import {
  amendingState,
  approvalDecisionState,
  approvedState,
  clawbackActions,
  clawbackRequiredState,
  closingFinalState,
  disbursingState,
  draftState,
  finalState,
  objectionState,
  paidState,
  publicityState,
  routeAfterObjectionState,
  screeningState,
  withdraw,
} from './shared-states';

/** VERIFY after approval: accepted once, while the verification is pending; the state does not change. */
const verify = {
  guard: allow('reviewer', { when: 'verificationPending' }),
  actions: [
    'recordVerified',
    clearDeadline('post_verification'),
    notify('enterprise', 'verification-passed'),
  ],
} as const;

/**
 * `commitment` (告知承诺制) v2: approved on the enterprise's signed commitment after screening and a formal
 * acceptance (受理), without substantive review; verified afterwards. A failed verification revokes an
 * unpaid grant or claws back a paid one, and blacklists the enterprise.
 */
export const commitmentMachineV2 = v2.createMachine({
  id: 'huiqi.commitment.v2',
  context: ({ input }) => input,
  initial: 'draft',
  states: {
    draft: draftState(true),
    screening: screeningState('acceptance'),
    acceptance: {
      entry: [startDeadline('acceptance'), notify('zone-officers', 'acceptance-requested')],
      exit: [clearDeadline('acceptance')],
      on: {
        ACCEPT: {
          guard: allow('reviewer', { require: ['reviewAmount'] }),
          target: 'approval_decision',
          actions: ['recordAmountDecision', 'startVerification', startDeadline('post_verification')],
        },
        RETURN: { guard: allow('reviewer'), target: 'amending', actions: ['recordReturn'] },
        REJECT: {
          guard: allow('reviewer'),
          target: 'rejected',
          actions: ['recordDecision', notify('enterprise', 'application-rejected')],
        },
        WITHDRAW: withdraw(true),
      },
    },
    amending: amendingState(true),
    approval_decision: approvalDecisionState,
    publicity: publicityState,
    objection: objectionState,
    route_after_objection: routeAfterObjectionState,
    approved: {
      ...approvedState,
      on: {
        ...approvedState.on,
        VERIFY: verify,
        VERIFICATION_FAILED: {
          guard: allow('reviewer', { when: 'verificationPending' }),
          target: 'revoked',
          actions: [
            'recordVerificationFailed',
            clearDeadline('post_verification'),
            ...releaseFunds,
            blacklist('commitment-breached'),
            notify('enterprise', 'commitment-revoked'),
            notify('finance', 'commitment-revoked'),
          ],
        },
      },
    },
    disbursing: disbursingState,
    paid: {
      ...paidState,
      on: {
        ...paidState.on,
        VERIFY: verify,
        VERIFICATION_FAILED: {
          guard: allow('reviewer', { when: 'verificationPending' }),
          target: 'clawback_required',
          actions: [
            'recordVerificationFailed',
            clearDeadline('post_verification'),
            ...clawbackActions,
            blacklist('commitment-breached'),
          ],
        },
      },
    },
    clawback_required: clawbackRequiredState,
    clawed_back: finalState,
    rejected: closingFinalState,
    withdrawn: closingFinalState,
    expired: finalState,
    cancelled: closingFinalState,
    revoked: finalState,
  },
});
