import type { Effect } from '../effects';
import type { WorkflowEvent, WorkflowEventType } from '../events';
import type { PersistedWorkflow, WorkflowMode, WorkflowParams, WorkflowState } from '../types';
import { applyWorkflowEvent, startWorkflow, stateOf, type WorkflowResult } from '../workflow';
import { assigneeFor, ENTERPRISE_ID, PERSONAS, type Persona } from './personas';

/** Test-only: program parameters, canonical payloads and scripted paths to every state. */

/** 800,000 yuan: above both thresholds of `STANDARD_PARAMS`. */
export const COMPUTED_FEN = 80_000_000;

export const STANDARD_PARAMS: WorkflowParams = {
  directorApprovalAboveFen: 50_000_000,
  expertReview: 'above',
  expertReviewAboveFen: 70_000_000,
  publicityWorkingDays: 5,
  amountSetByReview: false,
};

export function inputFor(
  mode: WorkflowMode,
  params: WorkflowParams = STANDARD_PARAMS,
  computed: number | null = COMPUTED_FEN,
) {
  return { applicationId: `app-${mode}`, enterpriseId: ENTERPRISE_ID, params, computedAmountFen: computed };
}

/** A valid payload for every event type (valid in every state that takes the event, for the scenarios). */
export const PAYLOADS: { [T in WorkflowEventType]: Extract<WorkflowEvent, { type: T }> } = {
  SUBMIT: { type: 'SUBMIT', commitmentSigned: true },
  RESUBMIT: { type: 'RESUBMIT', commitmentSigned: true },
  WITHDRAW: { type: 'WITHDRAW' },
  SCREENING_PASSED: { type: 'SCREENING_PASSED', computedAmountFen: COMPUTED_FEN },
  SCREENING_FAILED: { type: 'SCREENING_FAILED', reasons: ['registered outside the zone'] },
  SCREENING_INCOMPLETE: {
    type: 'SCREENING_INCOMPLETE',
    missingFacts: [
      {
        key: 'equipment_investment_fen',
        period: '2026',
        label: { zh: '设备投资额（2026年度）', en: 'equipment investment (fiscal year 2026)' },
      },
    ],
  },
  APPROVE: { type: 'APPROVE' },
  RETURN: { type: 'RETURN', comment: 'attach the platform certificate' },
  REJECT: { type: 'REJECT', comment: 'not a national platform' },
  EXPERT_APPROVE: { type: 'EXPERT_APPROVE', score: 82 },
  EXPERT_REJECT: { type: 'EXPERT_REJECT', comment: 'no measurable transformation', score: 40 },
  OBJECT: { type: 'OBJECT', comment: 'the equipment was bought in 2021' },
  UPHOLD_OBJECTION: { type: 'UPHOLD_OBJECTION', comment: 'invoices predate the period' },
  DISMISS_OBJECTION: { type: 'DISMISS_OBJECTION', comment: 'invoices are from 2025' },
  PUBLICITY_ENDED: { type: 'PUBLICITY_ENDED' },
  AMENDMENT_EXPIRED: { type: 'AMENDMENT_EXPIRED' },
  ACCEPT: { type: 'ACCEPT' },
  VERIFY: { type: 'VERIFY' },
  VERIFICATION_FAILED: { type: 'VERIFICATION_FAILED', comment: 'no R&D staff on the payroll' },
  CONFIRM: { type: 'CONFIRM', bankAccountConfirmed: true },
  DECLINE: { type: 'DECLINE' },
  OFFER_EXPIRED: { type: 'OFFER_EXPIRED' },
  DISBURSEMENT_STARTED: { type: 'DISBURSEMENT_STARTED', batchId: 'batch-2025-07' },
  PAYMENT_SUCCEEDED: { type: 'PAYMENT_SUCCEEDED', paymentRef: 'bank-ref-1' },
  PAYMENT_FAILED: { type: 'PAYMENT_FAILED', reason: 'account closed' },
  CANCEL: { type: 'CANCEL', comment: 'enterprise relocated out of the zone' },
  REPORT_FALSE_CLAIM: { type: 'REPORT_FALSE_CLAIM', comment: 'forged invoices' },
  CLAWBACK_SETTLED: { type: 'CLAWBACK_SETTLED' },
};

export type Step = [WorkflowEventType, Persona];

const APPLY_TO_PUBLICITY: Step[] = [
  ['SUBMIT', 'owner'],
  ['SCREENING_PASSED', 'system'],
  ['APPROVE', 'assignee'],
  ['EXPERT_APPROVE', 'expert'],
  ['APPROVE', 'director'],
];
const COMMITMENT_TO_PUBLICITY: Step[] = [
  ['SUBMIT', 'owner'],
  ['SCREENING_PASSED', 'system'],
  ['ACCEPT', 'assignee'],
];
const AUTO_TO_PUBLICITY: Step[] = [['CONFIRM', 'owner']];

