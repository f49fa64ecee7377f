import { getNextTransitions, initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { initialContext, type WorkflowContext, type WorkflowInput } from './context';
import { effectsFromActions, type Effect } from './effects';
import { isWorkflowEventType, type WorkflowEvent, type WorkflowEventType } from './events';
import { actorAllowed, conditionHolds, evaluateRule, type TransitionRule } from './guards';
import { loadWorkflow, persistWorkflow, type LoadedWorkflow } from './persistence';
import type { Actor, FieldIssue, PersistedWorkflow, WorkflowMode, WorkflowState } from './types';
import { isPlainObject } from './values';
import { CURRENT_MACHINE_VERSION, getMachine } from './versions';

/** The event was applied: store `persisted` (with the optimistic version check) and carry out `effects`. */
export interface Accepted {
  ok: true;
  persisted: PersistedWorkflow;
  state: WorkflowState;
  previousState: WorkflowState;
  /** Side effects in execution order, to perform in the same transaction (direct writes / outbox rows). */
  effects: Effect[];
}

/**
 * The event was refused; nothing changed.
 * - `not-accepted` (HTTP 409): the current state does not take this event from anyone (or a precondition
 *   such as a current round fails).
 * - `forbidden` (HTTP 403): the state takes this event, but not from this actor.
 * - `invalid` (HTTP 400/422): the actor may send it, but the payload is malformed; see `issues`.
 */
export interface Rejected {
  ok: false;
  reason: 'not-accepted' | 'forbidden' | 'invalid';
  state: WorkflowState;
  /** The event types the current state accepts at all, from anyone. */
  acceptedEvents: WorkflowEventType[];
  message: string;
  /** The offending fields when `reason` is `invalid`; empty otherwise. */
  issues: FieldIssue[];
}

export type WorkflowResult = Accepted | Rejected;

/** Facts about the request that are not part of the event. */
export interface ActionContext {
  /** The user the application's current stage is assigned to; omit or pass null when unassigned. */
  assigneeId?: string | null;
}

/** A new workflow and the effects of entering its initial state. */
export interface StartedWorkflow {
  persisted: PersistedWorkflow;
  state: WorkflowState;
  effects: Effect[];
}

/** The rule of each event the snapshot's state has a transition for (in definition order). */
export function transitionRules(snapshot: AnyMachineSnapshot): Map<WorkflowEventType, TransitionRule> {
  const rules = new Map<WorkflowEventType, TransitionRule>();
  for (const definition of getNextTransitions(snapshot)) {
    const { eventType, guard } = definition;
    if (!isWorkflowEventType(eventType)) continue;
    if (
      !isPlainObject(guard) ||
      guard.type !== 'permitted' ||
      !isPlainObject(guard.params) ||
      rules.has(eventType)
    ) {
      throw new Error(
        `Machine ${snapshot.machine.id}: ${eventType} needs exactly one transition guarded by 'permitted'`,
      );
    }
    rules.set(eventType, guard.params as unknown as TransitionRule);
  }
  return rules;
}

/** Event types whose precondition holds, in the order the machine defines them. */
function acceptedIn(
  loaded: LoadedWorkflow,
  rules: Map<WorkflowEventType, TransitionRule>,
): WorkflowEventType[] {
  return [...rules].filter(([, rule]) => conditionHolds(rule, loaded.context)).map(([type]) => type);
}

/**
 * Starts the workflow of a new application: `draft` for `apply` and `commitment`, `offered` for `auto`
 * (whose offer deadline and notification are in `effects`). New workflows use `CURRENT_MACHINE_VERSION`.
 * Throws `WorkflowInputError` when the input is unusable.
 */
export function startWorkflow(mode: WorkflowMode, input: WorkflowInput): StartedWorkflow {
  const context = initialContext(mode, input);
  const machine = getMachine(mode, CURRENT_MACHINE_VERSION);
  const [snapshot, actions] = initialTransition(machine, context);
  return {
    persisted: persistWorkflow(mode, CURRENT_MACHINE_VERSION, machine, snapshot),
    state: snapshot.value as WorkflowState,
    effects: effectsFromActions(actions),
  };
}

/** Like `startWorkflow`, returning only what to store. */
export function createWorkflow(mode: WorkflowMode, input: WorkflowInput): PersistedWorkflow {
  return startWorkflow(mode, input).persisted;
}

/**
 * Computes the result of `event` sent by `actor` with XState's pure `transition()`; nothing is executed.
 * Never throws for a bad event or actor (those are `Rejected`); throws `CorruptSnapshotError` when
 * `persisted` cannot be loaded.
 */
export function applyWorkflowEvent(
  persisted: PersistedWorkflow,
  event: WorkflowEvent,
  actor: Actor,
  ctx: ActionContext = {},
): WorkflowResult {
  const loaded = loadWorkflow(persisted);
  const { state } = loaded;
  const rules = transitionRules(loaded.snapshot);
  const acceptedEvents = acceptedIn(loaded, rules);
  const reject = (reason: Rejected['reason'], message: string, issues: FieldIssue[] = []): Rejected => ({
    ok: false,
    reason,
    state,
    acceptedEvents,
    message,
    issues,
  });

  const type: unknown = isPlainObject(event) ? event.type : undefined;
  if (!isWorkflowEventType(type)) {
    return reject('not-accepted', `${JSON.stringify(type) ?? 'undefined'} is not a workflow event`);
  }
  const rule = rules.get(type);
  if (!rule) return reject('not-accepted', `${type} is not accepted in state '${state}'`);

  const envelope = { ...event, actor, assigneeId: ctx.assigneeId ?? null };
  const verdict = evaluateRule(rule, loaded.context, envelope);
  if (!verdict.ok) {
    const detail =
      verdict.reason === 'invalid'
        ? verdict.issues.map((i) => `${i.field} ${i.message}`).join('; ')
        : verdict.message;
    return reject(verdict.reason, `${type} in state '${state}': ${detail}`, verdict.issues);
  }

  const [next, actions] = transition(loaded.machine, loaded.snapshot, envelope);
  if (next === loaded.snapshot) {
    throw new Error(`Machine ${loaded.machine.id}: permitted ${type} in '${state}' took no transition`);
  }
  return {
    ok: true,
    persisted: persistWorkflow(loaded.mode, loaded.machineVersion, loaded.machine, next),
    state: next.value as WorkflowState,
    previousState: state,
    effects: effectsFromActions(actions),
  };
}

/** The state the workflow rests in (what the `state` column should say). */
export function stateOf(persisted: PersistedWorkflow): WorkflowState {
  return loadWorkflow(persisted).state;
}

/** A copy of the workflow's context: amounts, screening, expert scores, objection, verification, ... */
export function contextOf(persisted: PersistedWorkflow): WorkflowContext {
  return loadWorkflow(persisted).context; // loading works on a copy of the stored context
}

/** The event types the current state accepts from anyone (e.g. to explain a 409). */
export function acceptedEventTypes(persisted: PersistedWorkflow): WorkflowEventType[] {
  const loaded = loadWorkflow(persisted);
  return acceptedIn(loaded, transitionRules(loaded.snapshot));
}

/**
 * The event types this actor may send now (the buttons to show). The payload is not known yet, so an
 * event listed here can still be `invalid` (e.g. REJECT without a comment).
 */
export function acceptedEventsFor(
  persisted: PersistedWorkflow,
  actor: Actor,
  ctx: ActionContext = {},
): WorkflowEventType[] {
  const loaded = loadWorkflow(persisted);
  const rules = transitionRules(loaded.snapshot);
  return acceptedIn(loaded, rules).filter((type) => {
    const rule = rules.get(type);
    return rule !== undefined && actorAllowed(rule, loaded.context, actor, ctx.assigneeId ?? null);
  });
}
