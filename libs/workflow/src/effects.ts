/** Who a notification goes to; the API resolves each audience to users. */
export const AUDIENCES = [
  'enterprise',
  'assignee',
  'zone-officers',
  'directors',
  'experts',
  'finance',
  'objector',
] as const;

/**
 * `enterprise`: users of the applicant enterprise. `assignee`: the officer the case is assigned to (or the
 * zone's officers when unassigned). `objector`: whoever raised the current objection.
 */
export type Audience = (typeof AUDIENCES)[number];

/** Notification templates the machines emit; the API/worker owns their wording (zh-CN). */
export const NOTIFICATION_TEMPLATES = [
  'application-submitted',
  'application-resubmitted',
  'screening-failed',
  'review-requested',
  'acceptance-requested',
  'expert-review-requested',
  'director-approval-requested',
  'application-returned',
  'application-rejected',
  'application-withdrawn',
  'application-expired',
  'application-approved',
  'publicity-started',
  'objection-raised',
  'objection-upheld',
  'objection-dismissed',
  'objection-decided',
  'grant-offered',
  'grant-declined',
  'offer-lapsed',
  'disbursement-started',
  'payment-succeeded',
  'payment-failed',
  'grant-cancelled',
  'verification-passed',
  'commitment-revoked',
  'clawback-required',
  'clawback-settled',
] as const;

export type NotificationTemplate = (typeof NOTIFICATION_TEMPLATES)[number];

/** Stages that have a deadline (限时办结). */
export const DEADLINE_STAGES = [
  'first_review',
  'expert_review',
  'director_approval',
  'acceptance',
  'amending',
  'objection',
  'offered',
  'post_verification',
] as const;

export type DeadlineStage = (typeof DEADLINE_STAGES)[number];

/** Key of each stage's SLA (working days) in the program's SLA settings. */
export const SLA_KEYS = {
  first_review: 'firstReview',
  expert_review: 'expertReview',
  director_approval: 'directorApproval',
  acceptance: 'acceptance',
  amending: 'amendment',
  objection: 'objectionDecision',
  offered: 'offerConfirmation',
  post_verification: 'postVerification',
} as const satisfies Record<DeadlineStage, string>;

export type SlaKey = (typeof SLA_KEYS)[DeadlineStage];

/**
 * What the worker does when a stage deadline passes: `escalate` (remind/escalate, no state change), or
 * send the named system event (with the deadline's `round`).
 */
export type DeadlineExpiry = 'escalate' | 'AMENDMENT_EXPIRED' | 'OFFER_EXPIRED';

/** Why an enterprise is put on the blacklist (失信名单). */
export type BlacklistReason =
  | 'false-claim-upheld' // an objection was upheld as a false claim
  | 'false-claim-cancelled' // an approved grant was cancelled as a false claim
  | 'false-claim-reported' // a paid grant was found to be a false claim
  | 'commitment-breached'; // post-approval verification of a commitment failed

/**
 * A side effect the API must carry out in the same database transaction as the state change: either a
 * direct write (funds, blacklist, deadlines) or an outbox row for the worker (screening, notifications).
 */
export type Effect =
  /** Enqueue automated eligibility screening; the result event must echo `round`. */
  | { type: 'request-screening'; round: number }
  | { type: 'notify'; template: NotificationTemplate; audience: Audience }
  /**
   * Start the stage's deadline: due = `addWorkingDays(now, sla[slaKey])`. (applicationId, stage, round)
   * identifies it; on expiry the worker escalates or sends `onExpiry` with `round`.
   */
  | {
      type: 'start-stage-deadline';
      stage: DeadlineStage;
      slaKey: SlaKey;
      round: number;
      onExpiry: DeadlineExpiry;
    }
  | { type: 'clear-stage-deadline'; stage: DeadlineStage; round: number }
  /** Publish the application and send `PUBLICITY_ENDED` after `workingDays` working days. */
  | { type: 'start-publicity'; workingDays: number }
  /** Reserve from the program's fund pool; if the pool cannot cover it, the whole action fails (409). */
  | { type: 'reserve-funds'; amountFen: number }
  /** Give a reservation back to the fund pool. */
  | { type: 'release-funds'; amountFen: number }
  /** The grant is payable: finance may put it into a disbursement batch. */
  | { type: 'request-disbursement'; amountFen: number }
  /** Money paid must be recovered (追回). */
  | { type: 'clawback-required'; amountFen: number; reason: string }
  | { type: 'blacklist-enterprise'; enterpriseId: string; reason: BlacklistReason; comment: string };

export type EffectType = Effect['type'];

/** The fields of an effect other than `type` (the params of the machine action that declares it). */
export type EffectParams<T extends EffectType> = Omit<Extract<Effect, { type: T }>, 'type'>;

export const EFFECT_TYPES = [
  'request-screening',
  'notify',
  'start-stage-deadline',
  'clear-stage-deadline',
  'start-publicity',
  'reserve-funds',
  'release-funds',
  'request-disbursement',
  'clawback-required',
  'blacklist-enterprise',
] as const satisfies readonly EffectType[];

const EFFECT_TYPE_SET: ReadonlySet<string> = new Set(EFFECT_TYPES);

export function isEffectType(value: unknown): value is EffectType {
  return typeof value === 'string' && EFFECT_TYPE_SET.has(value);
}

/** An action as returned by XState's pure `transition()` / `initialTransition()`. */
export interface ResolvedAction {
  type: string;
  params?: unknown;
}

/**
 * Turns the actions returned by XState's pure `transition()` into effects, in execution order.
 * Effects are declared in the machines as named actions whose params are the effect's fields.
 */
export function effectsFromActions(actions: readonly ResolvedAction[]): Effect[] {
  const effects: Effect[] = [];
  for (const action of actions) {
    if (!isEffectType(action.type)) {
      throw new Error(`Machine returned action '${action.type}', which is not a declared effect`);
    }
    const params = typeof action.params === 'object' && action.params !== null ? action.params : {};
    // Safe: the machine setup types each effect action's params as EffectParams<type>, which has no `type`.
    effects.push({ type: action.type, ...params } as Effect);
  }
  return effects;
}
