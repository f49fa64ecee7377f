import { isRole } from '@huiqi/common';
import { currentAmountFen, type WorkflowContext } from './context';
import { validateEvent, type WorkflowEvent } from './events';
import type { Actor, FieldIssue } from './types';
import { isNonBlankString, isPlainObject, MAX_ID_LENGTH } from './values';

/** Who sent an event, as the machines see it: the event plus the actor and the case's assignee. */
export interface EventEnvelope {
  actor: Actor;
  /** The user the application's current stage is assigned to; null when unassigned. */
  assigneeId: string | null;
}

/** The events the machines receive. */
export type MachineEvent = WorkflowEvent & EventEnvelope;

/**
 * Who may send an event:
 * - `owner`: a user of the applicant enterprise.
 * - `reviewer`: the assigned officer (any zone officer while unassigned), or any director.
 * - `expert`: the assigned expert (any expert while unassigned).
 * - `director`: any director.
 * - `secondLevelDirector`: a director other than the one who recommended approval at first review.
 * - `objectionDecider`: a director other than the objector.
 * - `objector`: any logged-in person except the applicant, auditors and the system.
 * - `system`: the worker.
 * - `paymentSystem`: the worker or finance staff.
 * - `directorOrFinance`: a director or finance staff.
 */
export type Policy =
  | 'owner'
  | 'reviewer'
  | 'expert'
  | 'director'
  | 'secondLevelDirector'
  | 'objectionDecider'
  | 'objector'
  | 'system'
  | 'paymentSystem'
  | 'directorOrFinance';

/**
 * Preconditions on the application beyond its state; when one fails the event is `not-accepted`.
 * - `currentScreeningRound` / `currentAmendmentRound`: the event's `round`, if given, is the current one.
 * - `publicityRunning`: the publicity period has not yet been recorded as ended.
 * - `verificationPending`: the commitment has not been verified (or failed) yet.
 */
export type Condition =
  'currentScreeningRound' | 'currentAmendmentRound' | 'publicityRunning' | 'verificationPending';

/**
 * Payload checks that depend on the application (beyond `validateEvent`); failures are `invalid`.
 * - `signedCommitment`: the event carries `commitmentSigned: true`.
 * - `reviewAmount`: first decision on the amount; `amountFen` is required when the program's amount is set
 *   by review or nothing else gives an amount, and may not exceed the computed amount.
 * - `optionalAmount`: a later decision; `amountFen` may adjust the amount, within the computed amount.
 * - `paidAmountMatches`: a reported paid amount equals the approved amount.
 */
export type Requirement = 'signedCommitment' | 'reviewAmount' | 'optionalAmount' | 'paidAmountMatches';

/** Everything that decides whether one transition may be taken; the params of the `permitted` guard. */
export interface TransitionRule {
  readonly who: Policy;
  readonly when?: Condition;
  readonly require?: readonly Requirement[];
}

/** Outcome of checking an event against a transition rule. */
export type Verdict =
  | { ok: true }
  | { ok: false; reason: 'not-accepted' | 'forbidden' | 'invalid'; message: string; issues: FieldIssue[] };

/** True for a structurally valid actor; anything else is refused as `forbidden`. */
export function isValidActor(actor: unknown): actor is Actor {
  if (!isPlainObject(actor)) return false;
  if (!isNonBlankString(actor.userId, MAX_ID_LENGTH)) return false;
  if (actor.role !== 'system' && !isRole(actor.role)) return false;
  return (
    actor.enterpriseId === undefined || actor.enterpriseId === null || typeof actor.enterpriseId === 'string'
  );
}

function assignedTo(actor: Actor, assigneeId: string | null): boolean {
  return assigneeId === null || assigneeId === actor.userId;
}

function isOwner(actor: Actor, context: WorkflowContext): boolean {
  return (
    actor.role === 'enterprise' &&
    typeof actor.enterpriseId === 'string' &&
    actor.enterpriseId === context.enterpriseId
  );
}

interface PolicyDefinition {
  allows(actor: Actor, context: WorkflowContext, assigneeId: string | null): boolean;
  /** Completes "Only ... may send <EVENT> in state '<state>'". */
  description: string;
}

export const POLICIES: Readonly<Record<Policy, PolicyDefinition>> = {
  owner: {
    allows: (actor, context) => isOwner(actor, context),
    description: 'a user of the applicant enterprise',
  },
  reviewer: {
    allows: (actor, _context, assigneeId) =>
      actor.role === 'director' || (actor.role === 'officer' && assignedTo(actor, assigneeId)),
    description: 'the assigned officer or a director',
  },
  expert: {
    allows: (actor, _context, assigneeId) => actor.role === 'expert' && assignedTo(actor, assigneeId),
    description: 'the assigned expert',
  },
  director: {
    allows: (actor) => actor.role === 'director',
    description: 'a director',
  },
  secondLevelDirector: {
    allows: (actor, context) => actor.role === 'director' && actor.userId !== context.firstReviewerId,
    description: 'a director other than the first reviewer',
  },
  objectionDecider: {
    allows: (actor, context) => actor.role === 'director' && actor.userId !== context.objection?.byUserId,
    description: 'a director other than the objector',
  },
  objector: {
    allows: (actor, context) =>
      actor.role !== 'system' &&
      actor.role !== 'auditor' &&
      !(actor.role === 'enterprise' && (typeof actor.enterpriseId !== 'string' || isOwner(actor, context))),
    description: 'a logged-in user other than the applicant or an auditor',
  },
  system: {
    allows: (actor) => actor.role === 'system',
    description: 'the system',
  },
  paymentSystem: {
    allows: (actor) => actor.role === 'system' || actor.role === 'finance',
    description: 'the system or finance staff',
  },
  directorOrFinance: {
    allows: (actor) => actor.role === 'director' || actor.role === 'finance',
    description: 'a director or finance staff',
  },
};

