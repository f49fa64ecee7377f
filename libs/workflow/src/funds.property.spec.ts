import fc from 'fast-check';
import { EVENT_TYPES, type WorkflowEvent, type WorkflowEventType } from './events';
import { loadWorkflow, restingStates } from './persistence';
import { FundsLedger, HOLDING_STATES } from './testing/funds-ledger';
import {
  ASSIGNED_EXPERT_ID,
  ASSIGNED_OFFICER_ID,
  PERSONA_FOR_POLICY,
  PERSONA_NAMES,
  PERSONAS,
} from './testing/personas';
import { PAYLOADS } from './testing/scenarios';
import { isFinal, type WorkflowMode, type WorkflowParams } from './types';
import { getMachine } from './versions';
import {
  acceptedEventTypes,
  acceptedEventsFor,
  applyWorkflowEvent,
  contextOf,
  startWorkflow,
  stateOf,
  transitionRules,
} from './workflow';

/**
 * Property: whatever sequence of events anyone sends, in any mode and with any program parameters,
 * - the fund pool is reserved exactly once before an application holds money, never twice without a
 *   release, and released in full when it ends: reserves − releases is the approved amount in
 *   publicity/objection/approved/disbursing/paid/clawback states and 0 everywhere else;
 * - a refusal changes nothing and its reason matches what the state and the actor allow;
 * - nothing throws, and every stored snapshot survives a JSON round-trip.
 */

const paramsArb: fc.Arbitrary<WorkflowParams> = fc.record({
  directorApprovalAboveFen: fc.integer({ min: 0, max: 100_000_000 }),
  expertReview: fc.constantFrom('always', 'never', 'above'),
  expertReviewAboveFen: fc.integer({ min: 0, max: 100_000_000 }),
  publicityWorkingDays: fc.constantFrom(0, 5),
  amountSetByReview: fc.boolean(),
});

/** Events that end an application early; sent rarely so that sequences also get deep into the machines. */
const ENDINGS: ReadonlySet<WorkflowEventType> = new Set<WorkflowEventType>([
  'WITHDRAW',
  'DECLINE',
  'OFFER_EXPIRED',
  'SCREENING_FAILED',
  'REJECT',
  'AMENDMENT_EXPIRED',
  'CANCEL',
  'UPHOLD_OBJECTION',
]);

const mostly = fc.integer({ min: 0, max: 9 }).map((n) => n < 8);

const commandArb = fc.record({
  pick: fc.nat(),
  /** Send one of the events the state takes (most commands), or any event at all. */
  fromAccepted: mostly,
  /** Send it as a sender the rule admits (most commands), or as a random persona. */
  authorized: mostly,
  /** Allow an event that ends the application early. */
  mayEnd: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  persona: fc.constantFrom(...PERSONA_NAMES),
  variant: fc.nat({ max: 4 }),
  amountFen: fc.integer({ min: 1, max: 120_000_000 }),
  assigneeId: fc.constantFrom<string | null | 'scripted'>(
    null,
    'scripted',
    ASSIGNED_OFFICER_ID,
    ASSIGNED_EXPERT_ID,
  ),
});

type Command = typeof commandArb extends fc.Arbitrary<infer C> ? C : never;

/** Payloads are sent as-is, malformed ones included: `applyWorkflowEvent` must refuse those itself. */
const unchecked = (payload: object): WorkflowEvent => payload as WorkflowEvent;

/** Valid, boundary and malformed payloads for an event type. */
function payloadFor(type: WorkflowEventType, variant: number, amountFen: number): WorkflowEvent {
  const base = PAYLOADS[type];
  switch (variant) {
    case 1:
      return unchecked({ ...base, amountFen, falseClaim: true, paidAmountFen: amountFen });
    case 2:
      return ['APPROVE', 'ACCEPT', 'EXPERT_APPROVE'].includes(type)
        ? unchecked({ ...base, amountFen })
        : base;
    case 3:
      return unchecked({ type });
    case 4:
      return unchecked({ ...base, round: (amountFen % 3) + 1 });
    default:
      return base;
  }
}

function run(mode: WorkflowMode, params: WorkflowParams, computed: number, commands: Command[]): void {
  const started = startWorkflow(mode, {
    applicationId: 'app-property',
    enterpriseId: PERSONAS.owner.enterpriseId,
    params,
    computedAmountFen: computed,
  });
  const machine = getMachine(mode, started.persisted.machineVersion);
  const resting = new Set(restingStates(machine));
  const ledger = new FundsLedger();
  ledger.record(started.effects);
  let persisted = started.persisted;

  for (const command of commands) {
    const state = stateOf(persisted);
    const acceptedTypes = acceptedEventTypes(persisted);
    const progressing = acceptedTypes.filter((t) => command.mayEnd || !ENDINGS.has(t));
    const candidates = progressing.length ? progressing : acceptedTypes;
    const type =
      command.fromAccepted && candidates.length
        ? candidates[command.pick % candidates.length]
        : EVENT_TYPES[command.pick % EVENT_TYPES.length];
    const rule = transitionRules(loadWorkflow(persisted).snapshot).get(type);
    const actor = PERSONAS[command.authorized && rule ? PERSONA_FOR_POLICY[rule.who] : command.persona];
    const assigneeId =
      command.assigneeId === 'scripted'
        ? state === 'expert_review'
          ? ASSIGNED_EXPERT_ID
          : ASSIGNED_OFFICER_ID
        : command.assigneeId;
    const event = payloadFor(type, command.variant, command.amountFen);

    const result = applyWorkflowEvent(persisted, event, actor, { assigneeId });

    if (!result.ok) {
      expect(result.state).toBe(state);
      expect(result.acceptedEvents).toEqual(acceptedTypes);
      const actorMay = acceptedEventsFor(persisted, actor, { assigneeId }).includes(type);
      // A permitted sender can still send a malformed payload (invalid) or a stale round (not-accepted).
      const expectedReasons = !acceptedTypes.includes(type)
        ? ['not-accepted']
        : !actorMay
          ? ['forbidden']
          : ['invalid', 'not-accepted'];
      expect(expectedReasons).toContain(result.reason);
      if (result.reason === 'invalid') expect(result.issues.length).toBeGreaterThan(0);
      continue;
    }

    expect(acceptedTypes).toContain(type);
    expect(result.previousState).toBe(state);
    expect(resting.has(result.state)).toBe(true);
    persisted = JSON.parse(JSON.stringify(result.persisted));
    expect(stateOf(persisted)).toBe(result.state);
    ledger.record(result.effects);
    const context = contextOf(persisted);
    ledger.check(result.state, context);
    expect(ledger.reservations).toBeLessThanOrEqual(1);
    if (HOLDING_STATES.has(result.state)) expect(ledger.reservations).toBe(1);
    if (isFinal(result.state)) expect(acceptedEventTypes(persisted)).toEqual([]);
    expect(ledger.problems).toEqual([]);
  }
}

describe('funds and refusals under random event sequences (fast-check)', () => {
  it.each<WorkflowMode>(['apply', 'commitment', 'auto'])('%s', (mode) => {
    fc.assert(
      fc.property(
        paramsArb,
        fc.integer({ min: 1, max: 100_000_000 }),
        fc.array(commandArb, { maxLength: 60 }),
        (params, computed, commands) => run(mode, params, computed, commands),
      ),
      { numRuns: 1000 },
    );
  });
});
