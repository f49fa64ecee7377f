import type { LocalizedText } from '../localized-text';
import type { ProgramDefinitionInput, ProgramMode, ProgramParameter } from '../program-definition';

type DocumentInput = ProgramDefinitionInput['documents'] extends (infer D)[] | undefined ? D : never;
type Parameters = Record<string, ProgramParameter>;

/** A figure stated by the source. */
export function sourced(
  value: ProgramParameter['value'],
  unit: string | undefined,
  description: LocalizedText,
  note?: string,
): ProgramParameter {
  return { value, ...(unit ? { unit } : {}), description, origin: 'source', ...(note ? { note } : {}) };
}

/** A figure the source leaves open: a default the zone should confirm, with a note saying so. */
export function assumption(
  value: ProgramParameter['value'],
  unit: string | undefined,
  description: LocalizedText,
  note: string,
): ProgramParameter {
  return { value, ...(unit ? { unit } : {}), description, origin: 'assumption', note };
}

const UPLOAD_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];
const UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

/** A document an application must (or may) carry: PDF or image, at most 20 MiB. */
export function documentRequirement(type: string, zh: string, en: string, mandatory = true): DocumentInput {
  return { type, title: { zh, en }, mandatory, maxSizeBytes: UPLOAD_MAX_BYTES, contentTypes: UPLOAD_TYPES };
}

const SILENT =
  'The seed articles set no figure for this; the default is a common practice for the zone to confirm.';

export interface ProcessOptions {
  mode: ProgramMode;
  expertReview: 'always' | 'never' | 'above';
}

/**
 * Route, publicity and stage deadlines shared by the catalog: the seeds name the practices
 * (publicity, time-limited completion, second-level approval, expert review) but not their figures,
 * so each figure is a parameter marked as an assumption.
 */
export function processSettings(
  options: ProcessOptions,
): Pick<ProgramDefinitionInput, 'route' | 'sla' | 'publicityWorkingDays'> & { parameters: Parameters } {
  const parameters: Parameters = {
    directorApprovalAboveFen: assumption(
      50_000_000,
      'fen',
      { zh: '超过此金额须分管领导审批', en: 'Director approval above this amount' },
      `${SILENT} Default: amounts above 500,000 yuan need a director's approval.`,
    ),
    publicityWorkingDays: assumption(
      5,
      'working-days',
      { zh: '公示期（工作日）', en: 'Publicity period (working days)' },
      `${SILENT} Default: 5 working days.`,
    ),
    slaFirstReviewDays: assumption(
      5,
      'working-days',
      { zh: '初审时限（工作日）', en: 'First review deadline (working days)' },
      SILENT,
    ),
    slaExpertReviewDays: assumption(
      10,
      'working-days',
      { zh: '专家评审时限（工作日）', en: 'Expert review deadline (working days)' },
      SILENT,
    ),
    slaDirectorApprovalDays: assumption(
      3,
      'working-days',
      { zh: '复审审批时限（工作日）', en: 'Director approval deadline (working days)' },
      SILENT,
    ),
    slaAmendmentDays: assumption(
      10,
      'working-days',
      { zh: '企业补正时限（工作日）', en: 'Deadline for the enterprise to amend (working days)' },
      SILENT,
    ),
  };
  const route: ProgramDefinitionInput['route'] = {
    directorApprovalAboveFen: { param: 'directorApprovalAboveFen' },
    expertReview: options.expertReview,
  };
  if (options.expertReview === 'above') {
    parameters.expertReviewAboveFen = assumption(
      100_000_000,
      'fen',
      { zh: '超过此金额须专家评审', en: 'Expert review above this amount' },
      `${SILENT} Default: projects above 1,000,000 yuan go to expert review.`,
    );
    route.expertReviewAboveFen = { param: 'expertReviewAboveFen' };
  }
  const sla: ProgramDefinitionInput['sla'] = {
    firstReview: { param: 'slaFirstReviewDays' },
    expertReview: { param: 'slaExpertReviewDays' },
    directorApproval: { param: 'slaDirectorApprovalDays' },
    amendment: { param: 'slaAmendmentDays' },
  };
  if (options.mode === 'commitment') {
    parameters.slaPostVerificationDays = assumption(
      20,
      'working-days',
      { zh: '承诺事项核查时限（工作日）', en: 'Post-verification deadline (working days)' },
      SILENT,
    );
    sla.postVerification = { param: 'slaPostVerificationDays' };
  }
  if (options.mode === 'auto') {
    parameters.slaConfirmationDays = assumption(
      10,
      'working-days',
      { zh: '企业确认时限（工作日）', en: 'Deadline for the enterprise to confirm (working days)' },
      SILENT,
    );
    sla.confirmation = { param: 'slaConfirmationDays' };
  }
  return { parameters, route, sla, publicityWorkingDays: { param: 'publicityWorkingDays' } };
}

/** A catalog entry without its process settings (added by {@link withProcess}). */
export type ProgramDraft = Omit<ProgramDefinitionInput, 'route' | 'sla' | 'publicityWorkingDays'>;

/** Adds the shared route, publicity and deadline settings (and their parameters) to a draft. */
export function withProcess(
  expertReview: ProcessOptions['expertReview'],
  draft: ProgramDraft,
): ProgramDefinitionInput {
  const process = processSettings({ mode: draft.mode, expertReview });
  return {
    ...draft,
    parameters: { ...process.parameters, ...draft.parameters },
    route: process.route,
    sla: process.sla,
    publicityWorkingDays: process.publicityWorkingDays,
  };
}
