import { allow, clearDeadline, notify, startDeadline } from './dsl';
import { v2 } from './setup';
import {
  amendingState,
  approvalDecisionState,
  approvedState,
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

/**
 * `apply` v2: the enterprise applies; screening, first review by the assigned officer, expert review and
 * director approval by amount, publicity, then payment. See README.md for the transition table.
 */
export const applyMachineV2 = v2.createMachine({
  id: 'huiqi.apply.v2',
  context: ({ input }) => input,
  initial: 'draft',
  states: {
    draft: draftState(false),
    screening: screeningState('first_review'),
    first_review: {
      entry: [startDeadline('first_review'), notify('zone-officers', 'review-requested')],
      exit: [clearDeadline('first_review')],
      on: {
        APPROVE: {
          guard: allow('reviewer', { require: ['reviewAmount'] }),
          target: 'route_after_first_review',
          actions: ['recordRecommendation'],
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
    route_after_first_review: {
      always: [
        { guard: 'needsExpertReview', target: 'expert_review' },
        { guard: 'needsDirectorApproval', target: 'director_approval' },
        { target: 'approval_decision' },
      ],
    },
    expert_review: {
      entry: [startDeadline('expert_review'), notify('experts', 'expert-review-requested')],
      exit: [clearDeadline('expert_review')],
      on: {
        EXPERT_APPROVE: {
          guard: allow('expert', { require: ['optionalAmount'] }),
          target: 'route_after_expert_review',
          actions: ['recordExpertOpinion'],
        },
        // A negative opinion is advice, not a decision: a director decides.
        EXPERT_REJECT: {
          guard: allow('expert'),
          target: 'director_approval',
          actions: ['recordExpertOpinion'],
        },
        WITHDRAW: withdraw(true),
      },
    },
    route_after_expert_review: {
      always: [
        { guard: 'needsDirectorApproval', target: 'director_approval' },
        { target: 'approval_decision' },
      ],
    },
    director_approval: {
      entry: [startDeadline('director_approval'), notify('directors', 'director-approval-requested')],
      exit: [clearDeadline('director_approval')],
      on: {
        APPROVE: {
          guard: allow('secondLevelDirector', { require: ['optionalAmount'] }),
          target: 'approval_decision',
          actions: ['recordAmountDecision'],
        },
        RETURN: { guard: allow('secondLevelDirector'), target: 'amending', actions: ['recordReturn'] },
        REJECT: {
          guard: allow('secondLevelDirector'),
          target: 'rejected',
          actions: ['recordDecision', notify('enterprise', 'application-rejected')],
        },
        WITHDRAW: withdraw(true),
      },
    },
    amending: amendingState(false),
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
    expired: finalState,
    cancelled: closingFinalState,
  },
});
