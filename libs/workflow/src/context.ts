import type { MissingFact } from './missing-facts';
import type { Role } from '@huiqi/common';
import { WorkflowInputError } from './errors';
import type { WorkflowEventType } from './events';
import type { FieldIssue, WorkflowMode, WorkflowParams } from './types';
import { isFen, isNonBlankString, isPlainObject, isPositiveFen, MAX_ID_LENGTH } from './values';

/** Longest publicity period a program may configure; longer values are treated as catalog mistakes. */
export const MAX_PUBLICITY_WORKING_DAYS = 60;

/** Outcome of verifying a commitment-based (告知承诺) grant after approval. */
export type VerificationStatus = 'pending' | 'verified' | 'failed' | 'n/a';

/** One expert's opinion in one review round. */
export interface ExpertScore {
  byUserId: string;
  /** 0-100; a negative opinion may come without a score. */
  score: number | null;
  verdict: 'approve' | 'reject';
  /** Amount the expert recommended, if any. */
  amountFen: number | null;
  /** Submission round the opinion belongs to (see `submissionCount`). */
  round: number;
}

/** The latest objection raised during publicity. */
export interface Objection {
  byUserId: string;
  byRole: Role;
  comment: string;
  /** 1 for the first objection on this application, 2 for the second, ... */
  round: number;
  decision: 'pending' | 'upheld' | 'dismissed';
  decidedByUserId: string | null;
  falseClaim: boolean;
}

/** The latest decision taken on the application by staff or by the system. */
export interface Decision {
  event: WorkflowEventType;
  byUserId: string;
  role: Role | 'system';
  comment: string | null;
}

/** Result of the automated eligibility screening of one submission. */
export interface ScreeningOutcome {
  /** `incomplete` (machine v2+): facts were missing; the case went back for amendment. */
  result: 'passed' | 'failed' | 'incomplete';
  round: number;
  reasons: string[];
  /** Set when `result` is `incomplete`: what the enterprise must supply. */
  missingFacts?: MissingFact[];
}

/**
 * Everything the machines remember about an application. Amounts are integer fen.
 * The API reads it through `contextOf()`; it is part of the persisted snapshot.
 */
export interface WorkflowContext {
  applicationId: string;
  enterpriseId: string;
  /** Program route parameters as they were when the application was created. */
  params: WorkflowParams;
  /** Amount from the policy calculator / screening; also the ceiling for any reviewed amount. */
  computedAmountFen: number | null;
  /** Latest amount recommended by a reviewer (officer, expert or director). */
  recommendedAmountFen: number | null;
  /** Amount fixed by the approval decision. */
  approvedAmountFen: number | null;
  /** Amount this application holds against its fund pool (reserved, then spent); 0 once released. */
  reservedAmountFen: number;
  paidAmountFen: number | null;
  clawbackAmountFen: number | null;
  recoveredAmountFen: number | null;
  /** Number of submissions (SUBMIT + RESUBMITs); screening results carry it as `round`. */
  submissionCount: number;
  /** Number of times the application was returned for amendment. */
  amendmentCount: number;
  commitmentSigned: boolean;
  screening: ScreeningOutcome | null;
  /** Who recommended approval at first review; that person may not also give the director's approval. */
  firstReviewerId: string | null;
  expertScores: ExpertScore[];
  objection: Objection | null;
  objectionCount: number;
  /** The publicity period has run out (possibly while an objection was pending). */
  publicityElapsed: boolean;
  verification: VerificationStatus;
  paymentAttempts: number;
  lastPaymentFailure: string | null;
  /** A false claim was established (objection upheld as false, reported after payment, breached commitment). */
  falseClaim: boolean;
  lastDecision: Decision | null;
}

/** What `createWorkflow` needs to start an application's workflow. */
export interface WorkflowInput {
  applicationId: string;
  enterpriseId: string;
  params: WorkflowParams;
  /** The calculator's amount; required (and positive) for `auto` grants. */
  computedAmountFen: number | null;
}

