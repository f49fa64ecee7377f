import type { FieldIssue, PersistedWorkflow, Actor } from './types';
import { isNonBlankString, MAX_COMMENT_LENGTH } from './values';
import { contextOf, stateOf } from './workflow';

/**
 * The applicant's answer to an objection (异议答复). It is not a workflow event: answering changes
 * neither the state nor anything the machine decides on (the director still upholds or dismisses),
 * so it is an audited record beside the machine — and this is the one rule of who may give it.
 */
export type ObjectionAnswerCheck =
  | { ok: true; round: number }
  | { ok: false; reason: 'not-applicant' | 'not-in-objection' }
  | { ok: false; reason: 'invalid'; issues: FieldIssue[] };

/**
 * May `actor` answer the objection pending on this workflow with `comment`? Only a user of the
 * applicant enterprise, only while the case is in `objection` (a decided objection is closed), and
 * the answer is a non-blank text of at most MAX_COMMENT_LENGTH characters. `round` is the objection
 * answered (1 for the case's first objection), so an answer is tied to the objection it answers.
 * The role is checked before the state, so an outsider learns nothing of the case's state.
 */
export function checkObjectionAnswer(
  persisted: PersistedWorkflow,
  actor: Actor,
  comment: unknown,
): ObjectionAnswerCheck {
  const context = contextOf(persisted);
  const applicant =
    actor.role === 'enterprise' &&
    typeof actor.enterpriseId === 'string' &&
    actor.enterpriseId === context.enterpriseId;
  if (!applicant) return { ok: false, reason: 'not-applicant' };
  if (!isNonBlankString(comment)) {
    return {
      ok: false,
      reason: 'invalid',
      issues: [
        {
          field: 'comment',
          message: `is required: a non-blank text of at most ${MAX_COMMENT_LENGTH} characters`,
        },
      ],
    };
  }
  if (stateOf(persisted) !== 'objection' || context.objection?.decision !== 'pending')
    return { ok: false, reason: 'not-in-objection' };
  return { ok: true, round: context.objection.round };
}
