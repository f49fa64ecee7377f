import { resolveNumber } from './numeric-slots';
import type { NumberOrParam, ProgramDefinition } from './program-definition';

/** The process settings of a program with every `{ param }` resolved to its number. */
export interface ProgramSettings {
  caps: { perApplicationFen?: number; perEnterprisePerFiscalYearFen?: number; perPersonFen?: number };
  route: {
    directorApprovalAboveFen: number;
    expertReview: 'always' | 'never' | 'above';
    expertReviewAboveFen?: number;
  };
  publicityWorkingDays: number;
  sla: {
    firstReview: number;
    expertReview: number;
    directorApproval: number;
    amendment: number;
    postVerification?: number;
    confirmation?: number;
  };
  blacklistYears: number;
  installments?: { years: number };
}

/**
 * Resolves caps, route, publicity, SLA, blacklist and installment settings of a parsed definition.
 * Read these (not the raw definition, whose numbers may be `{ param }` references).
 */
export function resolveProgramSettings(def: ProgramDefinition): ProgramSettings {
  const n = (value: NumberOrParam) => resolveNumber(value, def.parameters);
  const optional = (value: NumberOrParam | undefined) => (value === undefined ? undefined : n(value));
  const caps: ProgramSettings['caps'] = {};
  const perApplicationFen = optional(def.caps.perApplicationFen);
  const perEnterprisePerFiscalYearFen = optional(def.caps.perEnterprisePerFiscalYearFen);
  const perPersonFen = optional(def.caps.perPersonFen);
  if (perApplicationFen !== undefined) caps.perApplicationFen = perApplicationFen;
  if (perEnterprisePerFiscalYearFen !== undefined)
    caps.perEnterprisePerFiscalYearFen = perEnterprisePerFiscalYearFen;
  if (perPersonFen !== undefined) caps.perPersonFen = perPersonFen;

  const route: ProgramSettings['route'] = {
    directorApprovalAboveFen: n(def.route.directorApprovalAboveFen),
    expertReview: def.route.expertReview,
  };
  const expertReviewAboveFen = optional(def.route.expertReviewAboveFen);
  if (expertReviewAboveFen !== undefined) route.expertReviewAboveFen = expertReviewAboveFen;

  const sla: ProgramSettings['sla'] = {
    firstReview: n(def.sla.firstReview),
    expertReview: n(def.sla.expertReview),
    directorApproval: n(def.sla.directorApproval),
    amendment: n(def.sla.amendment),
  };
  const postVerification = optional(def.sla.postVerification);
  const confirmation = optional(def.sla.confirmation);
  if (postVerification !== undefined) sla.postVerification = postVerification;
  if (confirmation !== undefined) sla.confirmation = confirmation;

  return {
    caps,
    route,
    publicityWorkingDays: n(def.publicityWorkingDays),
    sla,
    blacklistYears: n(def.blacklistYears),
    ...(def.installments ? { installments: { years: n(def.installments.years) } } : {}),
  };
}

/**
 * Which review stages an amount needs under a program's route: a director's approval when the
 * amount is strictly above `directorApprovalAboveFen`, expert review when the route says `always`
 * or (`above`) when the amount is strictly above `expertReviewAboveFen`.
 */
export function reviewStagesFor(
  settings: Pick<ProgramSettings, 'route'>,
  amountFen: number,
): { directorApproval: boolean; expertReview: boolean } {
  const { route } = settings;
  const expertReview =
    route.expertReview === 'always' ||
    (route.expertReview === 'above' &&
      route.expertReviewAboveFen !== undefined &&
      amountFen > route.expertReviewAboveFen);
  return { directorApproval: amountFen > route.directorApprovalAboveFen, expertReview };
}