function afterPublicity(toPublicity: Step[]): Partial<Record<WorkflowState, Step[]>> {
  const approved: Step[] = [...toPublicity, ['PUBLICITY_ENDED', 'system']];
  const paid: Step[] = [...approved, ['DISBURSEMENT_STARTED', 'finance'], ['PAYMENT_SUCCEEDED', 'system']];
  return {
    publicity: toPublicity,
    objection: [...toPublicity, ['OBJECT', 'otherEnterprise']],
    approved,
    disbursing: [...approved, ['DISBURSEMENT_STARTED', 'finance']],
    paid,
    clawback_required: [...paid, ['REPORT_FALSE_CLAIM', 'director']],
    clawed_back: [...paid, ['REPORT_FALSE_CLAIM', 'director'], ['CLAWBACK_SETTLED', 'finance']],
    cancelled: [...approved, ['CANCEL', 'director']],
  };
}

/** A scripted path (with `STANDARD_PARAMS`) from the initial state to every state of each machine. */
export const PATHS: Record<WorkflowMode, Partial<Record<WorkflowState, Step[]>>> = {
  apply: {
    draft: [],
    screening: [['SUBMIT', 'owner']],
    first_review: [
      ['SUBMIT', 'owner'],
      ['SCREENING_PASSED', 'system'],
    ],
    expert_review: APPLY_TO_PUBLICITY.slice(0, 3),
    director_approval: APPLY_TO_PUBLICITY.slice(0, 4),
    amending: [
      ['SUBMIT', 'owner'],
      ['SCREENING_PASSED', 'system'],
      ['RETURN', 'assignee'],
    ],
    expired: [
      ['SUBMIT', 'owner'],
      ['SCREENING_PASSED', 'system'],
      ['RETURN', 'assignee'],
      ['AMENDMENT_EXPIRED', 'system'],
    ],
    rejected: [
      ['SUBMIT', 'owner'],
      ['SCREENING_PASSED', 'system'],
      ['REJECT', 'assignee'],
    ],
    withdrawn: [['WITHDRAW', 'owner']],
    ...afterPublicity(APPLY_TO_PUBLICITY),
  },
  commitment: {
    draft: [],
    screening: [['SUBMIT', 'owner']],
    acceptance: COMMITMENT_TO_PUBLICITY.slice(0, 2),
    amending: [...COMMITMENT_TO_PUBLICITY.slice(0, 2), ['RETURN', 'assignee']],
    expired: [
      ...COMMITMENT_TO_PUBLICITY.slice(0, 2),
      ['RETURN', 'assignee'],
      ['AMENDMENT_EXPIRED', 'system'],
    ],
    rejected: [
      ['SUBMIT', 'owner'],
      ['SCREENING_FAILED', 'system'],
    ],
    withdrawn: [
      ['SUBMIT', 'owner'],
      ['WITHDRAW', 'owner'],
    ],
    revoked: [...COMMITMENT_TO_PUBLICITY, ['PUBLICITY_ENDED', 'system'], ['VERIFICATION_FAILED', 'assignee']],
    ...afterPublicity(COMMITMENT_TO_PUBLICITY),
  },
  auto: {
    offered: [],
    declined: [['DECLINE', 'owner']],
    lapsed: [['OFFER_EXPIRED', 'system']],
    rejected: [...AUTO_TO_PUBLICITY, ['OBJECT', 'otherEnterprise'], ['UPHOLD_OBJECTION', 'director']],
    withdrawn: [...AUTO_TO_PUBLICITY, ['WITHDRAW', 'owner']],
    ...afterPublicity(AUTO_TO_PUBLICITY),
  },
};

/** Result of sending one scripted step; throws with the refusal when the step is not accepted. */
export function send(
  persisted: PersistedWorkflow,
  type: WorkflowEventType,
  persona: Persona,
): WorkflowResult {
  return applyWorkflowEvent(persisted, PAYLOADS[type], PERSONAS[persona], {
    assigneeId: assigneeFor(stateOf(persisted)),
  });
}

/** Follows a scripted path; returns the end snapshot and every effect on the way (initial ones included). */
export function follow(
  mode: WorkflowMode,
  steps: readonly Step[],
  params: WorkflowParams = STANDARD_PARAMS,
): { persisted: PersistedWorkflow; effects: Effect[] } {
  const started = startWorkflow(mode, inputFor(mode, params));
  let persisted = started.persisted;
  const effects = [...started.effects];
  for (const [type, persona] of steps) {
    const result = send(persisted, type, persona);
    if (!result.ok) throw new Error(`${mode}: ${type} by ${persona} refused: ${result.message}`);
    persisted = result.persisted;
    effects.push(...result.effects);
  }
  return { persisted, effects };
}

/** A snapshot in `state`, reached by the scripted path. */
export function reach(mode: WorkflowMode, state: WorkflowState): PersistedWorkflow {
  const steps = PATHS[mode][state];
  if (!steps) throw new Error(`No scripted path to ${mode}.${state}`);
  return follow(mode, steps).persisted;
}
