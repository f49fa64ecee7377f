import type { WorkflowParams } from '../../types';
import { applyWorkflowEvent, contextOf, createWorkflow, stateOf, type WorkflowResult } from '../../workflow';
import { accepted, effectsOf } from '../../testing/expect';
import { PERSONAS } from '../../testing/personas';
import { COMPUTED_FEN, inputFor, PAYLOADS, reach, send, STANDARD_PARAMS } from '../../testing/scenarios';

const { owner, assignee, director, director2, expert, finance, system, otherEnterprise } = PERSONAS;

function firstReview(params: Partial<WorkflowParams> = {}, computed = 100_000_000) {
  const started = createWorkflow('apply', inputFor('apply', { ...STANDARD_PARAMS, ...params }, computed));
  const submitted = accepted(applyWorkflowEvent(started, PAYLOADS.SUBMIT, owner));
  return accepted(
    applyWorkflowEvent(
      submitted.persisted,
      { type: 'SCREENING_PASSED', computedAmountFen: computed },
      system,
    ),
  ).persisted;
}

describe('apply machine', () => {
  it('runs the full path with exactly the declared effects', () => {
    const draft = createWorkflow('apply', inputFor('apply'));
    expect(stateOf(draft)).toBe('draft');

    const submit = accepted(applyWorkflowEvent(draft, { type: 'SUBMIT', comment: '初次申报' }, owner));
    expect(submit).toMatchObject({ state: 'screening', previousState: 'draft' });
    expect(submit.effects).toEqual([
      { type: 'notify', audience: 'enterprise', template: 'application-submitted' },
      { type: 'request-screening', round: 1 },
    ]);

    const screened = accepted(
      applyWorkflowEvent(
        submit.persisted,
        { type: 'SCREENING_PASSED', computedAmountFen: COMPUTED_FEN, round: 1 },
        system,
      ),
    );
    expect(screened.state).toBe('first_review');
    expect(screened.effects).toEqual([
      {
        type: 'start-stage-deadline',
        stage: 'first_review',
        slaKey: 'firstReview',
        round: 1,
        onExpiry: 'escalate',
      },
      { type: 'notify', audience: 'zone-officers', template: 'review-requested' },
    ]);

    const recommended = accepted(
      applyWorkflowEvent(screened.persisted, { type: 'APPROVE', comment: '材料齐全' }, assignee, {
        assigneeId: assignee.userId,
      }),
    );
    expect(recommended.state).toBe('expert_review');
    expect(recommended.effects).toEqual([
      { type: 'clear-stage-deadline', stage: 'first_review', round: 1 },
      {
        type: 'start-stage-deadline',
        stage: 'expert_review',
        slaKey: 'expertReview',
        round: 1,
        onExpiry: 'escalate',
      },
      { type: 'notify', audience: 'experts', template: 'expert-review-requested' },
    ]);

    const scored = accepted(
      applyWorkflowEvent(
        recommended.persisted,
        { type: 'EXPERT_APPROVE', score: 88, amountFen: 75_000_000 },
        expert,
      ),
    );
    expect(scored.state).toBe('director_approval');
    expect(scored.effects).toEqual([
      { type: 'clear-stage-deadline', stage: 'expert_review', round: 1 },
      {
        type: 'start-stage-deadline',
        stage: 'director_approval',
        slaKey: 'directorApproval',
        round: 1,
        onExpiry: 'escalate',
      },
      { type: 'notify', audience: 'directors', template: 'director-approval-requested' },
    ]);

    const approved = accepted(applyWorkflowEvent(scored.persisted, { type: 'APPROVE' }, director));
    expect(approved.state).toBe('publicity');
    expect(approved.effects).toEqual([
      { type: 'clear-stage-deadline', stage: 'director_approval', round: 1 },
      { type: 'reserve-funds', amountFen: 75_000_000 },
      { type: 'start-publicity', workingDays: 5 },
      { type: 'notify', audience: 'enterprise', template: 'publicity-started' },
    ]);

    const ended = accepted(applyWorkflowEvent(approved.persisted, PAYLOADS.PUBLICITY_ENDED, system));
    expect(ended.state).toBe('approved');
    expect(ended.effects).toEqual([
      { type: 'notify', audience: 'enterprise', template: 'application-approved' },
      { type: 'request-disbursement', amountFen: 75_000_000 },
    ]);

    const disbursing = accepted(applyWorkflowEvent(ended.persisted, PAYLOADS.DISBURSEMENT_STARTED, finance));
    expect(disbursing.effects).toEqual([
      { type: 'notify', audience: 'enterprise', template: 'disbursement-started' },
    ]);
    const paid = accepted(
      applyWorkflowEvent(
        disbursing.persisted,
        { type: 'PAYMENT_SUCCEEDED', paidAmountFen: 75_000_000 },
        system,
      ),
    );
    expect(paid.state).toBe('paid');
    expect(paid.effects).toEqual([{ type: 'notify', audience: 'enterprise', template: 'payment-succeeded' }]);

    const context = contextOf(paid.persisted);
    expect(context).toMatchObject({
      computedAmountFen: COMPUTED_FEN,
      recommendedAmountFen: 75_000_000,
      approvedAmountFen: 75_000_000,
      reservedAmountFen: 75_000_000,
      paidAmountFen: 75_000_000,
      firstReviewerId: assignee.userId,
      submissionCount: 1,
      paymentAttempts: 1,
      verification: 'n/a',
      expertScores: [
        { byUserId: expert.userId, score: 88, verdict: 'approve', amountFen: 75_000_000, round: 1 },
      ],
      lastDecision: { event: 'APPROVE', byUserId: director.userId, role: 'director', comment: null },
    });
  });

  describe('threshold routing (director above 50,000,000 fen, experts above 70,000,000 fen)', () => {
    it.each([
      [1, 'publicity'],
      [50_000_000, 'publicity'],
      [50_000_001, 'director_approval'],
      [70_000_000, 'director_approval'],
      [70_000_001, 'expert_review'],
      [100_000_000, 'expert_review'],
    ])('first review recommending %i fen goes to %s', (amountFen, next) => {
      const result = applyWorkflowEvent(firstReview(), { type: 'APPROVE', amountFen }, assignee);
      expect(accepted(result).state).toBe(next);
    });

    it.each([
      [50_000_000, 'publicity'],
      [50_000_001, 'director_approval'],
    ])('after a positive expert opinion, %i fen goes to %s', (amountFen, next) => {
      const inExpertReview = accepted(
        applyWorkflowEvent(firstReview(), PAYLOADS.APPROVE, assignee),
      ).persisted;
      expect(stateOf(inExpertReview)).toBe('expert_review');
      const result = applyWorkflowEvent(
        inExpertReview,
        { type: 'EXPERT_APPROVE', score: 70, amountFen },
        expert,
      );
      expect(accepted(result).state).toBe(next);
    });

    it('a negative expert opinion always goes to a director, whatever the amount', () => {
      const always = firstReview({ expertReview: 'always' });
      const small = accepted(applyWorkflowEvent(always, { type: 'APPROVE', amountFen: 100 }, assignee));
      expect(small.state).toBe('expert_review');
      const rejected = accepted(applyWorkflowEvent(small.persisted, PAYLOADS.EXPERT_REJECT, expert));
      expect(rejected.state).toBe('director_approval');
      expect(contextOf(rejected.persisted).expertScores).toEqual([
        { byUserId: expert.userId, score: 40, verdict: 'reject', amountFen: null, round: 1 },
      ]);
      const decided = accepted(applyWorkflowEvent(rejected.persisted, PAYLOADS.REJECT, director));
      expect(decided.state).toBe('rejected');
    });

    it("expertReview 'always' and 'never' ignore the expert threshold", () => {
      const always = firstReview({ expertReview: 'always' });
      expect(accepted(applyWorkflowEvent(always, { type: 'APPROVE', amountFen: 1 }, assignee)).state).toBe(
        'expert_review',
      );
      const never = firstReview({ expertReview: 'never' });
      expect(
        accepted(applyWorkflowEvent(never, { type: 'APPROVE', amountFen: 100_000_000 }, assignee)).state,
      ).toBe('director_approval');
    });

    it('without publicity the approval decision approves at once and reserves the amount', () => {
      const result = accepted(
        applyWorkflowEvent(
          firstReview({ publicityWorkingDays: 0 }),
          { type: 'APPROVE', amountFen: 40_000_000 },
          assignee,
        ),
      );
      expect(result.state).toBe('approved');
      expect(result.effects).toEqual([
        { type: 'clear-stage-deadline', stage: 'first_review', round: 1 },
        { type: 'reserve-funds', amountFen: 40_000_000 },
        { type: 'notify', audience: 'enterprise', template: 'application-approved' },
        { type: 'request-disbursement', amountFen: 40_000_000 },
      ]);
    });
  });

  describe('amounts', () => {
    it('requires an amount at first review when the program sets it by review', () => {
      const persisted = firstReview({ amountSetByReview: true, expertReview: 'never' });
      const missing = applyWorkflowEvent(persisted, { type: 'APPROVE' }, assignee);
      expect(missing).toMatchObject({
        ok: false,
        reason: 'invalid',
        issues: [{ field: 'amountFen', message: expect.stringContaining('set by review') }],
      });
      expect(
        accepted(applyWorkflowEvent(persisted, { type: 'APPROVE', amountFen: 30_000_000 }, assignee)).state,
      ).toBe('publicity');
    });

    it('requires an amount when screening computed none, and caps every amount at the computed one', () => {
      const started = createWorkflow('apply', inputFor('apply', STANDARD_PARAMS, 0));
      const screening = accepted(applyWorkflowEvent(started, PAYLOADS.SUBMIT, owner)).persisted;
      const open = accepted(
        applyWorkflowEvent(screening, { type: 'SCREENING_PASSED', computedAmountFen: null }, system),
      );
      expect(applyWorkflowEvent(open.persisted, { type: 'APPROVE' }, assignee)).toMatchObject({
        reason: 'invalid',
        issues: [{ field: 'amountFen', message: expect.stringContaining('no positive amount') }],
      });
      expect(
        accepted(applyWorkflowEvent(open.persisted, { type: 'APPROVE', amountFen: 1 }, assignee)).state,
      ).toBe('publicity');

      const capped = firstReview({}, 100_000_000);
      expect(applyWorkflowEvent(capped, { type: 'APPROVE', amountFen: 100_000_001 }, assignee)).toMatchObject(
        {
          reason: 'invalid',
          issues: [{ field: 'amountFen', message: 'may not exceed the computed amount of 100000000 fen' }],
        },
      );
    });

    it('lets the director set the final amount within the computed amount', () => {
      const persisted = accepted(
        applyWorkflowEvent(
          firstReview({ expertReview: 'never' }),
          { type: 'APPROVE', amountFen: 60_000_000 },
          assignee,
        ),
      ).persisted;
      expect(
        applyWorkflowEvent(persisted, { type: 'APPROVE', amountFen: 100_000_001 }, director),
      ).toMatchObject({
        reason: 'invalid',
      });
      const decided = accepted(
        applyWorkflowEvent(persisted, { type: 'APPROVE', amountFen: 55_000_000 }, director),
      );
      expect(effectsOf(decided.effects, 'reserve-funds')).toEqual([
        { type: 'reserve-funds', amountFen: 55_000_000 },
      ]);
      expect(contextOf(decided.persisted)).toMatchObject({
        approvedAmountFen: 55_000_000,
        reservedAmountFen: 55_000_000,
      });
    });

    it('rejects non-integer, negative and unsafe amounts as invalid', () => {
      const persisted = firstReview();
      for (const amountFen of [1.5, -1, 0, Number.MAX_SAFE_INTEGER + 1, Number.NaN, '100'] as never[]) {
        expect(applyWorkflowEvent(persisted, { type: 'APPROVE', amountFen }, assignee)).toMatchObject({
          ok: false,
          reason: 'invalid',
          issues: [{ field: 'amountFen' }],
        });
      }
    });
  });

  describe('return for amendment', () => {
    it('returns, resubmits and screens again in a new round; stale results and deadlines are not accepted', () => {
      const returned = accepted(send(firstReview(), 'RETURN', 'assignee'));
      expect(returned.state).toBe('amending');
      expect(returned.effects).toEqual([
        { type: 'clear-stage-deadline', stage: 'first_review', round: 1 },
        {
          type: 'start-stage-deadline',
          stage: 'amending',
          slaKey: 'amendment',
          round: 1,
          onExpiry: 'AMENDMENT_EXPIRED',
        },
        { type: 'notify', audience: 'enterprise', template: 'application-returned' },
      ]);
      expect(contextOf(returned.persisted)).toMatchObject({
        amendmentCount: 1,
        lastDecision: { event: 'RETURN', comment: PAYLOADS.RETURN.comment },
      });

      const resubmitted = accepted(applyWorkflowEvent(returned.persisted, { type: 'RESUBMIT' }, owner));
      expect(resubmitted.state).toBe('screening');
      expect(resubmitted.effects).toEqual([
        { type: 'clear-stage-deadline', stage: 'amending', round: 1 },
        { type: 'notify', audience: 'assignee', template: 'application-resubmitted' },
        { type: 'request-screening', round: 2 },
      ]);

      const stale = applyWorkflowEvent(
        resubmitted.persisted,
        { type: 'SCREENING_PASSED', computedAmountFen: 1, round: 1 },
        system,
      );
      expect(stale).toMatchObject({
        ok: false,
        reason: 'not-accepted',
        message: expect.stringContaining('earlier'),
      });
      const current = accepted(
        applyWorkflowEvent(
          resubmitted.persisted,
          { type: 'SCREENING_PASSED', computedAmountFen: 90_000_000, round: 2 },
          system,
        ),
      );
      expect(current.effects[0]).toMatchObject({
        type: 'start-stage-deadline',
        stage: 'first_review',
        round: 2,
      });
      expect(contextOf(current.persisted)).toMatchObject({
        computedAmountFen: 90_000_000,
        recommendedAmountFen: null,
        screening: { result: 'passed', round: 2 },
      });

      const again = accepted(send(current.persisted, 'RETURN', 'assignee'));
      expect(
        applyWorkflowEvent(again.persisted, { type: 'AMENDMENT_EXPIRED', round: 1 }, system),
      ).toMatchObject({
        reason: 'not-accepted',
      });
      const expired = accepted(
        applyWorkflowEvent(again.persisted, { type: 'AMENDMENT_EXPIRED', round: 2 }, system),
      );
      expect(expired.state).toBe('expired');
      expect(expired.effects).toEqual([
        { type: 'clear-stage-deadline', stage: 'amending', round: 2 },
        { type: 'notify', audience: 'enterprise', template: 'application-expired' },
      ]);
    });

    it('a director may return from director approval', () => {
      const result = accepted(send(reach('apply', 'director_approval'), 'RETURN', 'director'));
      expect(result.state).toBe('amending');
      expect(result.effects[0]).toEqual({
        type: 'clear-stage-deadline',
        stage: 'director_approval',
        round: 1,
      });
    });

    it('screening failure rejects with the reasons', () => {
      const screening = reach('apply', 'screening');
      const failed = accepted(
        applyWorkflowEvent(
          screening,
          { type: 'SCREENING_FAILED', reasons: ['not a high-tech enterprise'] },
          system,
        ),
      );
      expect(failed.state).toBe('rejected');
      expect(failed.effects).toEqual([
        { type: 'notify', audience: 'enterprise', template: 'screening-failed' },
      ]);
      expect(contextOf(failed.persisted).screening).toEqual({
        result: 'failed',
        round: 1,
        reasons: ['not a high-tech enterprise'],
      });
    });
  });

  describe('withdrawal', () => {
    it.each([
      'draft',
      'screening',
      'first_review',
      'expert_review',
      'director_approval',
      'amending',
    ] as const)('from %s: withdrawn, nothing to release', (state) => {
      const result = accepted(send(reach('apply', state), 'WITHDRAW', 'owner'));
      expect(result.state).toBe('withdrawn');
      expect(effectsOf(result.effects, 'release-funds')).toEqual([]);
      expect(effectsOf(result.effects, 'clear-stage-deadline')).toHaveLength(
        ['first_review', 'expert_review', 'director_approval', 'amending'].includes(state) ? 1 : 0,
      );
    });

    it('from publicity: the reservation is released', () => {
      const result = accepted(send(reach('apply', 'publicity'), 'WITHDRAW', 'owner'));
      expect(result.effects).toEqual([
        { type: 'release-funds', amountFen: COMPUTED_FEN },
        { type: 'notify', audience: 'assignee', template: 'application-withdrawn' },
      ]);
      expect(contextOf(result.persisted).reservedAmountFen).toBe(0);
    });

    it.each(['objection', 'approved', 'disbursing', 'paid'] as const)('not from %s', (state) => {
      expect(send(reach('apply', state), 'WITHDRAW', 'owner')).toMatchObject({
        ok: false,
        reason: 'not-accepted',
      });
    });
  });

  describe('publicity and objections', () => {
    it('an objection pauses approval; the director upholds it as a false claim', () => {
      const objected = accepted(send(reach('apply', 'publicity'), 'OBJECT', 'otherEnterprise'));
      expect(objected.state).toBe('objection');
      expect(objected.effects).toEqual([
        {
          type: 'start-stage-deadline',
          stage: 'objection',
          slaKey: 'objectionDecision',
          round: 1,
          onExpiry: 'escalate',
        },
        { type: 'notify', audience: 'directors', template: 'objection-raised' },
        { type: 'notify', audience: 'enterprise', template: 'objection-raised' },
      ]);
      expect(contextOf(objected.persisted).objection).toEqual({
        byUserId: otherEnterprise.userId,
        byRole: 'enterprise',
        comment: PAYLOADS.OBJECT.comment,
        round: 1,
        decision: 'pending',
        decidedByUserId: null,
        falseClaim: false,
      });

      const upheld = accepted(
        applyWorkflowEvent(
          objected.persisted,
          { type: 'UPHOLD_OBJECTION', comment: '发票造假', falseClaim: true },
          director,
        ),
      );
      expect(upheld.state).toBe('rejected');
      expect(upheld.effects).toEqual([
        { type: 'clear-stage-deadline', stage: 'objection', round: 1 },
        { type: 'release-funds', amountFen: COMPUTED_FEN },
        {
          type: 'blacklist-enterprise',
          enterpriseId: 'ent-applicant',
          reason: 'false-claim-upheld',
          comment: '发票造假',
        },
        { type: 'notify', audience: 'enterprise', template: 'objection-upheld' },
        { type: 'notify', audience: 'objector', template: 'objection-decided' },
      ]);
      expect(contextOf(upheld.persisted)).toMatchObject({
        falseClaim: true,
        reservedAmountFen: 0,
        objection: { decision: 'upheld', decidedByUserId: director.userId, falseClaim: true },
      });
    });

    it('an objection upheld without a false claim does not blacklist', () => {
      const upheld = accepted(send(reach('apply', 'objection'), 'UPHOLD_OBJECTION', 'director'));
      expect(effectsOf(upheld.effects, 'blacklist-enterprise')).toEqual([]);
      expect(effectsOf(upheld.effects, 'release-funds')).toHaveLength(1);
    });

    it('dismissing resumes the running publicity without restarting it', () => {
      const dismissed = accepted(send(reach('apply', 'objection'), 'DISMISS_OBJECTION', 'director'));
      expect(dismissed.state).toBe('publicity');
      expect(dismissed.effects).toEqual([
        { type: 'clear-stage-deadline', stage: 'objection', round: 1 },
        { type: 'notify', audience: 'enterprise', template: 'objection-dismissed' },
        { type: 'notify', audience: 'objector', template: 'objection-decided' },
      ]);
      const second = accepted(send(dismissed.persisted, 'OBJECT', 'finance'));
      expect(second.effects[0]).toMatchObject({ type: 'start-stage-deadline', stage: 'objection', round: 2 });
      expect(contextOf(second.persisted)).toMatchObject({
        objectionCount: 2,
        objection: { round: 2, byRole: 'finance' },
      });
    });

    it('publicity that ends during an objection approves once the objection is dismissed', () => {
      const objection = reach('apply', 'objection');
      const ended = accepted(send(objection, 'PUBLICITY_ENDED', 'system'));
      expect(ended).toMatchObject({ state: 'objection', effects: [] });
      expect(contextOf(ended.persisted).publicityElapsed).toBe(true);
      expect(send(ended.persisted, 'PUBLICITY_ENDED', 'system')).toMatchObject({
        ok: false,
        reason: 'not-accepted',
      });
      const dismissed = accepted(send(ended.persisted, 'DISMISS_OBJECTION', 'director'));
      expect(dismissed.state).toBe('approved');
      expect(effectsOf(dismissed.effects, 'request-disbursement')).toEqual([
        { type: 'request-disbursement', amountFen: COMPUTED_FEN },
      ]);
      expect(effectsOf(dismissed.effects, 'reserve-funds')).toEqual([]);
    });

    it('a duplicate PUBLICITY_ENDED after approval is not accepted', () => {
      expect(send(reach('apply', 'approved'), 'PUBLICITY_ENDED', 'system')).toMatchObject({
        reason: 'not-accepted',
      });
    });
  });

  describe('payment, cancellation and clawback', () => {
    it('a failed payment makes the grant payable again, keeping the reservation', () => {
      const failed = accepted(send(reach('apply', 'disbursing'), 'PAYMENT_FAILED', 'system'));
      expect(failed.state).toBe('approved');
      expect(failed.effects).toEqual([
        { type: 'notify', audience: 'finance', template: 'payment-failed' },
        { type: 'notify', audience: 'enterprise', template: 'payment-failed' },
        { type: 'request-disbursement', amountFen: COMPUTED_FEN },
      ]);
      expect(contextOf(failed.persisted)).toMatchObject({
        lastPaymentFailure: 'account closed',
        reservedAmountFen: COMPUTED_FEN,
      });
      const retried = accepted(send(failed.persisted, 'DISBURSEMENT_STARTED', 'system'));
      expect(contextOf(retried.persisted).paymentAttempts).toBe(2);
    });

    it('refuses a reported payment of a different amount', () => {
      const result = applyWorkflowEvent(
        reach('apply', 'disbursing'),
        { type: 'PAYMENT_SUCCEEDED', paidAmountFen: COMPUTED_FEN - 1 },
        system,
      );
      expect(result).toMatchObject({ reason: 'invalid', issues: [{ field: 'paidAmountFen' }] });
    });

    it('cancels an approved grant, releasing the funds; a false claim also blacklists', () => {
      const cancelled = accepted(
        applyWorkflowEvent(
          reach('apply', 'approved'),
          { type: 'CANCEL', comment: '重复享受', falseClaim: true },
          finance,
        ),
      );
      expect(cancelled.state).toBe('cancelled');
      expect(cancelled.effects).toEqual([
        { type: 'release-funds', amountFen: COMPUTED_FEN },
        {
          type: 'blacklist-enterprise',
          enterpriseId: 'ent-applicant',
          reason: 'false-claim-cancelled',
          comment: '重复享受',
        },
        { type: 'notify', audience: 'enterprise', template: 'grant-cancelled' },
        { type: 'notify', audience: 'finance', template: 'grant-cancelled' },
      ]);
      expect(send(reach('apply', 'disbursing'), 'CANCEL', 'director')).toMatchObject({
        reason: 'not-accepted',
      });
    });

    it('a false claim found after payment requires a clawback and blacklists', () => {
      const reported = accepted(send(reach('apply', 'paid'), 'REPORT_FALSE_CLAIM', 'director'));
      expect(reported.state).toBe('clawback_required');
      expect(reported.effects).toEqual([
        { type: 'clawback-required', amountFen: COMPUTED_FEN, reason: 'forged invoices' },
        { type: 'notify', audience: 'enterprise', template: 'clawback-required' },
        { type: 'notify', audience: 'finance', template: 'clawback-required' },
        {
          type: 'blacklist-enterprise',
          enterpriseId: 'ent-applicant',
          reason: 'false-claim-reported',
          comment: 'forged invoices',
        },
      ]);
      const settled = accepted(
        applyWorkflowEvent(
          reported.persisted,
          { type: 'CLAWBACK_SETTLED', recoveredAmountFen: 1_000 },
          finance,
        ),
      );
      expect(settled.state).toBe('clawed_back');
      expect(contextOf(settled.persisted)).toMatchObject({
        clawbackAmountFen: COMPUTED_FEN,
        recoveredAmountFen: 1_000,
        falseClaim: true,
      });
    });
  });

  describe('refusals', () => {
    it('checks state first (409), then the actor (403), then the payload (400)', () => {
      const draft = reach('apply', 'draft');
      const noComment = { type: 'REJECT' } as never;
      expect(applyWorkflowEvent(draft, noComment, owner)).toMatchObject({ reason: 'not-accepted' });
      const review = firstReview();
      expect(applyWorkflowEvent(review, noComment, owner)).toMatchObject({ reason: 'forbidden' });
      expect(applyWorkflowEvent(review, noComment, assignee)).toMatchObject({
        reason: 'invalid',
        issues: [{ field: 'comment' }],
        message: expect.stringContaining('comment is required'),
      });
      expect(applyWorkflowEvent(review, { type: 'REJECT', comment: '   ' }, assignee)).toMatchObject({
        reason: 'invalid',
      });
      expect(applyWorkflowEvent(review, { ...PAYLOADS.REJECT, extra: 1 } as never, assignee)).toMatchObject({
        reason: 'invalid',
        issues: [{ field: 'extra', message: 'is not a field of REJECT' }],
      });
    });

    it('never throws for garbage events', () => {
      const review = firstReview();
      const garbage: unknown[] = [
        null,
        undefined,
        42,
        'APPROVE',
        [],
        {},
        { type: 'approve' },
        { type: 7 },
        { type: 'HACK' },
      ];
      for (const event of garbage) {
        const result: WorkflowResult = applyWorkflowEvent(review, event as never, director2);
        expect(result).toMatchObject({ ok: false, reason: 'not-accepted', state: 'first_review' });
        if (!result.ok) expect(result.acceptedEvents).toEqual(['APPROVE', 'RETURN', 'REJECT', 'WITHDRAW']);
      }
    });

    it('final states accept nothing', () => {
      for (const state of ['rejected', 'withdrawn', 'expired', 'cancelled', 'clawed_back'] as const) {
        const persisted = reach('apply', state);
        expect(send(persisted, 'WITHDRAW', 'owner')).toMatchObject({
          reason: 'not-accepted',
          acceptedEvents: [],
        });
      }
    });
  });
});
