import { getAdjacencyMap, getShortestPaths, toDirectedGraph } from '@xstate/graph';
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import { initialContext, type WorkflowContext, type WorkflowInput } from './context';
import type { MachineEvent } from './guards';
import { restingStates } from './persistence';
import { FundsLedger } from './testing/funds-ledger';
import { modelEvents, unwrap } from './testing/model-events';
import { inputFor, STANDARD_PARAMS } from './testing/scenarios';
import { FINAL_STATES, isFinal, type WorkflowMode, type WorkflowState } from './types';
import { CURRENT_MACHINE_VERSION, MACHINE_VERSIONS } from './versions';
import { applyWorkflowEvent, contextOf, startWorkflow } from './workflow';

/**
 * Model-based tests: @xstate/graph explores each machine (every event each state takes, from a sender its
 * policy admits, with payloads on both sides of every threshold) under several program profiles. The
 * shortest path to every node and every transition of the resulting graph are then driven through the
 * public `applyWorkflowEvent`, round-tripping the snapshot through JSON at every step and checking the
 * fund reservations against the state.
 */

const PROFILES: Record<string, { params: typeof STANDARD_PARAMS; computed: number | null }> = {
  'experts above a threshold, publicity': { params: STANDARD_PARAMS, computed: 80_000_000 },
  'amount set by review, no experts, no publicity': {
    params: { ...STANDARD_PARAMS, expertReview: 'never', publicityWorkingDays: 0, amountSetByReview: true },
    computed: 80_000_000,
  },
  'experts always, nothing computed': {
    params: { ...STANDARD_PARAMS, expertReview: 'always', publicityWorkingDays: 3 },
    computed: null,
  },
};

const MODES: WorkflowMode[] = ['apply', 'commitment', 'auto'];

function inputOf(mode: WorkflowMode, profile: string): WorkflowInput {
  const { params, computed } = PROFILES[profile];
  // An auto grant always carries its amount.
  return inputFor(mode, params, mode === 'auto' ? (computed ?? 80_000_000) : computed);
}

/**
 * A graph node is a state plus the context that decides what may happen next (amounts, publicity, verification);
 * counters and history are left out so the graph stays finite and every enumerated path is feasible.
 */
function serialize(snapshot: AnyMachineSnapshot): string {
  const c = snapshot.context as WorkflowContext;
  return JSON.stringify([
    snapshot.value,
    c.computedAmountFen,
    c.recommendedAmountFen,
    c.approvedAmountFen,
    c.publicityElapsed,
    c.verification,
  ]);
}

function traversal(mode: WorkflowMode, input: WorkflowInput) {
  return {
    input: initialContext(mode, input),
    events: (snapshot: AnyMachineSnapshot) => modelEvents(snapshot),
    serializeState: (snapshot: AnyMachineSnapshot) => serialize(snapshot),
  };
}

const machineOf = (mode: WorkflowMode): AnyStateMachine => MACHINE_VERSIONS[CURRENT_MACHINE_VERSION][mode];

/** Drives a sequence of machine events through `applyWorkflowEvent`; returns problems found. */
function replay(
  mode: WorkflowMode,
  input: WorkflowInput,
  steps: readonly PathStep[],
  reached: Set<WorkflowState>,
) {
  const started = startWorkflow(mode, input);
  let persisted = started.persisted;
  const ledger = new FundsLedger();
  ledger.record(started.effects);
  reached.add(started.state);
  const trail: string[] = [started.state];
  for (const { event: machineEvent, state: expected } of steps) {
    if (machineEvent.type === 'xstate.init') continue;
    const [event, actor, assigneeId] = unwrap(machineEvent as MachineEvent);
    const result = applyWorkflowEvent(persisted, event, actor, { assigneeId });
    trail.push(`${event.type}→${result.ok ? result.state : result.reason}`);
    if (!result.ok || result.state !== expected.value)
      return [`${trail.join(' ')} (model: ${String(expected.value)})`];
    persisted = JSON.parse(JSON.stringify(result.persisted));
    ledger.record(result.effects);
    ledger.check(result.state, contextOf(persisted));
    reached.add(result.state);
  }
  return ledger.problems.map((problem) => `${trail.join(' ')}: ${problem}`);
}

