import { accepted, effectsOf } from '../../testing/expect';
import { PERSONAS } from '../../testing/personas';
import {
  COMPUTED_FEN,
  follow,
  inputFor,
  PAYLOADS,
  reach,
  send,
  STANDARD_PARAMS,
} from '../../testing/scenarios';
import { applyWorkflowEvent, contextOf, createWorkflow } from '../../workflow';

const { owner, assignee, otherOfficer, system } = PERSONAS;
const noPublicity = { ...STANDARD_PARAMS, publicityWorkingDays: 0 };

describe('commitment machine', () => {
  it('refuses a submission without the signed commitment', () => {
    const draft = createWorkflow('commitment', inputFor('commitment'));
    for (const event of [{ type: 'SUBMIT' }, { type: 'SUBMIT', commitmentSigned: false }] as const) {
      expect(applyWorkflowEvent(draft, event, owner)).toMatchObject({
        ok: false,
        reason: 'invalid',
        issues: [{ field: 'commitmentSigned' }],
      });
    }
    const submitted = accepted(applyWorkflowEvent(draft, { type: 'SUBMIT', commitmentSigned: true }, owner));
    expect(submitted.state).toBe('screening');
    expect(contextOf(submitted.persisted).commitmentSigned).toBe(true);
  });

  it('acceptance approves without substantive review and starts the post-approval verification', () => {
    const acceptance = reach('commitment', 'acceptance');
    const accepting = accepted(send(acceptance, 'ACCEPT', 'assignee'));
    expect(accepting.state).toBe('publicity');
    expect(accepting.effects).toEqual([
      { type: 'clear-stage-deadline', stage: 'acceptance', round: 1 },
      {
        type: 'start-stage-deadline',
        stage: 'post_verification',
        slaKey: 'postVerification',
        round: 1,
        onExpiry: 'escalate',
      },
      { type: 'reserve-funds', amountFen: COMPUTED_FEN },
      { type: 'start-publicity', workingDays: 5 },
      { type: 'notify', audience: 'enterprise', template: 'publicity-started' },
    ]);
    expect(contextOf(accepting.persisted)).toMatchObject({
      verification: 'pending',
      approvedAmountFen: COMPUTED_FEN,
    });
  });

  it('skips publicity when the program has none', () => {
    const { persisted, effects } = follow(
      'commitment',
      [
        ['SUBMIT', 'owner'],
        ['SCREENING_PASSED', 'system'],
        ['ACCEPT', 'assignee'],
      ],
      noPublicity,
    );
    expect(contextOf(persisted)).toMatchObject({ verification: 'pending', reservedAmountFen: COMPUTED_FEN });
    expect(effectsOf(effects, 'start-publicity')).toEqual([]);
    expect(effectsOf(effects, 'request-disbursement')).toEqual([
      { type: 'request-disbursement', amountFen: COMPUTED_FEN },
    ]);
  });

  it('the acceptance stage may return for correction (补正) and requires the commitment again on resubmission', () => {
    const amending = reach('commitment', 'amending');
    expect(applyWorkflowEvent(amending, { type: 'RESUBMIT' }, owner)).toMatchObject({ reason: 'invalid' });
    const resubmitted = accepted(applyWorkflowEvent(amending, PAYLOADS.RESUBMIT, owner));
    expect(resubmitted.state).toBe('screening');
    expect(effectsOf(resubmitted.effects, 'request-screening')).toEqual([
      { type: 'request-screening', round: 2 },
    ]);
  });

  it('verification passes once and leaves the grant where it is', () => {
    const approved = reach('commitment', 'approved');
    const verified = accepted(
      applyWorkflowEvent(approved, { type: 'VERIFY', comment: '现场核查通过' }, assignee),
    );
    expect(verified.state).toBe('approved');
    expect(verified.effects).toEqual([
      { type: 'clear-stage-deadline', stage: 'post_verification', round: 1 },
      { type: 'notify', audience: 'enterprise', template: 'verification-passed' },
    ]);
    expect(contextOf(verified.persisted).verification).toBe('verified');
    for (const type of ['VERIFY', 'VERIFICATION_FAILED'] as const) {
      expect(send(verified.persisted, type, 'assignee')).toMatchObject({
        ok: false,
        reason: 'not-accepted',
        message: expect.stringContaining('no pending verification'),
      });
    }
    expect(accepted(send(verified.persisted, 'DISBURSEMENT_STARTED', 'finance')).state).toBe('disbursing');
  });

  it('a failed verification before payment revokes the grant, releases the funds and blacklists', () => {
    const revoked = accepted(send(reach('commitment', 'approved'), 'VERIFICATION_FAILED', 'assignee'));
    expect(revoked.state).toBe('revoked');
    expect(revoked.effects).toEqual([
      { type: 'clear-stage-deadline', stage: 'post_verification', round: 1 },
      { type: 'release-funds', amountFen: COMPUTED_FEN },
      {
        type: 'blacklist-enterprise',
        enterpriseId: 'ent-applicant',
        reason: 'commitment-breached',
        comment: PAYLOADS.VERIFICATION_FAILED.comment,
      },
      { type: 'notify', audience: 'enterprise', template: 'commitment-revoked' },
      { type: 'notify', audience: 'finance', template: 'commitment-revoked' },
    ]);
    expect(contextOf(revoked.persisted)).toMatchObject({
      verification: 'failed',
      falseClaim: true,
      reservedAmountFen: 0,
    });
  });

  it('a failed verification after payment requires a clawback', () => {
    const clawback = accepted(send(reach('commitment', 'paid'), 'VERIFICATION_FAILED', 'assignee'));
    expect(clawback.state).toBe('clawback_required');
    expect(clawback.effects.map((e) => e.type)).toEqual([
      'clear-stage-deadline',
      'clawback-required',
      'notify',
      'notify',
      'blacklist-enterprise',
    ]);
    expect(effectsOf(clawback.effects, 'clawback-required')).toEqual([
      { type: 'clawback-required', amountFen: COMPUTED_FEN, reason: PAYLOADS.VERIFICATION_FAILED.comment },
    ]);
    expect(contextOf(clawback.persisted)).toMatchObject({
      verification: 'failed',
      clawbackAmountFen: COMPUTED_FEN,
    });
  });

  it('is not verified while the payment is with the bank', () => {
    expect(send(reach('commitment', 'disbursing'), 'VERIFY', 'assignee')).toMatchObject({
      reason: 'not-accepted',
    });
  });

  it('only the assigned officer (or a director) verifies', () => {
    const approved = reach('commitment', 'approved');
    expect(
      applyWorkflowEvent(approved, PAYLOADS.VERIFY, otherOfficer, { assigneeId: assignee.userId }),
    ).toMatchObject({
      reason: 'forbidden',
    });
  });

  it.each([
    ['withdrawn from publicity', 'publicity', 'WITHDRAW', 'owner'],
    ['objection upheld', 'objection', 'UPHOLD_OBJECTION', 'director'],
    ['cancelled', 'approved', 'CANCEL', 'director'],
    ['false claim reported', 'paid', 'REPORT_FALSE_CLAIM', 'director'],
  ] as const)(
    'a grant ending with verification pending (%s) clears the verification deadline',
    (_, state, type, who) => {
      const result = accepted(send(reach('commitment', state), type, who));
      expect(effectsOf(result.effects, 'clear-stage-deadline')).toContainEqual({
        type: 'clear-stage-deadline',
        stage: 'post_verification',
        round: 1,
      });
      expect(contextOf(result.persisted).verification).toBe('n/a');
    },
  );

  it('acceptance can reject (不予受理) and screening can fail', () => {
    expect(accepted(send(reach('commitment', 'acceptance'), 'REJECT', 'assignee')).state).toBe('rejected');
    const failed = accepted(
      applyWorkflowEvent(reach('commitment', 'screening'), PAYLOADS.SCREENING_FAILED, system),
    );
    expect(failed.state).toBe('rejected');
  });
});