function roundOf(event: WorkflowEvent | undefined): number | undefined {
  return event && 'round' in event ? event.round : undefined;
}

interface ConditionDefinition {
  holds(context: WorkflowContext, event: WorkflowEvent | undefined): boolean;
  /** Why the event is not accepted when the condition fails. */
  failure: string;
}

export const CONDITIONS: Readonly<Record<Condition, ConditionDefinition>> = {
  currentScreeningRound: {
    holds: (context, event) => roundOf(event) === undefined || roundOf(event) === context.submissionCount,
    failure: 'the screening result belongs to an earlier submission',
  },
  currentAmendmentRound: {
    holds: (context, event) => roundOf(event) === undefined || roundOf(event) === context.amendmentCount,
    failure: 'the amendment deadline belongs to an earlier return',
  },
  publicityRunning: {
    holds: (context) => !context.publicityElapsed,
    failure: 'the end of publicity is already recorded',
  },
  verificationPending: {
    holds: (context) => context.verification === 'pending',
    failure: 'the commitment has no pending verification',
  },
};

function amountIssues(context: WorkflowContext, event: WorkflowEvent, amountRequired: boolean): FieldIssue[] {
  const proposed = 'amountFen' in event ? event.amountFen : undefined;
  const ceiling = context.computedAmountFen;
  if (proposed !== undefined) {
    return ceiling !== null && proposed > ceiling
      ? [{ field: 'amountFen', message: `may not exceed the computed amount of ${ceiling} fen` }]
      : [];
  }
  if (amountRequired) {
    return [{ field: 'amountFen', message: 'is required: this program’s amount is set by review' }];
  }
  const current = currentAmountFen(context);
  return current === null || current === 0
    ? [{ field: 'amountFen', message: 'is required: no positive amount has been computed or recommended' }]
    : [];
}

const REQUIREMENTS: Readonly<
  Record<Requirement, (context: WorkflowContext, event: WorkflowEvent) => FieldIssue[]>
> = {
  signedCommitment: (_context, event) =>
    'commitmentSigned' in event && event.commitmentSigned === true
      ? []
      : [{ field: 'commitmentSigned', message: 'must be true: submit the signed commitment' }],
  reviewAmount: (context, event) => amountIssues(context, event, context.params.amountSetByReview),
  optionalAmount: (context, event) => amountIssues(context, event, false),
  paidAmountMatches: (context, event) =>
    'paidAmountFen' in event &&
    event.paidAmountFen !== undefined &&
    event.paidAmountFen !== context.approvedAmountFen
      ? [
          {
            field: 'paidAmountFen',
            message: `must equal the approved amount of ${context.approvedAmountFen} fen`,
          },
        ]
      : [],
};

/** Does the application meet the rule's precondition? (`event` is omitted when listing what is possible.) */
export function conditionHolds(
  rule: TransitionRule,
  context: WorkflowContext,
  event?: WorkflowEvent,
): boolean {
  return rule.when === undefined || CONDITIONS[rule.when].holds(context, event);
}

/** May this actor send the event under this rule? */
export function actorAllowed(
  rule: TransitionRule,
  context: WorkflowContext,
  actor: unknown,
  assigneeId: string | null,
): boolean {
  return isValidActor(actor) && POLICIES[rule.who].allows(actor, context, assigneeId);
}

/**
 * Checks an incoming event against the rule of the one transition its state has for it, in the order the
 * HTTP status codes need: the application's precondition (409), the actor (403), the payload's shape
 * (400), a stale `round` (409), then payload rules that depend on the application (400).
 */
export function evaluateRule(rule: TransitionRule, context: WorkflowContext, event: unknown): Verdict {
  const { actor, assigneeId, ...payload } = isPlainObject(event) ? event : {};
  const refuse = (
    reason: 'not-accepted' | 'forbidden' | 'invalid',
    message: string,
    issues: FieldIssue[] = [],
  ) => ({ ok: false, reason, message, issues }) as const;
  const condition = rule.when === undefined ? undefined : CONDITIONS[rule.when];
  if (condition && !condition.holds(context, undefined)) return refuse('not-accepted', condition.failure);
  if (!actorAllowed(rule, context, actor, typeof assigneeId === 'string' ? assigneeId : null)) {
    return refuse('forbidden', `only ${POLICIES[rule.who].description} may do this`);
  }
  const shape = validateEvent(payload);
  if (!shape.ok) return refuse('invalid', 'the event is malformed', shape.issues);
  if (condition && !condition.holds(context, shape.event)) return refuse('not-accepted', condition.failure);
  const issues = (rule.require ?? []).flatMap((requirement) =>
    REQUIREMENTS[requirement](context, shape.event),
  );
  return issues.length ? refuse('invalid', 'the event is incomplete or inconsistent', issues) : { ok: true };
}

/** Routing after a recommendation: does the amount need an expert opinion? */
export function needsExpertReview(context: WorkflowContext): boolean {
  const { expertReview, expertReviewAboveFen } = context.params;
  if (expertReview === 'always') return true;
  if (expertReview === 'never') return false;
  return (currentAmountFen(context) ?? 0) > (expertReviewAboveFen ?? 0);
}

/** Routing after a recommendation: is the amount above what an officer may approve alone? */
export function needsDirectorApproval(context: WorkflowContext): boolean {
  return (currentAmountFen(context) ?? 0) > context.params.directorApprovalAboveFen;
}

export function hasPublicity(context: WorkflowContext): boolean {
  return context.params.publicityWorkingDays > 0;
}
