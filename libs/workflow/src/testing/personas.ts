import type { Policy } from '../guards';
import type { Actor, WorkflowState } from '../types';

/** Test-only: the people (and the worker) who act on applications in the specs. */

export const ENTERPRISE_ID = 'ent-applicant';
export const ASSIGNED_OFFICER_ID = 'officer-assigned';
export const ASSIGNED_EXPERT_ID = 'expert-assigned';

export const PERSONAS = {
  owner: { userId: 'user-applicant', role: 'enterprise', enterpriseId: ENTERPRISE_ID },
  otherEnterprise: { userId: 'user-competitor', role: 'enterprise', enterpriseId: 'ent-competitor' },
  assignee: { userId: ASSIGNED_OFFICER_ID, role: 'officer', enterpriseId: null },
  otherOfficer: { userId: 'officer-other', role: 'officer', enterpriseId: null },
  director: { userId: 'director-1', role: 'director', enterpriseId: null },
  director2: { userId: 'director-2', role: 'director', enterpriseId: null },
  expert: { userId: ASSIGNED_EXPERT_ID, role: 'expert', enterpriseId: null },
  otherExpert: { userId: 'expert-other', role: 'expert', enterpriseId: null },
  finance: { userId: 'finance-1', role: 'finance', enterpriseId: null },
  policyAdmin: { userId: 'policy-admin-1', role: 'policy_admin', enterpriseId: null },
  auditor: { userId: 'auditor-1', role: 'auditor', enterpriseId: null },
  admin: { userId: 'admin-1', role: 'admin', enterpriseId: null },
  system: { userId: 'system:worker', role: 'system', enterpriseId: null },
} as const satisfies Record<string, Actor>;

export type Persona = keyof typeof PERSONAS;

export const PERSONA_NAMES = Object.keys(PERSONAS) as Persona[];

/** Who the API would pass as `assigneeId` in each state of the scripted scenarios. */
export function assigneeFor(state: WorkflowState): string | null {
  if (state === 'first_review' || state === 'acceptance' || state === 'approved' || state === 'paid') {
    return ASSIGNED_OFFICER_ID;
  }
  return state === 'expert_review' ? ASSIGNED_EXPERT_ID : null;
}

/** A persona every policy admits in the scripted scenarios (the objector is `otherEnterprise`). */
export const PERSONA_FOR_POLICY: Record<Policy, Persona> = {
  owner: 'owner',
  reviewer: 'assignee',
  expert: 'expert',
  director: 'director',
  secondLevelDirector: 'director',
  objectionDecider: 'director',
  objector: 'otherEnterprise',
  system: 'system',
  paymentSystem: 'finance',
  directorOrFinance: 'finance',
};
