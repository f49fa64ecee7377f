import {
  ACTION_TYPES,
  commentOf,
  EVENT_TYPES,
  fromActionType,
  parseActionRequest,
  SYSTEM_EVENT_TYPES,
  toActionType,
  validateEvent,
  type WorkflowEventType,
} from './events';
import { PAYLOADS } from './testing/scenarios';

describe('events', () => {
  it('maps every event type to its lower-case action type and back', () => {
    expect(Object.keys(ACTION_TYPES)).toHaveLength(EVENT_TYPES.length);
    for (const type of EVENT_TYPES) {
      const action = toActionType(type);
      expect(action).toBe(type.toLowerCase());
      expect(fromActionType(action)).toBe(type);
      expect(ACTION_TYPES[action]).toBe(type);
    }
    expect(toActionType('EXPERT_APPROVE')).toBe('expert_approve');
    for (const bad of ['APPROVE', 'Approve', 'approve ', 'hack', '', 'xstate.init']) {
      expect(fromActionType(bad)).toBeUndefined();
    }
  });

  it('lists the worker-only events', () => {
    expect([...SYSTEM_EVENT_TYPES].sort()).toEqual(
      [
        'AMENDMENT_EXPIRED',
        'OFFER_EXPIRED',
        'PUBLICITY_ENDED',
        'SCREENING_FAILED',
        'SCREENING_INCOMPLETE',
        'SCREENING_PASSED',
      ].sort(),
    );
  });

  it.each(EVENT_TYPES)('accepts a well-formed %s', (type) => {
    expect(validateEvent(PAYLOADS[type])).toEqual({ ok: true, event: PAYLOADS[type] });
  });

  const required: [WorkflowEventType, string][] = [
    ['SCREENING_PASSED', 'computedAmountFen'],
    ['SCREENING_FAILED', 'reasons'],
    ['RETURN', 'comment'],
    ['REJECT', 'comment'],
    ['EXPERT_APPROVE', 'score'],
    ['EXPERT_REJECT', 'comment'],
    ['OBJECT', 'comment'],
    ['UPHOLD_OBJECTION', 'comment'],
    ['DISMISS_OBJECTION', 'comment'],
    ['VERIFICATION_FAILED', 'comment'],
    ['CONFIRM', 'bankAccountConfirmed'],
    ['PAYMENT_FAILED', 'reason'],
    ['CANCEL', 'comment'],
    ['REPORT_FALSE_CLAIM', 'comment'],
  ];

  it.each(required)('%s requires %s', (type, field) => {
    const { [field]: _removed, ...rest } = PAYLOADS[type] as unknown as Record<string, unknown>;
    const result = validateEvent(rest);
    expect(result).toMatchObject({ ok: false, knownType: true, issues: [{ field }] });
  });

  it.each([
    [{ type: 'APPROVE', amountFen: 0 }, 'amountFen'],
    [{ type: 'APPROVE', amountFen: 12.5 }, 'amountFen'],
    [{ type: 'APPROVE', comment: 'x'.repeat(2001) }, 'comment'],
    [{ type: 'EXPERT_APPROVE', score: 101 }, 'score'],
    [{ type: 'EXPERT_APPROVE', score: -1 }, 'score'],
    [{ type: 'SCREENING_PASSED', computedAmountFen: null, round: 0 }, 'round'],
    [{ type: 'SCREENING_PASSED', computedAmountFen: 1, evidence: { at: new Date() } }, 'evidence'],
    [{ type: 'SCREENING_FAILED', reasons: [] }, 'reasons'],
    [{ type: 'SCREENING_FAILED', reasons: ['ok', ' '] }, 'reasons'],
    [{ type: 'CONFIRM', bankAccountConfirmed: false }, 'bankAccountConfirmed'],
    [{ type: 'UPHOLD_OBJECTION', comment: 'x', falseClaim: 'yes' }, 'falseClaim'],
    [{ type: 'PAYMENT_SUCCEEDED', paidAmountFen: -1 }, 'paidAmountFen'],
    [{ type: 'DISBURSEMENT_STARTED', batchId: '' }, 'batchId'],
    [{ type: 'PUBLICITY_ENDED', note: 'x' }, 'note'],
  ])('names the bad field of %j', (event, field) => {
    expect(validateEvent(event)).toMatchObject({ ok: false, issues: [{ field }] });
  });

  it('accepts plain JSON screening evidence', () => {
    const evidence = { facts: [{ key: 'rd.expense', value: 12.5 }], source: null, ok: true };
    expect(validateEvent({ type: 'SCREENING_PASSED', computedAmountFen: 1, evidence }).ok).toBe(true);
  });

  it('refuses unknown and non-object events', () => {
    for (const value of [null, 'SUBMIT', 3, [], { type: 'HACK' }, { type: 'submit' }]) {
      expect(validateEvent(value)).toMatchObject({
        ok: false,
        knownType: false,
        issues: [{ field: 'type' }],
      });
    }
  });

  describe('parseActionRequest (HTTP body of POST /applications/{id}/actions)', () => {
    it('parses lower-case action types', () => {
      expect(parseActionRequest({ type: 'approve', amountFen: 100, comment: '同意' })).toEqual({
        ok: true,
        event: { type: 'APPROVE', amountFen: 100, comment: '同意' },
      });
      expect(parseActionRequest({ type: 'uphold_objection', comment: 'x', falseClaim: true })).toMatchObject({
        ok: true,
        event: { type: 'UPHOLD_OBJECTION' },
      });
    });

    it('names every bad field', () => {
      expect(parseActionRequest({ type: 'reject', amountFen: 'lots' })).toEqual({
        ok: false,
        issues: [
          { field: 'comment', message: expect.stringContaining('required') },
          { field: 'amountFen', message: 'is not a field of REJECT' },
        ],
      });
      expect(parseActionRequest({ type: 'APPROVE' })).toMatchObject({
        ok: false,
        issues: [{ field: 'type' }],
      });
      expect(parseActionRequest({})).toMatchObject({ ok: false, issues: [{ field: 'type' }] });
      expect(parseActionRequest('approve')).toMatchObject({ ok: false, issues: [{ field: 'body' }] });
    });
  });

  it('extracts the free text of an event', () => {
    expect(commentOf(PAYLOADS.REJECT)).toBe(PAYLOADS.REJECT.comment);
    expect(commentOf(PAYLOADS.PAYMENT_FAILED)).toBe('account closed');
    expect(commentOf({ type: 'SCREENING_FAILED', reasons: ['a', 'b'] })).toBe('a; b');
    expect(commentOf(PAYLOADS.PUBLICITY_ENDED)).toBeNull();
  });
});
