import { checkObjectionAnswer } from './objection-answer';
import { PERSONA_NAMES, PERSONAS } from './testing/personas';
import { follow, PATHS, reach, type Step } from './testing/scenarios';
import { WORKFLOW_MODES, type WorkflowMode, type WorkflowState } from './types';
import { stateOf } from './workflow';

const ANSWER = '该专利已于2025年3月转让给本企业，转让登记证明见附件。';

const CASES: [WorkflowMode, WorkflowState][] = WORKFLOW_MODES.flatMap((mode) =>
  (Object.keys(PATHS[mode]) as WorkflowState[]).map((state): [WorkflowMode, WorkflowState] => [mode, state]),
);

describe('checkObjectionAnswer (异议答复)', () => {
  it('covers every state of every machine that has a scripted path', () => {
    expect(CASES.length).toBeGreaterThan(30);
    expect(CASES.filter(([, s]) => s === 'objection').map(([m]) => m)).toEqual([...WORKFLOW_MODES]);
  });

  describe.each(CASES)('%s machine in %s', (mode, state) => {
    const persisted = reach(mode, state);

    it.each(PERSONA_NAMES)('%s', (persona) => {
      const verdict = checkObjectionAnswer(persisted, PERSONAS[persona], ANSWER);
      if (persona !== 'owner') expect(verdict).toEqual({ ok: false, reason: 'not-applicant' });
      else if (state === 'objection') expect(verdict).toEqual({ ok: true, round: 1 });
      else expect(verdict).toEqual({ ok: false, reason: 'not-in-objection' });
    });
  });

  it.each(WORKFLOW_MODES)('%s: an enterprise user without an enterprise is never the applicant', (mode) => {
    const persisted = reach(mode, 'objection');
    const verdict = checkObjectionAnswer(
      persisted,
      { userId: 'u', role: 'enterprise', enterpriseId: null },
      ANSWER,
    );
    expect(verdict).toEqual({ ok: false, reason: 'not-applicant' });
  });

  it.each([undefined, null, '', '   \n', 42, ['text'], 'x'.repeat(2001)])(
    'refuses the answer %p naming the comment field',
    (comment) => {
      const verdict = checkObjectionAnswer(reach('apply', 'objection'), PERSONAS.owner, comment);
      expect(verdict).toEqual({
        ok: false,
        reason: 'invalid',
        issues: [{ field: 'comment', message: expect.stringContaining('non-blank') }],
      });
    },
  );

  it('accepts an answer of exactly the longest comment', () => {
    const verdict = checkObjectionAnswer(reach('apply', 'objection'), PERSONAS.owner, '答'.repeat(2000));
    expect(verdict.ok).toBe(true);
  });

  it('an outsider learns nothing from a bad comment: the role is checked first', () => {
    const verdict = checkObjectionAnswer(reach('apply', 'publicity'), PERSONAS.otherEnterprise, '');
    expect(verdict).toEqual({ ok: false, reason: 'not-applicant' });
  });

  it.each(WORKFLOW_MODES)(
    '%s: a dismissed objection is closed; a second objection is round 2 and may be answered',
    (mode) => {
      const toObjection = PATHS[mode].objection!;
      const dismissed: Step[] = [...toObjection, ['DISMISS_OBJECTION', 'director']];
      const afterDismissal = follow(mode, dismissed).persisted;
      expect(stateOf(afterDismissal)).toBe('publicity');
      expect(checkObjectionAnswer(afterDismissal, PERSONAS.owner, ANSWER)).toEqual({
        ok: false,
        reason: 'not-in-objection',
      });
      const again = follow(mode, [...dismissed, ['OBJECT', 'assignee']]).persisted;
      expect(stateOf(again)).toBe('objection');
      expect(checkObjectionAnswer(again, PERSONAS.owner, ANSWER)).toEqual({ ok: true, round: 2 });
    },
  );

  it.each(WORKFLOW_MODES)('%s: an upheld objection is closed', (mode) => {
    const upheld = follow(mode, [...PATHS[mode].objection!, ['UPHOLD_OBJECTION', 'director']]).persisted;
    expect(stateOf(upheld)).toBe('rejected');
    expect(checkObjectionAnswer(upheld, PERSONAS.owner, ANSWER)).toEqual({
      ok: false,
      reason: 'not-in-objection',
    });
  });
});
