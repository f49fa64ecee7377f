import { isMissingFact } from './missing-facts';
import { isRole } from '@huiqi/common';
import type { AnyMachineSnapshot } from 'xstate';
import { validateParams, type WorkflowContext } from './context';
import { CorruptSnapshotError } from './errors';
import { isWorkflowEventType } from './events';
import { getMachine, type WorkflowMachine } from './versions';
import {
  isWorkflowMode,
  isWorkflowState,
  type FieldIssue,
  type PersistedWorkflow,
  type WorkflowMode,
  type WorkflowState,
} from './types';
import { isFen, isNonBlankString, isPlainObject } from './values';

/** A persisted workflow brought back to life as an XState snapshot (no actor is ever started). */
export interface LoadedWorkflow {
  mode: WorkflowMode;
  machineVersion: number;
  machine: WorkflowMachine;
  snapshot: AnyMachineSnapshot;
  state: WorkflowState;
  context: WorkflowContext;
}

/** States a snapshot may rest in: every state of the machine except the transient routing states. */
export function restingStates(machine: WorkflowMachine): WorkflowState[] {
  return Object.entries(machine.root.states)
    .filter(([, node]) => !node.always?.length)
    .map(([name]) => name)
    .filter(isWorkflowState);
}

const restingStateCache = new WeakMap<WorkflowMachine, ReadonlySet<string>>();

function isRestingState(machine: WorkflowMachine, value: unknown): value is WorkflowState {
  let states = restingStateCache.get(machine);
  if (!states) {
    states = new Set(restingStates(machine));
    restingStateCache.set(machine, states);
  }
  return typeof value === 'string' && states.has(value);
}

const nullable =
  (check: (v: unknown) => boolean) =>
  (v: unknown): boolean =>
    v === null || check(v);
const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isText = (v: unknown): boolean => typeof v === 'string';
const isId = (v: unknown): boolean => isNonBlankString(v);
const isBoolean = (v: unknown): boolean => typeof v === 'boolean';
const oneOf =
  (...values: readonly unknown[]) =>
  (v: unknown): boolean =>
    values.includes(v);
const isScore = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 100;

function shaped(fields: Record<string, (v: unknown) => boolean>) {
  return (v: unknown): boolean =>
    isPlainObject(v) &&
    Object.keys(v).every((key) => key in fields) &&
    Object.entries(fields).every(([key, check]) => check(v[key]));
}

/** The v1 context schema: every field and how to check it. */
const CONTEXT_FIELDS: Record<Exclude<keyof WorkflowContext, 'params'>, (v: unknown) => boolean> = {
  applicationId: isId,
  enterpriseId: isId,
  computedAmountFen: nullable(isFen),
  recommendedAmountFen: nullable(isFen),
  approvedAmountFen: nullable(isFen),
  reservedAmountFen: isFen,
  paidAmountFen: nullable(isFen),
  clawbackAmountFen: nullable(isFen),
  recoveredAmountFen: nullable(isFen),
  submissionCount: isCount,
  amendmentCount: isCount,
  commitmentSigned: isBoolean,
  screening: nullable(
    shaped({
      result: oneOf('passed', 'failed', 'incomplete'),
      round: isCount,
      reasons: (v) => Array.isArray(v) && v.every(isText),
      missingFacts: (v) => v === undefined || (Array.isArray(v) && v.every(isMissingFact)),
    }),
  ),
  firstReviewerId: nullable(isId),
  expertScores: (v) =>
    Array.isArray(v) &&
    v.every(
      shaped({
        byUserId: isId,
        score: nullable(isScore),
        verdict: oneOf('approve', 'reject'),
        amountFen: nullable(isFen),
        round: isCount,
      }),
    ),
  objection: nullable(
    shaped({
      byUserId: isId,
      byRole: isRole,
      comment: isText,
      round: isCount,
      decision: oneOf('pending', 'upheld', 'dismissed'),
      decidedByUserId: nullable(isId),
      falseClaim: isBoolean,
    }),
  ),
  objectionCount: isCount,
  publicityElapsed: isBoolean,
  verification: oneOf('pending', 'verified', 'failed', 'n/a'),
  paymentAttempts: isCount,
  lastPaymentFailure: nullable(isText),
  falseClaim: isBoolean,
  lastDecision: nullable(
    shaped({
      event: isWorkflowEventType,
      byUserId: isId,
      role: (v) => v === 'system' || isRole(v),
      comment: nullable(isText),
    }),
  ),
};

