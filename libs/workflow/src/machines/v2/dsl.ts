import type { WorkflowContext } from '../../context';
import {
  SLA_KEYS,
  type Audience,
  type BlacklistReason,
  type DeadlineExpiry,
  type DeadlineStage,
  type EffectParams,
  type NotificationTemplate,
} from '../../effects';
import { commentOf } from '../../events';
import type { Condition, MachineEvent, Policy, Requirement, TransitionRule } from '../../guards';
import { mustHave } from './setup';

/** Small builders that keep the machine definitions readable. Each returns a typed guard or action. */

interface ActionArgs {
  context: WorkflowContext;
  event: MachineEvent;
}

/** The guard of an event transition: who may send it, under which precondition, with which payload. */
export function allow(
  who: Policy,
  options: { when?: Condition; require?: readonly Requirement[] } = {},
): { type: 'permitted'; params: TransitionRule } {
  return { type: 'permitted', params: { who, ...options } };
}

export function notify(
  audience: Audience,
  template: NotificationTemplate,
): { type: 'notify'; params: EffectParams<'notify'> } {
  return { type: 'notify', params: { audience, template } };
}

/** Rounds make each (application, stage) deadline unique, so a stale expiry cannot hit a later round. */
function deadlineRound(stage: DeadlineStage, context: WorkflowContext): number {
  switch (stage) {
    case 'amending':
      return context.amendmentCount;
    case 'objection':
      return context.objectionCount;
    case 'offered':
    case 'post_verification':
      return 1;
    default:
      return context.submissionCount;
  }
}

export function startDeadline(
  stage: DeadlineStage,
  onExpiry: DeadlineExpiry = 'escalate',
): { type: 'start-stage-deadline'; params: (args: ActionArgs) => EffectParams<'start-stage-deadline'> } {
  return {
    type: 'start-stage-deadline',
    params: ({ context }) => ({
      stage,
      slaKey: SLA_KEYS[stage],
      round: deadlineRound(stage, context),
      onExpiry,
    }),
  };
}

export function clearDeadline(stage: DeadlineStage): {
  type: 'clear-stage-deadline';
  params: (args: ActionArgs) => EffectParams<'clear-stage-deadline'>;
} {
  return {
    type: 'clear-stage-deadline',
    params: ({ context }) => ({ stage, round: deadlineRound(stage, context) }),
  };
}

export const requestScreening = {
  type: 'request-screening',
  params: ({ context }: ActionArgs): EffectParams<'request-screening'> => ({
    round: context.submissionCount,
  }),
} as const;

export const reserveFunds = {
  type: 'reserve-funds',
  params: ({ context }: ActionArgs): EffectParams<'reserve-funds'> => ({
    amountFen: mustHave(context.approvedAmountFen, 'the approved amount'),
  }),
} as const;

/** Gives the whole reservation back to the fund pool and forgets it. */
export const releaseFunds = [
  {
    type: 'release-funds',
    params: ({ context }: ActionArgs): EffectParams<'release-funds'> => ({
      amountFen: context.reservedAmountFen,
    }),
  },
  'clearReservation',
] as const;

export const startPublicity = {
  type: 'start-publicity',
  params: ({ context }: ActionArgs): EffectParams<'start-publicity'> => ({
    workingDays: context.params.publicityWorkingDays,
  }),
} as const;

export const requestDisbursement = {
  type: 'request-disbursement',
  params: ({ context }: ActionArgs): EffectParams<'request-disbursement'> => ({
    amountFen: mustHave(context.approvedAmountFen, 'the approved amount'),
  }),
} as const;

export const clawbackRequired = {
  type: 'clawback-required',
  params: ({ context, event }: ActionArgs): EffectParams<'clawback-required'> => ({
    amountFen: mustHave(context.paidAmountFen, 'the paid amount'),
    reason: commentOf(event) ?? '',
  }),
} as const;

export function blacklist(reason: BlacklistReason): {
  type: 'blacklist-enterprise';
  params: (args: ActionArgs) => EffectParams<'blacklist-enterprise'>;
} {
  return {
    type: 'blacklist-enterprise',
    params: ({ context, event }) => ({
      enterpriseId: context.enterpriseId,
      reason,
      comment: commentOf(event) ?? '',
    }),
  };
}
