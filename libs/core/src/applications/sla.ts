import type { ProgramSettings } from '@huiqi/policies';
import type { SlaKey } from '@huiqi/workflow';

/**
 * Working days allowed for each stage. The program's SLA settings name the review stages; stages the
 * catalog does not configure use these defaults (stated, not invented per program):
 * acceptance = first review's SLA; an objection decision 5 working days; confirming an auto grant
 * 20 working days (about a month); post-verification of a commitment 30 working days.
 */
export const DEFAULT_SLA_WORKING_DAYS = {
  objectionDecision: 5,
  offerConfirmation: 20,
  postVerification: 30,
} as const;

export function slaWorkingDays(settings: Pick<ProgramSettings, 'sla'>, key: SlaKey): number {
  const sla = settings.sla;
  switch (key) {
    case 'firstReview':
      return sla.firstReview;
    case 'expertReview':
      return sla.expertReview;
    case 'directorApproval':
      return sla.directorApproval;
    case 'amendment':
      return sla.amendment;
    case 'acceptance':
      return sla.firstReview;
    case 'objectionDecision':
      return DEFAULT_SLA_WORKING_DAYS.objectionDecision;
    case 'offerConfirmation':
      return sla.confirmation ?? DEFAULT_SLA_WORKING_DAYS.offerConfirmation;
    case 'postVerification':
      return sla.postVerification ?? DEFAULT_SLA_WORKING_DAYS.postVerification;
  }
}
