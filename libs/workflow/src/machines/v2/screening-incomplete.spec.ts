import { contextOf, applyWorkflowEvent, createWorkflow, stateOf } from '../../workflow';
import { accepted } from '../../testing/expect';
import { PERSONAS } from '../../testing/personas';
import { inputFor, PAYLOADS } from '../../testing/scenarios';
import { MACHINE_VERSIONS } from '../../versions';
import type { WorkflowMode } from '../../types';

const { owner, system, assignee } = PERSONAS;

const missingFacts = [
  {
    key: 'equipment_investment_fen',
    period: '2026',
    label: { zh: '设备投资额（2026年度）', en: 'equipment investment (fiscal year 2026)' },
  },
];

function screening(mode: WorkflowMode) {
  const draft = createWorkflow(mode, inputFor(mode));
  expect(draft.machineVersion).toBe(2);
  return accepted(applyWorkflowEvent(draft, PAYLOADS.SUBMIT, owner)).persisted;
}

describe.each<WorkflowMode>(['apply', 'commitment'])('%s v2: screening that lacks data', (mode) => {
  it('returns the case for amendment naming the missing facts, with the amendment deadline', () => {
    const result = accepted(
      applyWorkflowEvent(screening(mode), { type: 'SCREENING_INCOMPLETE', missingFacts, round: 1 }, system),
    );
    expect(result.state).toBe('amending');
    expect(result.effects).toEqual([
      {
        type: 'start-stage-deadline',
        stage: 'amending',
        slaKey: 'amendment',
        round: 1,
        onExpiry: 'AMENDMENT_EXPIRED',
      },
      { type: 'notify', audience: 'enterprise', template: 'application-returned' },
    ]);
    const context = contextOf(result.persisted);
    expect(context.screening).toEqual({ result: 'incomplete', round: 1, reasons: [], missingFacts });
    expect(context.amendmentCount).toBe(1);
    expect(context.lastDecision).toMatchObject({
      event: 'SCREENING_INCOMPLETE',
      comment: '设备投资额（2026年度） / equipment investment (fiscal year 2026)',
    });
    // A round-trip through JSON (the database) keeps it loadable.
    expect(stateOf(JSON.parse(JSON.stringify(result.persisted)))).toBe('amending');
  });

  it('after resubmission screening runs again and can pass', () => {
    const returned = accepted(
      applyWorkflowEvent(screening(mode), { type: 'SCREENING_INCOMPLETE', missingFacts }, system),
    );
    const resubmitted = accepted(applyWorkflowEvent(returned.persisted, PAYLOADS.RESUBMIT, owner));
    expect(resubmitted.state).toBe('screening');
    expect(resubmitted.effects).toContainEqual({ type: 'request-screening', round: 2 });
    expect(contextOf(resubmitted.persisted).screening).toBeNull();
    const passed = accepted(
      applyWorkflowEvent(resubmitted.persisted, { ...PAYLOADS.SCREENING_PASSED, round: 2 }, system),
    );
    expect(passed.state).toBe(mode === 'apply' ? 'first_review' : 'acceptance');
  });

  it('refuses a stale round, a person as sender, and a malformed list', () => {
    const at = screening(mode);
    const stale = applyWorkflowEvent(at, { type: 'SCREENING_INCOMPLETE', missingFacts, round: 7 }, system);
    expect(stale).toMatchObject({ ok: false, reason: 'not-accepted' });
    const byPerson = applyWorkflowEvent(at, { type: 'SCREENING_INCOMPLETE', missingFacts }, assignee);
    expect(byPerson).toMatchObject({ ok: false, reason: 'forbidden' });
    const empty = applyWorkflowEvent(at, { type: 'SCREENING_INCOMPLETE', missingFacts: [] }, system);
    expect(empty).toMatchObject({ ok: false, reason: 'invalid' });
    expect(empty.ok ? [] : empty.issues.map((i) => i.field)).toEqual(['missingFacts']);
  });
});

describe('v1 machines stay as released', () => {
  it('v1 screening does not take SCREENING_INCOMPLETE (cases in flight keep their version)', () => {
    for (const mode of ['apply', 'commitment'] as const) {
      const screeningNode = MACHINE_VERSIONS[1][mode].root.states.screening;
      expect(screeningNode.transitions.has('SCREENING_INCOMPLETE')).toBe(false);
      expect(MACHINE_VERSIONS[2][mode].root.states.screening.transitions.has('SCREENING_INCOMPLETE')).toBe(
        true,
      );
    }
  });
});
