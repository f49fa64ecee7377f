import type { AnyMachineSnapshot } from 'xstate';
import type { WorkflowContext } from '../context';
import type { WorkflowEvent, WorkflowEventType } from '../events';
import type { MachineEvent } from '../guards';
import type { WorkflowState } from '../types';
import { transitionRules } from '../workflow';
import { assigneeFor, PERSONA_FOR_POLICY, PERSONAS } from './personas';
import { PAYLOADS } from './scenarios';

/**
 * Test-only: the events model-based tests send in a state — for every event the state takes, one sender
 * its policy admits and payload variants chosen to exercise each routing branch (amounts at and just
 * above every threshold, with and without a false claim, a screening without amount, ...).
 */

function amountsAround(context: WorkflowContext): number[] {
  const { directorApprovalAboveFen, expertReviewAboveFen } = context.params;
  const limits = [directorApprovalAboveFen, expertReviewAboveFen ?? directorApprovalAboveFen];
  const candidates = limits.flatMap((limit) => [limit, limit + 1]).filter((amount) => amount > 0);
  const ceiling = context.computedAmountFen;
  return [...new Set(candidates.filter((amount) => ceiling === null || amount <= ceiling))];
}

function variants(type: WorkflowEventType, context: WorkflowContext): WorkflowEvent[] {
  switch (type) {
    case 'APPROVE':
    case 'ACCEPT':
      return [
        PAYLOADS[type],
        ...amountsAround(context).map((amountFen) => ({ ...PAYLOADS[type], amountFen })),
      ];
    case 'EXPERT_APPROVE':
      return [
        PAYLOADS[type],
        ...amountsAround(context).map((amountFen) => ({ ...PAYLOADS[type], amountFen })),
      ];
    case 'SCREENING_PASSED':
      return [PAYLOADS[type], { type, computedAmountFen: null }];
    case 'UPHOLD_OBJECTION':
    case 'CANCEL':
      return [PAYLOADS[type], { ...PAYLOADS[type], falseClaim: true }];
    default:
      return [PAYLOADS[type]];
  }
}

export function modelEvents(snapshot: AnyMachineSnapshot): MachineEvent[] {
  const context = snapshot.context as WorkflowContext;
  const state = snapshot.value as WorkflowState;
  const events: MachineEvent[] = [];
  for (const [type, rule] of transitionRules(snapshot)) {
    const actor = PERSONAS[PERSONA_FOR_POLICY[rule.who]];
    for (const payload of variants(type, context)) {
      events.push({ ...payload, actor, assigneeId: assigneeFor(state) });
    }
  }
  return events;
}

/** Splits a machine event back into what the API passes to `applyWorkflowEvent`. */
export function unwrap(event: MachineEvent): [WorkflowEvent, MachineEvent['actor'], string | null] {
  const { actor, assigneeId, ...payload } = event;
  return [payload as WorkflowEvent, actor, assigneeId];
}