/** Checks program route parameters; returns one issue per bad field (empty when valid). */
export function validateParams(params: unknown, path = 'params'): FieldIssue[] {
  if (!isPlainObject(params)) return [{ field: path, message: 'must be an object' }];
  const issues: FieldIssue[] = [];
  if (!isFen(params.directorApprovalAboveFen)) {
    issues.push({
      field: `${path}.directorApprovalAboveFen`,
      message: 'must be a non-negative integer (fen)',
    });
  }
  if (
    params.expertReview !== 'always' &&
    params.expertReview !== 'never' &&
    params.expertReview !== 'above'
  ) {
    issues.push({ field: `${path}.expertReview`, message: "must be 'always', 'never' or 'above'" });
  }
  if (params.expertReview === 'above' || params.expertReviewAboveFen !== undefined) {
    if (!isFen(params.expertReviewAboveFen)) {
      issues.push({
        field: `${path}.expertReviewAboveFen`,
        message: "must be a non-negative integer (fen), and is required when expertReview is 'above'",
      });
    }
  }
  const days = params.publicityWorkingDays;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 0 || days > MAX_PUBLICITY_WORKING_DAYS) {
    issues.push({
      field: `${path}.publicityWorkingDays`,
      message: `must be an integer from 0 to ${MAX_PUBLICITY_WORKING_DAYS}`,
    });
  }
  if (typeof params.amountSetByReview !== 'boolean') {
    issues.push({ field: `${path}.amountSetByReview`, message: 'must be a boolean' });
  }
  return issues;
}

function validateInput(mode: WorkflowMode, input: WorkflowInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!isNonBlankString(input.applicationId, MAX_ID_LENGTH)) {
    issues.push({ field: 'applicationId', message: 'must be a non-empty string' });
  }
  if (!isNonBlankString(input.enterpriseId, MAX_ID_LENGTH)) {
    issues.push({ field: 'enterpriseId', message: 'must be a non-empty string' });
  }
  issues.push(...validateParams(input.params));
  if (mode === 'auto') {
    if (!isPositiveFen(input.computedAmountFen)) {
      issues.push({
        field: 'computedAmountFen',
        message: 'must be a positive integer (fen) for an auto grant',
      });
    }
  } else if (input.computedAmountFen !== null && !isFen(input.computedAmountFen)) {
    issues.push({ field: 'computedAmountFen', message: 'must be null or a non-negative integer (fen)' });
  }
  return issues;
}

/** Builds the context of a new application; throws `WorkflowInputError` when the input is unusable. */
export function initialContext(mode: WorkflowMode, input: WorkflowInput): WorkflowContext {
  const issues = validateInput(mode, input);
  if (issues.length) throw new WorkflowInputError(issues);
  const { params } = input;
  return {
    applicationId: input.applicationId,
    enterpriseId: input.enterpriseId,
    params: {
      directorApprovalAboveFen: params.directorApprovalAboveFen,
      expertReview: params.expertReview,
      ...(params.expertReviewAboveFen !== undefined
        ? { expertReviewAboveFen: params.expertReviewAboveFen }
        : {}),
      publicityWorkingDays: params.publicityWorkingDays,
      amountSetByReview: params.amountSetByReview,
    },
    computedAmountFen: input.computedAmountFen,
    recommendedAmountFen: null,
    approvedAmountFen: null,
    reservedAmountFen: 0,
    paidAmountFen: null,
    clawbackAmountFen: null,
    recoveredAmountFen: null,
    submissionCount: 0,
    amendmentCount: 0,
    commitmentSigned: false,
    screening: null,
    firstReviewerId: null,
    expertScores: [],
    objection: null,
    objectionCount: 0,
    publicityElapsed: false,
    verification: 'n/a',
    paymentAttempts: 0,
    lastPaymentFailure: null,
    falseClaim: false,
    lastDecision: null,
  };
}

/** The amount currently proposed for approval: the latest recommendation, else the computed amount. */
export function currentAmountFen(context: WorkflowContext): number | null {
  return context.recommendedAmountFen ?? context.computedAmountFen;
}
