import type { Effect, EffectType } from '../effects';
import type { Accepted, WorkflowResult } from '../workflow';

/** Test-only: narrows a result to `Accepted`, failing with the refusal message otherwise. */
export function accepted(result: WorkflowResult): Accepted {
  if (!result.ok) throw new Error(`Expected the event to be accepted: ${result.reason}: ${result.message}`);
  return result;
}

/** Test-only: the effects of one type. */
export function effectsOf<T extends EffectType>(
  effects: readonly Effect[],
  type: T,
): Extract<Effect, { type: T }>[] {
  return effects.filter((effect): effect is Extract<Effect, { type: T }> => effect.type === type);
}
