import { CorruptSnapshotError, WorkflowInputError } from './errors';
import { PERSONAS } from './testing/personas';
import { inputFor, PATHS, PAYLOADS, reach, STANDARD_PARAMS } from './testing/scenarios';
import type { PersistedWorkflow, WorkflowMode, WorkflowState } from './types';
import { CURRENT_MACHINE_VERSION, getMachine, MACHINE_VERSIONS } from './versions';
import {
  acceptedEventTypes,
  applyWorkflowEvent,
  contextOf,
  createWorkflow,
  startWorkflow,
  stateOf,
} from './workflow';

const MODES: WorkflowMode[] = ['apply', 'commitment', 'auto'];
const everyState = MODES.flatMap((mode) =>
  Object.keys(PATHS[mode]).map((state) => [mode, state as WorkflowState] as const),
);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** A persisted workflow with its snapshot edited by `edit` (a copy; the original is untouched). */
function tampered(
  persisted: PersistedWorkflow,
  edit: (snapshot: Record<string, unknown>) => void,
): PersistedWorkflow {
  const copy = structuredClone(persisted) as PersistedWorkflow & { snapshot: Record<string, unknown> };
  edit(copy.snapshot);
  return copy;
}

function contextEdit(edit: (context: Record<string, unknown>) => void) {
  return (snapshot: Record<string, unknown>) => edit(snapshot.context as Record<string, unknown>);
}

