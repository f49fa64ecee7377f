import type { Role } from '@huiqi/common';

/** How an application enters the system (see DESIGN.md, "Application mode"). */
export const WORKFLOW_MODES = ['apply', 'auto', 'commitment'] as const;

/**
 * `apply`: the enterprise applies and the zone reviews.
 * `auto` (免申即享): the system offers a grant and the enterprise only confirms.
 * `commitment` (告知承诺制): approved on a signed commitment, verified afterwards.
 */
export type WorkflowMode = (typeof WORKFLOW_MODES)[number];

/** Routing parameters of a program version, frozen into each application when it is created. */
export interface WorkflowParams {
  /** Amounts strictly above this (fen) need a director's approval after first review. */
  directorApprovalAboveFen: number;
  /** Whether approved recommendations go to expert review. */
  expertReview: 'always' | 'never' | 'above';
  /** With `expertReview: 'above'`: amounts strictly above this (fen) go to expert review. */
  expertReviewAboveFen?: number;
  /** Length of the publicity period (公示) in working days; 0 skips publicity. */
  publicityWorkingDays: number;
  /** The amount is decided by the reviewer (e.g. "up to 5,000,000, amount set by review"). */
  amountSetByReview: boolean;
}

/**
 * Who sends an event. `system` is the worker (screening results, deadlines, payment results).
 * `enterpriseId` is the enterprise an enterprise user belongs to (null for staff).
 */
export interface Actor {
  userId: string;
  role: Role | 'system';
  enterpriseId?: string | null;
}

/** Every state an application can rest in, across all modes. */
export const WORKFLOW_STATES = [
  'draft',
  'offered',
  'screening',
  'first_review',
  'expert_review',
  'director_approval',
  'acceptance',
  'amending',
  'publicity',
  'objection',
  'approved',
  'disbursing',
  'paid',
  'clawback_required',
  'clawed_back',
  'rejected',
  'withdrawn',
  'expired',
  'cancelled',
  'revoked',
  'declined',
  'lapsed',
] as const;

/** A state an application can rest in (the `state` column). */
export type WorkflowState = (typeof WORKFLOW_STATES)[number];

/** States nothing leaves. `paid` is not final: a false claim can still be reported. */
export const FINAL_STATES = [
  'clawed_back',
  'rejected',
  'withdrawn',
  'expired',
  'cancelled',
  'revoked',
  'declined',
  'lapsed',
] as const satisfies readonly WorkflowState[];

export type FinalState = (typeof FINAL_STATES)[number];

const FINAL_STATE_SET: ReadonlySet<string> = new Set(FINAL_STATES);
const STATE_SET: ReadonlySet<string> = new Set(WORKFLOW_STATES);

/** True when nothing can happen to an application in `state` any more. */
export function isFinal(state: WorkflowState): state is FinalState {
  return FINAL_STATE_SET.has(state);
}

/** Type guard for values read from the `state` column or from user input. */
export function isWorkflowState(value: unknown): value is WorkflowState {
  return typeof value === 'string' && STATE_SET.has(value);
}

export function isWorkflowMode(value: unknown): value is WorkflowMode {
  return typeof value === 'string' && (WORKFLOW_MODES as readonly string[]).includes(value);
}

/**
 * What the API stores per application: the mode, the machine version the snapshot belongs to, and the
 * snapshot itself (plain JSON, stored as jsonb). Never edit `snapshot` by hand.
 */
export interface PersistedWorkflow {
  mode: WorkflowMode;
  machineVersion: number;
  snapshot: unknown;
}

/** A problem with one field of some input, for RFC 9457 problem details. */
export interface FieldIssue {
  field: string;
  message: string;
}
