import {
  allow,
  blacklist,
  clawbackRequired,
  clearDeadline,
  notify,
  releaseFunds,
  requestDisbursement,
  requestScreening,
  reserveFunds,
  startDeadline,
  startPublicity,
} from './dsl';
import { v2 } from './setup';

/**
 * States and transitions the three v2 machines share: submission and amendment (apply, commitment), the
 * approval decision, publicity and objections, payment, clawback and the final states.
 *
 * Names starting with `route_` and `approval_decision` are transient (only eventless `always`
 * transitions): a snapshot never rests in them.
 */

/** The enterprise withdraws before approval. */
export function withdraw(notifyAssignee: boolean) {
  return {
    guard: allow('owner'),
    target: 'withdrawn',
    actions: ['recordDecision', ...(notifyAssignee ? [notify('assignee', 'application-withdrawn')] : [])],
  } as const;
}

/** The enterprise's draft; commitment mode requires the signed commitment on submission. */
export function draftState(commitmentRequired: boolean) {
  return v2.createStateConfig({
    on: {
      SUBMIT: {
        guard: allow('owner', { require: commitmentRequired ? ['signedCommitment'] : [] }),
        target: 'screening',
        actions: ['recordSubmission', notify('enterprise', 'application-submitted')],
      },
      WITHDRAW: withdraw(false),
    },
  });
}

/** Automated eligibility screening by the worker; on success the application goes to `reviewState`. */
export function screeningState(reviewState: 'first_review' | 'acceptance') {
  return v2.createStateConfig({
    entry: [requestScreening],
    on: {
      SCREENING_PASSED: {
        guard: allow('system', { when: 'currentScreeningRound' }),
        target: reviewState,
        actions: ['recordScreeningPassed'],
      },
      SCREENING_FAILED: {
        guard: allow('system', { when: 'currentScreeningRound' }),
        target: 'rejected',
        actions: ['recordScreeningFailed', notify('enterprise', 'screening-failed')],
      },
      // v2: missing facts are not a refusal; the enterprise supplies them (一企一档) and resubmits.
      SCREENING_INCOMPLETE: {
        guard: allow('system', { when: 'currentScreeningRound' }),
        target: 'amending',
        actions: ['recordScreeningIncomplete'],
      },
      WITHDRAW: withdraw(false),
    },
  });
}

/** Returned to the enterprise for amendment (补正); it resubmits, withdraws, or lets the deadline pass. */
export function amendingState(commitmentRequired: boolean) {
  return v2.createStateConfig({
    entry: [startDeadline('amending', 'AMENDMENT_EXPIRED'), notify('enterprise', 'application-returned')],
    exit: [clearDeadline('amending')],
    on: {
      RESUBMIT: {
        guard: allow('owner', { require: commitmentRequired ? ['signedCommitment'] : [] }),
        target: 'screening',
        actions: ['recordSubmission', notify('assignee', 'application-resubmitted')],
      },
      AMENDMENT_EXPIRED: {
        guard: allow('system', { when: 'currentAmendmentRound' }),
        target: 'expired',
        actions: [notify('enterprise', 'application-expired')],
      },
      WITHDRAW: withdraw(true),
    },
  });
}

const grantApproved = [notify('enterprise', 'application-approved')] as const;

/** The approval decision: fix the amount, reserve it, then publicity (if the program has one) or approved. */
export const approvalDecisionState = v2.createStateConfig({
  entry: ['recordApproval', reserveFunds],
  always: [
    {
      guard: 'hasPublicity',
      target: 'publicity',
      actions: [startPublicity, notify('enterprise', 'publicity-started')],
    },
    { target: 'approved', actions: [...grantApproved] },
  ],
});

/** Publicity (公示): anyone may object until the worker reports the end of the period. */
export const publicityState = v2.createStateConfig({
  on: {
    OBJECT: { guard: allow('objector'), target: 'objection', actions: ['recordObjection'] },
    PUBLICITY_ENDED: {
      guard: allow('system'),
      target: 'approved',
      actions: ['markPublicityElapsed', ...grantApproved],
    },
    WITHDRAW: {
      guard: allow('owner'),
      target: 'withdrawn',
      actions: ['recordDecision', ...releaseFunds, notify('assignee', 'application-withdrawn')],
    },
  },
});

