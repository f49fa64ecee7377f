import type { Effect } from '../effects';
import type { WorkflowEvent } from '../events';
import type { Actor, PersistedWorkflow, WorkflowMode, WorkflowState } from '../types';
import type { Persona } from './personas';
import type { Step } from './scenarios';

/** Test-only: a stored snapshot of a released machine version and a valid next event with its outcome. */
export interface WorkflowFixture {
  description: string;
  mode: WorkflowMode;
  state: WorkflowState;
  persisted: PersistedWorkflow;
  /** Null for final states, which accept nothing. */
  next: {
    event: WorkflowEvent;
    actor: Actor;
    assigneeId: string | null;
    expectedState: WorkflowState;
    expectedEffects: Effect[];
  } | null;
}

/** How each fixture was produced: the scripted path to it (see PATHS) and the next step to test. */
export interface FixtureRecipe {
  name: string;
  mode: WorkflowMode;
  description: string;
  steps: Step[];
  next: [Step[0], Persona, WorkflowEvent?] | null;
}