/** States in which the application holds money against its fund pool (reserved or spent). */
const HOLDS_FUNDS: ReadonlySet<WorkflowState> = new Set<WorkflowState>([
  'publicity',
  'objection',
  'approved',
  'disbursing',
  'paid',
  'clawback_required',
  'clawed_back',
]);

const PAID: ReadonlySet<WorkflowState> = new Set<WorkflowState>(['paid', 'clawback_required', 'clawed_back']);

function validateContext(value: unknown, state: WorkflowState): FieldIssue[] {
  if (!isPlainObject(value)) return [{ field: 'snapshot.context', message: 'must be an object' }];
  const issues: FieldIssue[] = validateParams(value.params, 'snapshot.context.params');
  for (const [field, check] of Object.entries(CONTEXT_FIELDS)) {
    if (!check(value[field]))
      issues.push({ field: `snapshot.context.${field}`, message: 'is missing or malformed' });
  }
  for (const field of Object.keys(value)) {
    if (field !== 'params' && !(field in CONTEXT_FIELDS)) {
      issues.push({ field: `snapshot.context.${field}`, message: 'is not a v1 context field' });
    }
  }
  if (issues.length) return issues;
  const context = value as unknown as WorkflowContext;
  if (HOLDS_FUNDS.has(state)) {
    if (context.approvedAmountFen === null || context.reservedAmountFen !== context.approvedAmountFen) {
      issues.push({
        field: 'snapshot.context.reservedAmountFen',
        message: `must equal the approved amount in '${state}'`,
      });
    }
  } else if (context.reservedAmountFen !== 0) {
    issues.push({ field: 'snapshot.context.reservedAmountFen', message: `must be 0 in '${state}'` });
  }
  if (PAID.has(state) && context.paidAmountFen === null) {
    issues.push({ field: 'snapshot.context.paidAmountFen', message: `must be set in '${state}'` });
  }
  return issues;
}

/**
 * Loads a persisted workflow into an XState snapshot with `machine.resolveState` (no actor is started, so
 * nothing runs). Throws `CorruptSnapshotError` for anything this release cannot trust.
 */
export function loadWorkflow(persisted: unknown): LoadedWorkflow {
  if (!isPlainObject(persisted)) throw new CorruptSnapshotError('Persisted workflow must be an object');
  const { mode, machineVersion, snapshot } = persisted;
  if (!isWorkflowMode(mode)) throw new CorruptSnapshotError(`Unknown workflow mode ${JSON.stringify(mode)}`);
  if (typeof machineVersion !== 'number') throw new CorruptSnapshotError('machineVersion must be a number');
  const machine = getMachine(mode, machineVersion);
  if (!isPlainObject(snapshot)) throw new CorruptSnapshotError('snapshot must be an object');
  const { value, context, status } = snapshot;
  if (!isRestingState(machine, value)) {
    throw new CorruptSnapshotError(
      `'${String(value)}' is not a state of the ${mode} v${machineVersion} machine`,
    );
  }
  const issues = validateContext(context, value);
  if (issues.length) throw new CorruptSnapshotError('Snapshot context is invalid', issues);
  const restored = machine.resolveState({
    value,
    context: structuredClone(context as unknown as WorkflowContext),
  });
  if (status !== restored.status) {
    throw new CorruptSnapshotError(`snapshot.status must be '${restored.status}' in state '${value}'`);
  }
  return {
    mode,
    machineVersion,
    machine,
    snapshot: restored,
    state: value,
    context: restored.context as WorkflowContext,
  };
}

/** The JSON to store for a snapshot: XState's persisted form, as plain JSON. */
export function persistWorkflow(
  mode: WorkflowMode,
  machineVersion: number,
  machine: WorkflowMachine,
  snapshot: AnyMachineSnapshot,
): PersistedWorkflow {
  return {
    mode,
    machineVersion,
    snapshot: JSON.parse(JSON.stringify(machine.getPersistedSnapshot(snapshot))) as unknown,
  };
}