/**
 * A director decides an objection. The publicity period keeps running meanwhile (its end is recorded),
 * so dismissing resumes publicity or, if the period is over, approves.
 */
export const objectionState = v2.createStateConfig({
  entry: [
    startDeadline('objection'),
    notify('directors', 'objection-raised'),
    notify('enterprise', 'objection-raised'),
  ],
  exit: [clearDeadline('objection')],
  on: {
    UPHOLD_OBJECTION: {
      guard: allow('objectionDecider'),
      target: 'rejected',
      actions: [
        'recordObjectionDecision',
        ...releaseFunds,
        'blacklistIfFalseClaim',
        notify('enterprise', 'objection-upheld'),
        notify('objector', 'objection-decided'),
      ],
    },
    DISMISS_OBJECTION: {
      guard: allow('objectionDecider'),
      target: 'route_after_objection',
      actions: [
        'recordObjectionDecision',
        notify('enterprise', 'objection-dismissed'),
        notify('objector', 'objection-decided'),
      ],
    },
    PUBLICITY_ENDED: {
      guard: allow('system', { when: 'publicityRunning' }),
      actions: ['markPublicityElapsed'],
    },
  },
});

export const routeAfterObjectionState = v2.createStateConfig({
  always: [
    { guard: 'publicityElapsed', target: 'approved', actions: [...grantApproved] },
    { target: 'publicity' },
  ],
});

/** Approved and payable; (re-)entered after a failed payment too. */
export const approvedState = v2.createStateConfig({
  entry: [requestDisbursement],
  on: {
    DISBURSEMENT_STARTED: {
      guard: allow('paymentSystem'),
      target: 'disbursing',
      actions: ['recordDisbursementStarted', notify('enterprise', 'disbursement-started')],
    },
    CANCEL: {
      guard: allow('directorOrFinance'),
      target: 'cancelled',
      actions: [
        'recordCancellation',
        ...releaseFunds,
        'blacklistIfFalseClaim',
        notify('enterprise', 'grant-cancelled'),
        notify('finance', 'grant-cancelled'),
      ],
    },
  },
});

/** A payment is with the bank; nothing but its outcome is accepted. */
export const disbursingState = v2.createStateConfig({
  on: {
    PAYMENT_SUCCEEDED: {
      guard: allow('paymentSystem', { require: ['paidAmountMatches'] }),
      target: 'paid',
      actions: ['recordPayment', notify('enterprise', 'payment-succeeded')],
    },
    PAYMENT_FAILED: {
      guard: allow('paymentSystem'),
      target: 'approved',
      actions: [
        'recordPaymentFailure',
        notify('finance', 'payment-failed'),
        notify('enterprise', 'payment-failed'),
      ],
    },
  },
});

/** The effects of establishing that paid money must be recovered. */
export const clawbackActions = [
  clawbackRequired,
  notify('enterprise', 'clawback-required'),
  notify('finance', 'clawback-required'),
] as const;

/** Paid. Not final: a false claim may still be found. */
export const paidState = v2.createStateConfig({
  on: {
    REPORT_FALSE_CLAIM: {
      guard: allow('director'),
      target: 'clawback_required',
      actions: ['recordFalseClaim', ...clawbackActions, blacklist('false-claim-reported')],
    },
  },
});

export const clawbackRequiredState = v2.createStateConfig({
  entry: ['closePendingVerification'],
  on: {
    CLAWBACK_SETTLED: {
      guard: allow('paymentSystem'),
      target: 'clawed_back',
      actions: ['recordClawbackSettled', notify('enterprise', 'clawback-settled')],
    },
  },
});

/** A final state after which nothing happens. */
export const finalState = v2.createStateConfig({ type: 'final' });

/** A final state that may end a commitment grant whose verification is still pending. */
export const closingFinalState = v2.createStateConfig({ type: 'final', entry: ['closePendingVerification'] });
