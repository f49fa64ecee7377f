import type { LoadedProgram } from '../catalog/program-catalog.service';
import type { WorkflowParams } from '@huiqi/workflow';

/** The route parameters of a program version, frozen into each application's machine when it starts. */
export function workflowParamsOf(program: LoadedProgram): WorkflowParams {
  const { route, publicityWorkingDays } = program.settings;
  return {
    directorApprovalAboveFen: route.directorApprovalAboveFen,
    expertReview: route.expertReview,
    ...(route.expertReviewAboveFen !== undefined ? { expertReviewAboveFen: route.expertReviewAboveFen } : {}),
    publicityWorkingDays,
    amountSetByReview: program.definition.amount.kind === 'set-by-review',
  };
}
