import type { FieldIssue } from './types';
import { describeMissingFacts, isMissingFact, type MissingFact } from './missing-facts';
import {
  isFen,
  isNonBlankString,
  isPlainObject,
  isPositiveFen,
  MAX_COMMENT_LENGTH,
  MAX_ID_LENGTH,
} from './values';

/** Every workflow event type, across all modes. */
export const EVENT_TYPES = [
  'SUBMIT',
  'RESUBMIT',
  'WITHDRAW',
  'SCREENING_PASSED',
  'SCREENING_FAILED',
  'SCREENING_INCOMPLETE',
  'APPROVE',
  'RETURN',
  'REJECT',
  'EXPERT_APPROVE',
  'EXPERT_REJECT',
  'OBJECT',
  'UPHOLD_OBJECTION',
  'DISMISS_OBJECTION',
  'PUBLICITY_ENDED',
  'AMENDMENT_EXPIRED',
  'ACCEPT',
  'VERIFY',
  'VERIFICATION_FAILED',
  'CONFIRM',
  'DECLINE',
  'OFFER_EXPIRED',
  'DISBURSEMENT_STARTED',
  'PAYMENT_SUCCEEDED',
  'PAYMENT_FAILED',
  'CANCEL',
  'REPORT_FALSE_CLAIM',
  'CLAWBACK_SETTLED',
] as const;

export type WorkflowEventType = (typeof EVENT_TYPES)[number];

/**
 * Events only the worker sends (`Actor.role === 'system'`): they should not be offered on the HTTP
 * actions endpoint. Payment events may also come from finance staff and are not in this list.
 */
export const SYSTEM_EVENT_TYPES = [
  'SCREENING_PASSED',
  'SCREENING_FAILED',
  'SCREENING_INCOMPLETE',
  'PUBLICITY_ENDED',
  'AMENDMENT_EXPIRED',
  'OFFER_EXPIRED',
] as const satisfies readonly WorkflowEventType[];

/**
 * A workflow event. Types are SCREAMING_SNAKE; the HTTP API uses the lower-case form (`toActionType`).
 * Amounts are integer fen. `round` on system events echoes the `round` of the effect that caused them
 * (`request-screening`, `start-stage-deadline`) so a stale, redelivered job cannot act on a later round.
 */