describe('persistence', () => {
  it('stores plain JSON with the mode and the current machine version', () => {
    const persisted = createWorkflow('apply', inputFor('apply'));
    expect(persisted).toMatchObject({ mode: 'apply', machineVersion: CURRENT_MACHINE_VERSION });
    expect(JSON.parse(JSON.stringify(persisted))).toEqual(persisted);
    expect(persisted.snapshot).toMatchObject({
      status: 'active',
      value: 'draft',
      context: { reservedAmountFen: 0 },
    });
  });

  it.each(everyState)('%s.%s survives a JSON round-trip', (mode, state) => {
    const persisted = reach(mode, state);
    const restored: PersistedWorkflow = JSON.parse(JSON.stringify(persisted));
    expect(stateOf(restored)).toBe(state);
    expect(contextOf(restored)).toEqual(contextOf(persisted));
    expect(acceptedEventTypes(restored)).toEqual(acceptedEventTypes(persisted));
    expect((restored.snapshot as { status: string }).status).toBe(
      [
        'clawed_back',
        'rejected',
        'withdrawn',
        'expired',
        'cancelled',
        'revoked',
        'declined',
        'lapsed',
      ].includes(state)
        ? 'done'
        : 'active',
    );
  });

  it('never mutates the stored workflow it is given', () => {
    const persisted = deepFreeze(reach('apply', 'first_review'));
    const before = JSON.stringify(persisted);
    const result = applyWorkflowEvent(persisted, PAYLOADS.APPROVE, PERSONAS.assignee);
    expect(result.ok).toBe(true);
    expect(JSON.stringify(persisted)).toBe(before);
  });

  it('contextOf returns a copy', () => {
    const persisted = reach('apply', 'publicity');
    const context = contextOf(persisted);
    context.approvedAmountFen = 1;
    context.expertScores.push({ byUserId: 'x', score: 1, verdict: 'approve', amountFen: null, round: 1 });
    expect(contextOf(persisted).approvedAmountFen).not.toBe(1);
    expect(contextOf(persisted).expertScores).toHaveLength(1);
  });

  describe('corrupt snapshots throw CorruptSnapshotError (never a refusal)', () => {
    const good = reach('apply', 'publicity');
    const cases: [string, unknown][] = [
      ['not an object', 'draft'],
      ['unknown mode', { ...good, mode: 'lottery' }],
      ['unknown machine version', { ...good, machineVersion: 99 }],
      ['machine version as text', { ...good, machineVersion: '1' }],
      ['no snapshot', { ...good, snapshot: null }],
      ['unknown state', tampered(good, (s) => (s.value = 'limbo'))],
      ['transient state', tampered(good, (s) => (s.value = 'approval_decision'))],
      ["another mode's state", tampered(good, (s) => (s.value = 'offered'))],
      ['nested state value', tampered(good, (s) => (s.value = { publicity: 'x' }))],
      ['final status in an active state', tampered(good, (s) => (s.status = 'done'))],
      ['missing context', tampered(good, (s) => delete s.context)],
      [
        'missing field',
        tampered(
          good,
          contextEdit((c) => delete c.amendmentCount),
        ),
      ],
      [
        'unknown field',
        tampered(
          good,
          contextEdit((c) => (c.bonus = 1)),
        ),
      ],
      [
        'fractional amount',
        tampered(
          good,
          contextEdit((c) => (c.computedAmountFen = 1.5)),
        ),
      ],
      [
        'negative amount',
        tampered(
          good,
          contextEdit((c) => (c.paidAmountFen = -1)),
        ),
      ],
      [
        'reservation not matching the approval',
        tampered(
          good,
          contextEdit((c) => (c.reservedAmountFen = 1)),
        ),
      ],
      [
        'bad params',
        tampered(
          good,
          contextEdit((c) => (c.params = { ...STANDARD_PARAMS, expertReview: 'maybe' })),
        ),
      ],
      [
        'bad objection',
        tampered(
          good,
          contextEdit((c) => (c.objection = { byUserId: 'x' })),
        ),
      ],
      [
        'bad decision role',
        tampered(
          good,
          contextEdit(
            (c) => (c.lastDecision = { event: 'APPROVE', byUserId: 'x', role: 'king', comment: null }),
          ),
        ),
      ],
    ];

    it.each(cases)('%s', (_, persisted) => {
      expect(() => stateOf(persisted as PersistedWorkflow)).toThrow(CorruptSnapshotError);
      expect(() =>
        applyWorkflowEvent(persisted as PersistedWorkflow, PAYLOADS.WITHDRAW, PERSONAS.owner),
      ).toThrow(CorruptSnapshotError);
    });

    it('names the offending context fields', () => {
      const broken = tampered(
        good,
        contextEdit((c) => (c.submissionCount = -1)),
      );
      expect(() => stateOf(broken)).toThrow(/snapshot\.context\.submissionCount/);
    });

    it('an active status in a final state is corrupt too', () => {
      const withdrawn = tampered(reach('apply', 'withdrawn'), (s) => (s.status = 'active'));
      expect(() => stateOf(withdrawn)).toThrow(CorruptSnapshotError);
    });
  });

  describe('versions', () => {
    it('has versions 1 and 2 of every mode, and new workflows use the current version', () => {
      expect(CURRENT_MACHINE_VERSION).toBe(2);
      for (const mode of MODES) {
        expect(getMachine(mode, 1)).toBe(MACHINE_VERSIONS[1][mode]);
        expect(getMachine(mode, 2)).toBe(MACHINE_VERSIONS[2][mode]);
        expect(createWorkflow(mode, inputFor(mode)).machineVersion).toBe(CURRENT_MACHINE_VERSION);
      }
      expect(() => getMachine('apply', 0)).toThrow(CorruptSnapshotError);
    });
  });

  describe('createWorkflow input', () => {
    it.each([
      ['applicationId', { applicationId: '' }],
      ['enterpriseId', { enterpriseId: '  ' }],
      ['computedAmountFen', { computedAmountFen: -1 }],
      ['params.directorApprovalAboveFen', { params: { ...STANDARD_PARAMS, directorApprovalAboveFen: 0.5 } }],
      ['params.expertReviewAboveFen', { params: { ...STANDARD_PARAMS, expertReviewAboveFen: undefined } }],
      ['params.publicityWorkingDays', { params: { ...STANDARD_PARAMS, publicityWorkingDays: 61 } }],
      ['params.amountSetByReview', { params: { ...STANDARD_PARAMS, amountSetByReview: 'yes' } }],
    ])('refuses a bad %s', (field, change) => {
      const input = { ...inputFor('apply'), ...change } as never;
      expect(() => createWorkflow('apply', input)).toThrow(WorkflowInputError);
      try {
        createWorkflow('apply', input);
      } catch (error) {
        expect((error as WorkflowInputError).issues.map((issue) => issue.field)).toEqual([field]);
      }
    });

    it('keeps only the known route parameters', () => {
      const params = { ...STANDARD_PARAMS, expertReview: 'never', unrelated: true } as never;
      const started = startWorkflow('apply', inputFor('apply', params));
      expect(contextOf(started.persisted).params).toEqual({ ...STANDARD_PARAMS, expertReview: 'never' });
    });
  });
});
