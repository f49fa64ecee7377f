import { WorkflowInputError } from '../../errors';
import { accepted, effectsOf } from '../../testing/expect';
import { PERSONAS } from '../../testing/personas';
import { COMPUTED_FEN, inputFor, PAYLOADS, reach, send, STANDARD_PARAMS } from '../../testing/scenarios';
import { applyWorkflowEvent, contextOf, startWorkflow, stateOf } from '../../workflow';

const { owner, otherEnterprise } = PERSONAS;

describe('auto machine', () => {
  it('starts as an offer with its confirmation deadline and a notification', () => {
    const started = startWorkflow('auto', inputFor('auto'));
    expect(started.state).toBe('offered');
    expect(stateOf(started.persisted)).toBe('offered');
    expect(started.effects).toEqual([
      {
        type: 'start-stage-deadline',
        stage: 'offered',
        slaKey: 'offerConfirmation',
        round: 1,
        onExpiry: 'OFFER_EXPIRED',
      },
      { type: 'notify', audience: 'enterprise', template: 'grant-offered' },
    ]);
  });

  it('needs a positive computed amount', () => {
    for (const computedAmountFen of [null, 0, -5, 1.5]) {
      expect(() => startWorkflow('auto', { ...inputFor('auto'), computedAmountFen })).toThrow(
        WorkflowInputError,
      );
    }
  });

  it('confirmation is the approval decision: funds are reserved at once, then publicity', () => {
    const offered = reach('auto', 'offered');
    expect(applyWorkflowEvent(offered, { type: 'CONFIRM' } as never, owner)).toMatchObject({
      reason: 'invalid',
      issues: [{ field: 'bankAccountConfirmed', message: 'must be true' }],
    });
    expect(applyWorkflowEvent(offered, PAYLOADS.CONFIRM, otherEnterprise)).toMatchObject({
      reason: 'forbidden',
    });
    const confirmed = accepted(applyWorkflowEvent(offered, PAYLOADS.CONFIRM, owner));
    expect(confirmed.state).toBe('publicity');
    expect(confirmed.effects).toEqual([
      { type: 'clear-stage-deadline', stage: 'offered', round: 1 },
      { type: 'reserve-funds', amountFen: COMPUTED_FEN },
      { type: 'start-publicity', workingDays: 5 },
      { type: 'notify', audience: 'enterprise', template: 'publicity-started' },
    ]);
  });

  it('without publicity, confirmation approves at once', () => {
    const started = startWorkflow('auto', inputFor('auto', { ...STANDARD_PARAMS, publicityWorkingDays: 0 }));
    const confirmed = accepted(applyWorkflowEvent(started.persisted, PAYLOADS.CONFIRM, owner));
    expect(confirmed.state).toBe('approved');
    expect(effectsOf(confirmed.effects, 'reserve-funds')).toEqual([
      { type: 'reserve-funds', amountFen: COMPUTED_FEN },
    ]);
    expect(effectsOf(confirmed.effects, 'request-disbursement')).toHaveLength(1);
    expect(contextOf(confirmed.persisted).approvedAmountFen).toBe(COMPUTED_FEN);
  });

  it('ignores the review thresholds: no expert or director stage exists', () => {
    const params = { ...STANDARD_PARAMS, directorApprovalAboveFen: 0, expertReview: 'always' as const };
    const started = startWorkflow('auto', inputFor('auto', params));
    expect(accepted(applyWorkflowEvent(started.persisted, PAYLOADS.CONFIRM, owner)).state).toBe('publicity');
  });

  it('can be declined or lapse', () => {
    const declined = accepted(send(reach('auto', 'offered'), 'DECLINE', 'owner'));
    expect(declined.state).toBe('declined');
    expect(declined.effects).toEqual([
      { type: 'clear-stage-deadline', stage: 'offered', round: 1 },
      { type: 'notify', audience: 'zone-officers', template: 'grant-declined' },
    ]);
    const lapsed = accepted(send(reach('auto', 'offered'), 'OFFER_EXPIRED', 'system'));
    expect(lapsed.state).toBe('lapsed');
    expect(lapsed.effects).toEqual([
      { type: 'clear-stage-deadline', stage: 'offered', round: 1 },
      { type: 'notify', audience: 'enterprise', template: 'offer-lapsed' },
    ]);
  });

  it('shares publicity, objections and payment with the other modes', () => {
    const rejected = accepted(send(reach('auto', 'objection'), 'UPHOLD_OBJECTION', 'director2'));
    expect(effectsOf(rejected.effects, 'release-funds')).toEqual([
      { type: 'release-funds', amountFen: COMPUTED_FEN },
    ]);
    expect(accepted(send(reach('auto', 'disbursing'), 'PAYMENT_SUCCEEDED', 'system')).state).toBe('paid');
  });
});