/** A step of an @xstate/graph path; the first one is XState's `xstate.init`. */
type PathStep = { event: { type: string }; state: AnyMachineSnapshot };

describe.each(MODES)('%s machine, model-based', (mode) => {
  const reached = new Set<WorkflowState>();
  /** State value → the state values its transitions lead to, across all profiles. */
  const edges = new Map<string, Set<string>>();

  describe.each(Object.keys(PROFILES))('%s', (profile) => {
    const input = inputOf(mode, profile);
    const options = traversal(mode, input);
    const shortest = getShortestPaths(machineOf(mode), options as never);
    const adjacency = getAdjacencyMap(machineOf(mode), options as never);
    const pathTo = new Map(shortest.map((path) => [serialize(path.state), path.steps as PathStep[]]));

    it('the shortest path to every node of the model replays through applyWorkflowEvent', () => {
      expect(shortest.length).toBeGreaterThan(1);
      expect(shortest.flatMap((path) => replay(mode, input, path.steps as PathStep[], reached))).toEqual([]);
    });

    it('every transition of the model replays through applyWorkflowEvent, with consistent funds', () => {
      const failures: string[] = [];
      let transitions = 0;
      for (const [from, { state, transitions: out }] of Object.entries(adjacency)) {
        const value = String((state as AnyMachineSnapshot).value);
        const targets = edges.get(value) ?? new Set<string>();
        edges.set(value, targets);
        const prefix = pathTo.get(from);
        if (!prefix) throw new Error(`No path to ${from}`);
        for (const { event, state: next } of Object.values(out) as PathStep[]) {
          // An event its guard refuses leaves XState's snapshot untouched: that is no transition.
          if (next === state) continue;
          transitions++;
          targets.add(String((next as AnyMachineSnapshot).value));
          failures.push(...replay(mode, input, [...prefix, { event, state: next } as PathStep], reached));
        }
      }
      expect(transitions).toBeGreaterThan(0);
      expect(failures).toEqual([]);
    });
  });

  it('reaches every state it defines, across the profiles', () => {
    expect([...reached].sort()).toEqual(restingStates(machineOf(mode)).sort());
  });

  it('has no dead ends: every state but the final ones leads on, and a final state is always reachable', () => {
    const deadEnds = [...edges].filter(
      ([state, targets]) => !isFinal(state as WorkflowState) && ![...targets].some((t) => t !== state),
    );
    expect(deadEnds).toEqual([]);
    const leavingFinal = [...edges].filter(
      ([state, targets]) => isFinal(state as WorkflowState) && targets.size > 0,
    );
    expect(leavingFinal).toEqual([]);
    const canFinish = new Set<string>(FINAL_STATES);
    for (let grew = true; grew;) {
      grew = false;
      for (const [state, targets] of edges) {
        if (!canFinish.has(state) && [...targets].some((t) => canFinish.has(t))) {
          canFinish.add(state);
          grew = true;
        }
      }
    }
    expect([...edges.keys()].filter((state) => !canFinish.has(state))).toEqual([]);
  });

  it('takes events only in resting states, and every state is the target of some transition', () => {
    const machine = machineOf(mode);
    const graph = toDirectedGraph(machine);
    const resting = new Set<string>(restingStates(machine));
    const eventEdges = graph.children.flatMap((node) => node.edges);
    expect(eventEdges.map((edge) => edge.source.key).filter((source) => !resting.has(source))).toEqual([]);
    const routed = graph.children.flatMap((node) =>
      (node.stateNode.always ?? []).flatMap((transition) => transition.target ?? []),
    );
    const targets = new Set([
      ...eventEdges.map((edge) => edge.target.key),
      ...routed.map((node) => node.key),
    ]);
    const unreachable = graph.children
      .map((node) => node.stateNode.key)
      .filter((key) => key !== machine.config.initial && !targets.has(key));
    expect(unreachable).toEqual([]);
    for (const node of graph.children) {
      const hasEvents = node.edges.length > 0;
      const key = node.stateNode.key as WorkflowState;
      const expected = resting.has(key) && !isFinal(key);
      expect({ state: key, takesEvents: hasEvents }).toEqual({ state: key, takesEvents: expected });
    }
  });
});