export type WorkflowEvent =
  /** Enterprise submits its draft. Commitment mode requires `commitmentSigned: true`. */
  | { type: 'SUBMIT'; commitmentSigned?: boolean; comment?: string }
  /** Enterprise resubmits an application returned for amendment. */
  | { type: 'RESUBMIT'; commitmentSigned?: boolean; comment?: string }
  /** Enterprise withdraws before approval. */
  | { type: 'WITHDRAW'; comment?: string }
  /** Worker: automated eligibility passed; `computedAmountFen` replaces the calculator estimate. */
  | { type: 'SCREENING_PASSED'; computedAmountFen: number | null; evidence?: unknown; round?: number }
  /** Worker: automated eligibility failed, with the unmet conditions. */
  | { type: 'SCREENING_FAILED'; reasons: string[]; round?: number }
  /**
   * Worker (machine v2+): screening could not decide because facts are missing; the case goes back to
   * the enterprise for amendment, naming them.
   */
  | { type: 'SCREENING_INCOMPLETE'; missingFacts: MissingFact[]; round?: number }
  /** Officer (first review) or director approves; `amountFen` recommends/sets the amount. */
  | { type: 'APPROVE'; amountFen?: number; comment?: string }
  /** Officer or director returns the application to the enterprise for amendment. */
  | { type: 'RETURN'; comment: string }
  /** Officer or director rejects. */
  | { type: 'REJECT'; comment: string }
  /** Expert gives a positive opinion with a score from 0 to 100. */
  | { type: 'EXPERT_APPROVE'; score: number; amountFen?: number; comment?: string }
  /** Expert gives a negative opinion; the director then decides. */
  | { type: 'EXPERT_REJECT'; comment: string; score?: number }
  /** Anyone logged in objects during publicity (公示异议). */
  | { type: 'OBJECT'; comment: string }
  /** Director upholds the objection; `falseClaim: true` also blacklists the enterprise. */
  | { type: 'UPHOLD_OBJECTION'; comment: string; falseClaim?: boolean }
  /** Director dismisses the objection; publicity resumes (or ends if its period already ran out). */
  | { type: 'DISMISS_OBJECTION'; comment: string }
  /** Worker: the publicity period is over. */
  | { type: 'PUBLICITY_ENDED' }
  /** Worker: the enterprise did not resubmit in time. */
  | { type: 'AMENDMENT_EXPIRED'; round?: number }
  /** Officer formally accepts a commitment-based application (受理); it is thereby approved. */
  | { type: 'ACCEPT'; amountFen?: number; comment?: string }
  /** Officer records that the commitment was verified. */
  | { type: 'VERIFY'; comment?: string }
  /** Officer records that verification failed: the grant is revoked or clawed back. */
  | { type: 'VERIFICATION_FAILED'; comment: string }
  /** Enterprise confirms an auto grant and its bank account. */
  | { type: 'CONFIRM'; bankAccountConfirmed: true; comment?: string }
  /** Enterprise declines an auto grant. */
  | { type: 'DECLINE'; comment?: string }
  /** Worker: the enterprise did not confirm the offer in time. */
  | { type: 'OFFER_EXPIRED'; round?: number }
  /** Finance (or the worker) put the grant into a disbursement batch. */
  | { type: 'DISBURSEMENT_STARTED'; batchId?: string }
  /** The bank confirmed the payment. */
  | { type: 'PAYMENT_SUCCEEDED'; paidAmountFen?: number; paymentRef?: string }
  /** The bank rejected the payment; the grant is payable again. */
  | { type: 'PAYMENT_FAILED'; reason: string }
  /** Director or finance cancels an approved, unpaid grant; `falseClaim: true` also blacklists. */
  | { type: 'CANCEL'; comment: string; falseClaim?: boolean }
  /** Director reports that a paid grant was obtained by a false claim. */
  | { type: 'REPORT_FALSE_CLAIM'; comment: string }
  /** Finance (or the worker) records that the clawback is settled. */
  | { type: 'CLAWBACK_SETTLED'; recoveredAmountFen?: number; comment?: string };

/** The free text an event carries (comment, failure reason or screening reasons), if any. */
export function commentOf(event: WorkflowEvent): string | null {
  if (event.type === 'SCREENING_FAILED') return event.reasons.join('; ');
  if (event.type === 'SCREENING_INCOMPLETE') return describeMissingFacts(event.missingFacts);
  if (event.type === 'PAYMENT_FAILED') return event.reason;
  return 'comment' in event && typeof event.comment === 'string' ? event.comment : null;
}

/** The HTTP spelling of an event type: `APPROVE` ↔ `approve`, `EXPERT_APPROVE` ↔ `expert_approve`. */
export type ActionType = Lowercase<WorkflowEventType>;

const EVENT_TYPE_SET: ReadonlySet<string> = new Set(EVENT_TYPES);

export function isWorkflowEventType(value: unknown): value is WorkflowEventType {
  return typeof value === 'string' && EVENT_TYPE_SET.has(value);
}

/** `APPROVE` → `approve`. */
export function toActionType(type: WorkflowEventType): ActionType {
  return type.toLowerCase() as ActionType;
}

/** `approve` → `APPROVE`; undefined for anything that is not the lower-case form of an event type. */
export function fromActionType(action: string): WorkflowEventType | undefined {
  if (action !== action.toLowerCase()) return undefined;
  const type = action.toUpperCase();
  return isWorkflowEventType(type) ? type : undefined;
}

