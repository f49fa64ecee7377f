import { EVENT_TYPES, type WorkflowEventType } from './events';
import { assigneeFor, PERSONA_NAMES, PERSONAS, type Persona } from './testing/personas';
import { PATHS, PAYLOADS, reach, STANDARD_PARAMS, follow, inputFor } from './testing/scenarios';
import { WORKFLOW_STATES, type WorkflowMode, type WorkflowState } from './types';
import { acceptedEventsFor, applyWorkflowEvent, createWorkflow } from './workflow';

/**
 * The designed permission table, written out independently of the machines: for every state of every
 * mode, which events it accepts and from whom. Everything not listed must be `not-accepted`; a listed
 * event from anyone else must be `forbidden`.
 */
type Expected = Partial<Record<WorkflowEventType, readonly Persona[]>>;

const OWNER: readonly Persona[] = ['owner'];
const REVIEWERS: readonly Persona[] = ['assignee', 'director', 'director2'];
const EXPERT: readonly Persona[] = ['expert'];
const DIRECTORS: readonly Persona[] = ['director', 'director2'];
const SYSTEM: readonly Persona[] = ['system'];
const PAYMENT: readonly Persona[] = ['system', 'finance'];
const DIRECTORS_OR_FINANCE: readonly Persona[] = ['director', 'director2', 'finance'];
/** Anyone logged in except the applicant, auditors and the worker. */
const OBJECTORS: readonly Persona[] = [
  'otherEnterprise',
  'assignee',
  'otherOfficer',
  'director',
  'director2',
  'expert',
  'otherExpert',
  'finance',
  'policyAdmin',
  'admin',
];

const AFTER_DECISION: Partial<Record<WorkflowState, Expected>> = {
  publicity: { OBJECT: OBJECTORS, PUBLICITY_ENDED: SYSTEM, WITHDRAW: OWNER },
  objection: { UPHOLD_OBJECTION: DIRECTORS, DISMISS_OBJECTION: DIRECTORS, PUBLICITY_ENDED: SYSTEM },
  approved: { DISBURSEMENT_STARTED: PAYMENT, CANCEL: DIRECTORS_OR_FINANCE },
  disbursing: { PAYMENT_SUCCEEDED: PAYMENT, PAYMENT_FAILED: PAYMENT },
  paid: { REPORT_FALSE_CLAIM: DIRECTORS },
  clawback_required: { CLAWBACK_SETTLED: PAYMENT },
  clawed_back: {},
  rejected: {},
  withdrawn: {},
  cancelled: {},
};

const EXPECTED: Record<WorkflowMode, Partial<Record<WorkflowState, Expected>>> = {
  apply: {
    draft: { SUBMIT: OWNER, WITHDRAW: OWNER },
    screening: {
      SCREENING_PASSED: SYSTEM,
      SCREENING_FAILED: SYSTEM,
      SCREENING_INCOMPLETE: SYSTEM,
      WITHDRAW: OWNER,
    },
    first_review: { APPROVE: REVIEWERS, RETURN: REVIEWERS, REJECT: REVIEWERS, WITHDRAW: OWNER },
    expert_review: { EXPERT_APPROVE: EXPERT, EXPERT_REJECT: EXPERT, WITHDRAW: OWNER },
    director_approval: { APPROVE: DIRECTORS, RETURN: DIRECTORS, REJECT: DIRECTORS, WITHDRAW: OWNER },
    amending: { RESUBMIT: OWNER, AMENDMENT_EXPIRED: SYSTEM, WITHDRAW: OWNER },
    expired: {},
    ...AFTER_DECISION,
  },
  commitment: {
    draft: { SUBMIT: OWNER, WITHDRAW: OWNER },
    screening: {
      SCREENING_PASSED: SYSTEM,
      SCREENING_FAILED: SYSTEM,
      SCREENING_INCOMPLETE: SYSTEM,
      WITHDRAW: OWNER,
    },
    acceptance: { ACCEPT: REVIEWERS, RETURN: REVIEWERS, REJECT: REVIEWERS, WITHDRAW: OWNER },
    amending: { RESUBMIT: OWNER, AMENDMENT_EXPIRED: SYSTEM, WITHDRAW: OWNER },
    expired: {},
    revoked: {},
    ...AFTER_DECISION,
    approved: { ...AFTER_DECISION.approved, VERIFY: REVIEWERS, VERIFICATION_FAILED: REVIEWERS },
    paid: { ...AFTER_DECISION.paid, VERIFY: REVIEWERS, VERIFICATION_FAILED: REVIEWERS },
  },
  auto: {
    offered: { CONFIRM: OWNER, DECLINE: OWNER, OFFER_EXPIRED: SYSTEM },
    declined: {},
    lapsed: {},
    ...AFTER_DECISION,
  },
};

type Outcome = 'accepted' | 'forbidden' | 'not-accepted' | 'invalid';

function expectedOutcome(expected: Expected, event: WorkflowEventType, persona: Persona): Outcome {
  const allowed = expected[event];
  if (!allowed) return 'not-accepted';
  return allowed.includes(persona) ? 'accepted' : 'forbidden';
}

const MODES: WorkflowMode[] = ['apply', 'commitment', 'auto'];

