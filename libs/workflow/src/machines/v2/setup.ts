import { assign, setup } from 'xstate';
import { currentAmountFen, type Decision, type WorkflowContext } from '../../context';
import type { BlacklistReason, EffectParams, EffectType } from '../../effects';
import { commentOf, type WorkflowEvent } from '../../events';
import {
  evaluateRule,
  hasPublicity,
  needsDirectorApproval,
  needsExpertReview,
  type MachineEvent,
  type TransitionRule,
} from '../../guards';

/**
 * Effects are declared as named actions so XState's pure `transition()` returns them with resolved
 * params; the API carries them out. Nothing ever executes these implementations.
 */
function declaredEffect<T extends EffectType>() {
  return (_args: unknown, _params: EffectParams<T>): void => undefined;
}

function amountOf(event: WorkflowEvent): number | undefined {
  return 'amountFen' in event ? event.amountFen : undefined;
}

function decisionOf(event: MachineEvent): Decision {
  return {
    event: event.type,
    byUserId: event.actor.userId,
    role: event.actor.role,
    comment: commentOf(event),
  };
}

/** Amounts the machine only reads in states where they are always set (checked again on restore). */
export function mustHave(amount: number | null, what: string): number {
  if (amount === null) throw new Error(`Workflow invariant broken: ${what} is not set`);
  return amount;
}