/** Every action type the HTTP API may receive, with its event type. */
export const ACTION_TYPES: Readonly<Record<ActionType, WorkflowEventType>> = Object.fromEntries(
  EVENT_TYPES.map((type) => [toActionType(type), type]),
) as Record<ActionType, WorkflowEventType>;

type FieldKind =
  | 'comment'
  | 'text'
  | 'positiveFen'
  | 'fen'
  | 'nullableFen'
  | 'score'
  | 'boolean'
  | 'true'
  | 'reasons'
  | 'round'
  | 'id'
  | 'json'
  | 'missingFacts';

interface FieldSpec {
  kind: FieldKind;
  required: boolean;
}

const req = (kind: FieldKind): FieldSpec => ({ kind, required: true });
const opt = (kind: FieldKind): FieldSpec => ({ kind, required: false });

/** Payload fields of each event; anything else on an event is rejected. */
const EVENT_FIELDS: Record<WorkflowEventType, Record<string, FieldSpec>> = {
  SUBMIT: { commitmentSigned: opt('boolean'), comment: opt('text') },
  RESUBMIT: { commitmentSigned: opt('boolean'), comment: opt('text') },
  WITHDRAW: { comment: opt('text') },
  SCREENING_PASSED: { computedAmountFen: req('nullableFen'), evidence: opt('json'), round: opt('round') },
  SCREENING_FAILED: { reasons: req('reasons'), round: opt('round') },
  SCREENING_INCOMPLETE: { missingFacts: req('missingFacts'), round: opt('round') },
  APPROVE: { amountFen: opt('positiveFen'), comment: opt('text') },
  RETURN: { comment: req('comment') },
  REJECT: { comment: req('comment') },
  EXPERT_APPROVE: { score: req('score'), amountFen: opt('positiveFen'), comment: opt('text') },
  EXPERT_REJECT: { comment: req('comment'), score: opt('score') },
  OBJECT: { comment: req('comment') },
  UPHOLD_OBJECTION: { comment: req('comment'), falseClaim: opt('boolean') },
  DISMISS_OBJECTION: { comment: req('comment') },
  PUBLICITY_ENDED: {},
  AMENDMENT_EXPIRED: { round: opt('round') },
  ACCEPT: { amountFen: opt('positiveFen'), comment: opt('text') },
  VERIFY: { comment: opt('text') },
  VERIFICATION_FAILED: { comment: req('comment') },
  CONFIRM: { bankAccountConfirmed: req('true'), comment: opt('text') },
  DECLINE: { comment: opt('text') },
  OFFER_EXPIRED: { round: opt('round') },
  DISBURSEMENT_STARTED: { batchId: opt('id') },
  PAYMENT_SUCCEEDED: { paidAmountFen: opt('fen'), paymentRef: opt('id') },
  PAYMENT_FAILED: { reason: req('comment') },
  CANCEL: { comment: req('comment'), falseClaim: opt('boolean') },
  REPORT_FALSE_CLAIM: { comment: req('comment') },
  CLAWBACK_SETTLED: { recoveredAmountFen: opt('fen'), comment: opt('text') },
};

const MAX_REASONS = 50;
const MAX_REASON_LENGTH = 500;

