import type { AnyStateMachine } from 'xstate';
import { isWorkflowEventType } from './events';
import { CONDITIONS, POLICIES } from './guards';
import { restingStates } from './persistence';
import { FINAL_STATES, WORKFLOW_STATES, type WorkflowMode } from './types';
import { MACHINE_VERSIONS } from './versions';

/** Structural rules every released machine must follow for the library's contract to hold. */

const machines = Object.entries(MACHINE_VERSIONS).flatMap(([version, byMode]) =>
  Object.entries(byMode).map(
    ([mode, machine]) => [`${mode} v${version}`, machine as AnyStateMachine] as const,
  ),
);

describe.each(machines)('%s', (_, machine) => {
  const nodes = Object.entries(machine.root.states);

  it('has no timers and no invoked actors: time only enters as events from the worker', () => {
    for (const [name, node] of nodes) {
      expect({ name, after: node.after.length, invoke: node.invoke.length }).toEqual({
        name,
        after: 0,
        invoke: 0,
      });
    }
  });

  it('guards every event transition with exactly one `permitted` rule', () => {
    for (const [name, node] of nodes) {
      for (const [eventType, transitions] of node.transitions) {
        expect(isWorkflowEventType(eventType)).toBe(true);
        expect({ name, eventType, transitions: transitions.length }).toEqual({
          name,
          eventType,
          transitions: 1,
        });
        const guard = transitions[0].guard as { type: string; params: { who: string; when?: string } };
        expect(guard.type).toBe('permitted');
        expect(POLICIES).toHaveProperty(guard.params.who);
        if (guard.params.when !== undefined) expect(CONDITIONS).toHaveProperty(guard.params.when);
      }
    }
  });

  it('routes through transient states that always end in an unguarded fallback', () => {
    for (const [name, node] of nodes) {
      if (!node.always?.length) continue;
      expect({ name, events: node.transitions.size }).toEqual({ name, events: 0 });
      expect({ name, fallback: node.always[node.always.length - 1].guard }).toEqual({
        name,
        fallback: undefined,
      });
    }
  });

  it('uses only the published state names, and marks exactly the published final states final', () => {
    const resting = restingStates(machine);
    expect(resting.filter((state) => !(WORKFLOW_STATES as readonly string[]).includes(state))).toEqual([]);
    const finals = nodes.filter(([, node]) => node.type === 'final').map(([name]) => name);
    expect(finals.sort()).toEqual(
      resting.filter((state) => (FINAL_STATES as readonly string[]).includes(state)).sort(),
    );
  });
});

it('together, the machines use every published state', () => {
  const used = new Set(
    (Object.keys(MACHINE_VERSIONS[1]) as WorkflowMode[]).flatMap((mode) =>
      restingStates(MACHINE_VERSIONS[1][mode]),
    ),
  );
  expect([...used].sort()).toEqual([...WORKFLOW_STATES].sort());
});