const base = setup({
  types: {
    context: {} as WorkflowContext,
    events: {} as MachineEvent,
    input: {} as WorkflowContext,
  },
  guards: {
    /** The single guard of every event transition: precondition, actor and payload (see guards.ts). */
    permitted: ({ context, event }, rule: TransitionRule) => evaluateRule(rule, context, event).ok,
    needsExpertReview: ({ context }) => needsExpertReview(context),
    needsDirectorApproval: ({ context }) => needsDirectorApproval(context),
    hasPublicity: ({ context }) => hasPublicity(context),
    publicityElapsed: ({ context }) => context.publicityElapsed,
  },
  actions: {
    'request-screening': declaredEffect<'request-screening'>(),
    notify: declaredEffect<'notify'>(),
    'start-stage-deadline': declaredEffect<'start-stage-deadline'>(),
    'clear-stage-deadline': declaredEffect<'clear-stage-deadline'>(),
    'start-publicity': declaredEffect<'start-publicity'>(),
    'reserve-funds': declaredEffect<'reserve-funds'>(),
    'release-funds': declaredEffect<'release-funds'>(),
    'request-disbursement': declaredEffect<'request-disbursement'>(),
    'clawback-required': declaredEffect<'clawback-required'>(),
    'blacklist-enterprise': declaredEffect<'blacklist-enterprise'>(),

    recordSubmission: assign(({ context, event }) => ({
      submissionCount: context.submissionCount + 1,
      commitmentSigned: 'commitmentSigned' in event && event.commitmentSigned === true,
      screening: null,
      recommendedAmountFen: null,
      firstReviewerId: null,
    })),
    recordScreeningPassed: assign(({ context, event }) =>
      event.type === 'SCREENING_PASSED'
        ? {
            computedAmountFen: event.computedAmountFen,
            screening: { result: 'passed' as const, round: context.submissionCount, reasons: [] },
          }
        : {},
    ),
    recordScreeningFailed: assign(({ context, event }) =>
      event.type === 'SCREENING_FAILED'
        ? {
            screening: {
              result: 'failed' as const,
              round: context.submissionCount,
              reasons: [...event.reasons],
            },
            lastDecision: decisionOf(event),
          }
        : {},
    ),
    recordScreeningIncomplete: assign(({ context, event }) =>
      event.type === 'SCREENING_INCOMPLETE'
        ? {
            screening: {
              result: 'incomplete' as const,
              round: context.submissionCount,
              reasons: [],
              missingFacts: event.missingFacts.map((m) => ({ ...m, label: { ...m.label } })),
            },
            amendmentCount: context.amendmentCount + 1,
            lastDecision: decisionOf(event),
          }
        : {},
    ),
    recordDecision: assign(({ event }) => ({ lastDecision: decisionOf(event) })),
    recordRecommendation: assign(({ context, event }) => ({
      recommendedAmountFen: amountOf(event) ?? context.recommendedAmountFen,
      firstReviewerId: event.actor.userId,
      lastDecision: decisionOf(event),
    })),
    recordAmountDecision: assign(({ context, event }) => ({
      recommendedAmountFen: amountOf(event) ?? context.recommendedAmountFen,
      lastDecision: decisionOf(event),
    })),
    recordExpertOpinion: assign(({ context, event }) =>
      event.type === 'EXPERT_APPROVE' || event.type === 'EXPERT_REJECT'
        ? {
            expertScores: [
              ...context.expertScores,
              {
                byUserId: event.actor.userId,
                score: event.score ?? null,
                verdict: event.type === 'EXPERT_APPROVE' ? ('approve' as const) : ('reject' as const),
                amountFen: amountOf(event) ?? null,
                round: context.submissionCount,
              },
            ],
            recommendedAmountFen: amountOf(event) ?? context.recommendedAmountFen,
            lastDecision: decisionOf(event),
          }
        : {},
    ),
    recordReturn: assign(({ context, event }) => ({
      amendmentCount: context.amendmentCount + 1,
      lastDecision: decisionOf(event),
    })),
    recordApproval: assign(({ context }) => {
      const amount = mustHave(currentAmountFen(context), 'the amount to approve');
      return { approvedAmountFen: amount, reservedAmountFen: amount };
    }),
    clearReservation: assign({ reservedAmountFen: 0 }),
    startVerification: assign({ verification: 'pending' as const }),
    recordVerified: assign(({ event }) => ({
      verification: 'verified' as const,
      lastDecision: decisionOf(event),
    })),
    recordVerificationFailed: assign(({ context, event }) => ({
      verification: 'failed' as const,
      falseClaim: true,
      clawbackAmountFen: context.paidAmountFen,
      lastDecision: decisionOf(event),
    })),
    recordObjection: assign(({ context, event }) =>
      event.type === 'OBJECT' && event.actor.role !== 'system'
        ? {
            objectionCount: context.objectionCount + 1,
            objection: {
              byUserId: event.actor.userId,
              byRole: event.actor.role,
              comment: event.comment,
              round: context.objectionCount + 1,
              decision: 'pending' as const,
              decidedByUserId: null,
              falseClaim: false,
            },
          }
        : {},
    ),
    recordObjectionDecision: assign(({ context, event }) => {
      const upheld = event.type === 'UPHOLD_OBJECTION';
      const falseClaim = upheld && event.falseClaim === true;
      return {
        objection: context.objection && {
          ...context.objection,
          decision: upheld ? ('upheld' as const) : ('dismissed' as const),
          decidedByUserId: event.actor.userId,
          falseClaim,
        },
        falseClaim: context.falseClaim || falseClaim,
        lastDecision: decisionOf(event),
      };
    }),
    markPublicityElapsed: assign({ publicityElapsed: true }),
    recordDisbursementStarted: assign(({ context }) => ({ paymentAttempts: context.paymentAttempts + 1 })),
    recordPayment: assign(({ context }) => ({
      paidAmountFen: context.approvedAmountFen,
      lastPaymentFailure: null,
    })),
    recordPaymentFailure: assign(({ event }) => ({
      lastPaymentFailure: event.type === 'PAYMENT_FAILED' ? event.reason : null,
    })),
    recordCancellation: assign(({ context, event }) => ({
      falseClaim: context.falseClaim || (event.type === 'CANCEL' && event.falseClaim === true),
      lastDecision: decisionOf(event),
    })),
    recordFalseClaim: assign(({ context, event }) => ({
      falseClaim: true,
      clawbackAmountFen: context.paidAmountFen,
      lastDecision: decisionOf(event),
    })),
    recordClawbackSettled: assign(({ context, event }) => ({
      recoveredAmountFen:
        event.type === 'CLAWBACK_SETTLED' && event.recoveredAmountFen !== undefined
          ? event.recoveredAmountFen
          : context.clawbackAmountFen,
    })),
  },
});

/** The v2 machine setup: shared by the apply, commitment and auto machines. */
export const v2 = base.extend({
  actions: {
    /** Blacklists the enterprise when an upheld objection or a cancellation says the claim was false. */
    blacklistIfFalseClaim: base.enqueueActions(({ context, event, enqueue }) => {
      if ((event.type === 'UPHOLD_OBJECTION' || event.type === 'CANCEL') && event.falseClaim === true) {
        const reason: BlacklistReason =
          event.type === 'CANCEL' ? 'false-claim-cancelled' : 'false-claim-upheld';
        enqueue({
          type: 'blacklist-enterprise',
          params: { enterpriseId: context.enterpriseId, reason, comment: event.comment },
        });
      }
    }),
    /** A grant that ends while its commitment is still unverified needs no verification any more. */
    closePendingVerification: base.enqueueActions(({ context, enqueue }) => {
      if (context.verification === 'pending') {
        enqueue({ type: 'clear-stage-deadline', params: { stage: 'post_verification', round: 1 } });
        enqueue.assign({ verification: 'n/a' });
      }
    }),
  },
});