function checkField(kind: FieldKind, value: unknown): string | null {
  switch (kind) {
    case 'comment':
      return isNonBlankString(value)
        ? null
        : `is required: a non-blank text of at most ${MAX_COMMENT_LENGTH} characters`;
    case 'text':
      return typeof value === 'string' && value.length <= MAX_COMMENT_LENGTH
        ? null
        : `must be a text of at most ${MAX_COMMENT_LENGTH} characters`;
    case 'positiveFen':
      return isPositiveFen(value) ? null : 'must be a positive integer (fen)';
    case 'fen':
      return isFen(value) ? null : 'must be a non-negative integer (fen)';
    case 'nullableFen':
      return value === null || isFen(value) ? null : 'must be null or a non-negative integer (fen)';
    case 'score':
      return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100
        ? null
        : 'must be an integer from 0 to 100';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be a boolean';
    case 'true':
      return value === true ? null : 'must be true';
    case 'reasons':
      return Array.isArray(value) &&
        value.length > 0 &&
        value.length <= MAX_REASONS &&
        value.every((r) => isNonBlankString(r, MAX_REASON_LENGTH))
        ? null
        : `must be 1 to ${MAX_REASONS} non-blank texts of at most ${MAX_REASON_LENGTH} characters`;
    case 'round':
      return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1
        ? null
        : 'must be a positive integer';
    case 'id':
      return isNonBlankString(value, MAX_ID_LENGTH)
        ? null
        : `must be a non-blank text of at most ${MAX_ID_LENGTH} characters`;
    case 'json':
      return isJsonValue(value, 0) ? null : 'must be plain JSON';
    case 'missingFacts':
      return Array.isArray(value) &&
        value.length > 0 &&
        value.length <= MAX_REASONS &&
        value.every(isMissingFact)
        ? null
        : `must be 1 to ${MAX_REASONS} missing facts {key, period, label: {zh, en}}`;
  }
}

const MAX_JSON_DEPTH = 20;

function isJsonValue(value: unknown, depth: number): boolean {
  if (depth > MAX_JSON_DEPTH) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isJsonValue(v, depth + 1));
  if (isPlainObject(value)) return Object.values(value).every((v) => isJsonValue(v, depth + 1));
  return false;
}

/** Result of checking an event's shape. `knownType` is false when `type` names no event at all. */
export type EventValidation =
  { ok: true; event: WorkflowEvent } | { ok: false; knownType: boolean; issues: FieldIssue[] };

/**
 * Checks that `value` is a well-formed workflow event: a known type, every required field present and
 * valid, no unknown fields. It does not know about states or actors (see `applyWorkflowEvent`).
 */
export function validateEvent(value: unknown): EventValidation {
  if (!isPlainObject(value)) {
    return { ok: false, knownType: false, issues: [{ field: 'type', message: 'event must be an object' }] };
  }
  if (!isWorkflowEventType(value.type)) {
    return {
      ok: false,
      knownType: false,
      issues: [{ field: 'type', message: 'is not a known workflow event' }],
    };
  }
  const spec = EVENT_FIELDS[value.type];
  const issues: FieldIssue[] = [];
  for (const [field, { kind, required }] of Object.entries(spec)) {
    const present = Object.prototype.hasOwnProperty.call(value, field) && value[field] !== undefined;
    if (!present) {
      if (required) issues.push({ field, message: checkField(kind, undefined) ?? 'is required' });
      continue;
    }
    const problem = checkField(kind, value[field]);
    if (problem) issues.push({ field, message: problem });
  }
  for (const field of Object.keys(value)) {
    if (field !== 'type' && !(field in spec)) {
      issues.push({ field, message: `is not a field of ${value.type}` });
    }
  }
  if (issues.length) return { ok: false, knownType: true, issues };
  return { ok: true, event: value as WorkflowEvent };
}

/**
 * Parses the body of `POST /applications/{id}/actions` (`{ type: 'approve', comment?, amountFen?, ... }`,
 * lower-case type) into a workflow event, naming every bad field.
 */
export function parseActionRequest(
  body: unknown,
): { ok: true; event: WorkflowEvent } | { ok: false; issues: FieldIssue[] } {
  if (!isPlainObject(body))
    return { ok: false, issues: [{ field: 'body', message: 'must be a JSON object' }] };
  const type = typeof body.type === 'string' ? fromActionType(body.type) : undefined;
  if (!type) {
    return {
      ok: false,
      issues: [{ field: 'type', message: `must be one of: ${Object.keys(ACTION_TYPES).join(', ')}` }],
    };
  }
  const result = validateEvent({ ...body, type });
  return result.ok ? result : { ok: false, issues: result.issues };
}