describe('role matrix: state × event × role', () => {
  it('covers every state of every machine', () => {
    for (const mode of MODES) {
      expect(Object.keys(EXPECTED[mode]).sort()).toEqual(Object.keys(PATHS[mode]).sort());
    }
  });

  describe.each(MODES)('%s', (mode) => {
    const states = WORKFLOW_STATES.filter((state) => EXPECTED[mode][state] !== undefined);

    it.each(states)('%s', (state) => {
      const expected = EXPECTED[mode][state] ?? {};
      const persisted = reach(mode, state);
      const assigneeId = assigneeFor(state);
      const mismatches: string[] = [];
      for (const event of EVENT_TYPES) {
        for (const persona of PERSONA_NAMES) {
          const result = applyWorkflowEvent(persisted, PAYLOADS[event], PERSONAS[persona], { assigneeId });
          const actual: Outcome = result.ok ? 'accepted' : result.reason;
          const want = expectedOutcome(expected, event, persona);
          if (actual !== want) mismatches.push(`${event} by ${persona}: expected ${want}, got ${actual}`);
          if (
            !result.ok &&
            [...result.acceptedEvents].sort().join() !== Object.keys(expected).sort().join()
          ) {
            mismatches.push(`${event} by ${persona}: acceptedEvents ${result.acceptedEvents.join()}`);
          }
        }
      }
      expect(mismatches).toEqual([]);
    });

    it.each(states)('%s: acceptedEventsFor lists exactly what each role may do', (state) => {
      const expected = EXPECTED[mode][state] ?? {};
      const persisted = reach(mode, state);
      for (const persona of PERSONA_NAMES) {
        const mine = EVENT_TYPES.filter((event) => expected[event]?.includes(persona));
        const listed = acceptedEventsFor(persisted, PERSONAS[persona], { assigneeId: assigneeFor(state) });
        expect({ persona, events: [...listed].sort() }).toEqual({ persona, events: [...mine].sort() });
      }
    });
  });
});

describe('role rules that need a particular history', () => {
  it('any zone officer may act on an unassigned case; only the assignee on an assigned one', () => {
    const persisted = reach('apply', 'first_review');
    const other = PERSONAS.otherOfficer;
    expect(applyWorkflowEvent(persisted, PAYLOADS.RETURN, other, { assigneeId: null }).ok).toBe(true);
    expect(applyWorkflowEvent(persisted, PAYLOADS.RETURN, other).ok).toBe(true);
    const assigned = applyWorkflowEvent(persisted, PAYLOADS.RETURN, other, {
      assigneeId: 'officer-assigned',
    });
    expect(assigned).toMatchObject({ ok: false, reason: 'forbidden' });
  });

  it('a director who recommended approval at first review may not also give the director approval', () => {
    const { persisted } = follow('apply', [
      ['SUBMIT', 'owner'],
      ['SCREENING_PASSED', 'system'],
    ]);
    const recommended = applyWorkflowEvent(
      persisted,
      { type: 'APPROVE', amountFen: 60_000_000 },
      PERSONAS.director,
    );
    if (!recommended.ok) throw new Error(recommended.message);
    expect(recommended.state).toBe('director_approval');
    for (const type of ['APPROVE', 'RETURN', 'REJECT'] as const) {
      const same = applyWorkflowEvent(recommended.persisted, PAYLOADS[type], PERSONAS.director);
      expect(same).toMatchObject({
        ok: false,
        reason: 'forbidden',
        message: expect.stringContaining('first reviewer'),
      });
      expect(applyWorkflowEvent(recommended.persisted, PAYLOADS[type], PERSONAS.director2).ok).toBe(true);
    }
    expect(acceptedEventsFor(recommended.persisted, PERSONAS.director)).toEqual([]);
  });

  it('a director who objected may not decide the objection', () => {
    const publicity = reach('apply', 'publicity');
    const objected = applyWorkflowEvent(publicity, PAYLOADS.OBJECT, PERSONAS.director);
    if (!objected.ok) throw new Error(objected.message);
    expect(
      applyWorkflowEvent(objected.persisted, PAYLOADS.DISMISS_OBJECTION, PERSONAS.director),
    ).toMatchObject({
      ok: false,
      reason: 'forbidden',
    });
    expect(applyWorkflowEvent(objected.persisted, PAYLOADS.DISMISS_OBJECTION, PERSONAS.director2).ok).toBe(
      true,
    );
  });

  it('enterprise users without an enterprise, malformed actors and spoofed envelopes are refused', () => {
    const draft = createWorkflow('apply', inputFor('apply', STANDARD_PARAMS));
    const noEnterprise = { userId: 'u', role: 'enterprise' as const, enterpriseId: null };
    expect(applyWorkflowEvent(draft, PAYLOADS.SUBMIT, noEnterprise)).toMatchObject({ reason: 'forbidden' });
    const publicity = reach('apply', 'publicity');
    expect(applyWorkflowEvent(publicity, PAYLOADS.OBJECT, noEnterprise)).toMatchObject({
      reason: 'forbidden',
    });
    for (const actor of [null, {}, { userId: '', role: 'director' }, { userId: 'x', role: 'mayor' }]) {
      const result = applyWorkflowEvent(publicity, PAYLOADS.OBJECT, actor as never);
      expect(result).toMatchObject({ ok: false, reason: 'forbidden' });
    }
    // An `actor` smuggled inside the event never replaces the real one.
    const spoofed = { ...PAYLOADS.SUBMIT, actor: PERSONAS.owner } as never;
    expect(applyWorkflowEvent(draft, spoofed, PERSONAS.director)).toMatchObject({ reason: 'forbidden' });
  });
});
