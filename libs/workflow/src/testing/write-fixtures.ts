/**
 * Writes the stored snapshots of released machine version 1 to libs/workflow/src/fixtures/v1/.
 *
 * Fixtures are written once, when a version is released, and then never regenerated: they stand for
 * applications already in the database. fixtures.spec.ts loads each with the current library and checks
 * that its next event still gives the same state and effects.
 *
 *   node -r @swc-node/register libs/workflow/src/testing/write-fixtures.ts [--force]
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isFinal, type WorkflowMode, type WorkflowState } from '../types';
import { applyWorkflowEvent, stateOf } from '../workflow';
import type { FixtureRecipe, WorkflowFixture } from './fixtures';
import { assigneeFor, PERSONAS } from './personas';
import { follow, PATHS, PAYLOADS, type Step } from './scenarios';

const NEXT: Record<WorkflowMode, Partial<Record<WorkflowState, Step>>> = {
  apply: {
    draft: ['SUBMIT', 'owner'],
    screening: ['SCREENING_PASSED', 'system'],
    first_review: ['APPROVE', 'assignee'],
    expert_review: ['EXPERT_APPROVE', 'expert'],
    director_approval: ['APPROVE', 'director'],
    amending: ['RESUBMIT', 'owner'],
    publicity: ['PUBLICITY_ENDED', 'system'],
    objection: ['DISMISS_OBJECTION', 'director'],
    approved: ['DISBURSEMENT_STARTED', 'finance'],
    disbursing: ['PAYMENT_SUCCEEDED', 'system'],
    paid: ['REPORT_FALSE_CLAIM', 'director'],
    clawback_required: ['CLAWBACK_SETTLED', 'finance'],
  },
  commitment: {
    draft: ['SUBMIT', 'owner'],
    screening: ['SCREENING_PASSED', 'system'],
    acceptance: ['ACCEPT', 'assignee'],
    amending: ['RESUBMIT', 'owner'],
    publicity: ['OBJECT', 'otherEnterprise'],
    objection: ['UPHOLD_OBJECTION', 'director'],
    approved: ['VERIFY', 'assignee'],
    disbursing: ['PAYMENT_FAILED', 'system'],
    paid: ['VERIFICATION_FAILED', 'assignee'],
    clawback_required: ['CLAWBACK_SETTLED', 'system'],
  },
  auto: {
    offered: ['CONFIRM', 'owner'],
    publicity: ['WITHDRAW', 'owner'],
    objection: ['PUBLICITY_ENDED', 'system'],
    approved: ['CANCEL', 'finance'],
    disbursing: ['PAYMENT_SUCCEEDED', 'finance'],
    paid: ['REPORT_FALSE_CLAIM', 'director'],
    clawback_required: ['CLAWBACK_SETTLED', 'finance'],
  },
};

/** Histories the one-path-per-state set does not show. */
const EXTRA: FixtureRecipe[] = [
  {
    name: 'apply.objection.publicity-ended',
    mode: 'apply',
    description: 'objection pending after the publicity period ran out: dismissing approves',
    steps: [...(PATHS.apply.objection ?? []), ['PUBLICITY_ENDED', 'system']],
    next: ['DISMISS_OBJECTION', 'director2'],
  },
  {
    name: 'apply.amending.second-return',
    mode: 'apply',
    description: 'returned a second time; only the round-2 amendment deadline expires it',
    steps: [
      ...(PATHS.apply.amending ?? []),
      ['RESUBMIT', 'owner'],
      ['SCREENING_PASSED', 'system'],
      ['RETURN', 'director'],
    ],
    next: ['AMENDMENT_EXPIRED', 'system', { type: 'AMENDMENT_EXPIRED', round: 2 }],
  },
  {
    name: 'apply.approved.payment-failed',
    mode: 'apply',
    description: 'payable again after a failed payment',
    steps: [...(PATHS.apply.disbursing ?? []), ['PAYMENT_FAILED', 'system']],
    next: ['DISBURSEMENT_STARTED', 'system'],
  },
  {
    name: 'commitment.paid.verified',
    mode: 'commitment',
    description: 'paid and verified: a later false claim is reported by a director',
    steps: [
      ...(PATHS.commitment.approved ?? []),
      ['VERIFY', 'assignee'],
      ['DISBURSEMENT_STARTED', 'finance'],
      ['PAYMENT_SUCCEEDED', 'system'],
    ],
    next: ['REPORT_FALSE_CLAIM', 'director'],
  },
];

function recipes(): FixtureRecipe[] {
  const modes: WorkflowMode[] = ['apply', 'commitment', 'auto'];
  const perState = modes.flatMap((mode) =>
    Object.entries(PATHS[mode]).map(([state, steps]): FixtureRecipe => {
      const next = NEXT[mode][state as WorkflowState];
      return {
        name: `${mode}.${state}`,
        mode,
        description: `${mode} application in ${state}`,
        steps: steps ?? [],
        next: next ? [next[0], next[1]] : null,
      };
    }),
  );
  return [...perState, ...EXTRA];
}

function build(recipe: FixtureRecipe): WorkflowFixture {
  const { persisted } = follow(recipe.mode, recipe.steps);
  const state = stateOf(persisted);
  if (!recipe.next) {
    if (!isFinal(state)) throw new Error(`${recipe.name}: a non-final state needs a next event`);
    return { description: recipe.description, mode: recipe.mode, state, persisted, next: null };
  }
  const [type, persona, payload] = recipe.next;
  const event = payload ?? PAYLOADS[type];
  const actor = PERSONAS[persona];
  const assigneeId = assigneeFor(state);
  const result = applyWorkflowEvent(persisted, event, actor, { assigneeId });
  if (!result.ok) throw new Error(`${recipe.name}: next event refused: ${result.message}`);
  return {
    description: recipe.description,
    mode: recipe.mode,
    state,
    persisted,
    next: { event, actor, assigneeId, expectedState: result.state, expectedEffects: result.effects },
  };
}

const directory = join(__dirname, '..', 'fixtures', 'v1');
const force = process.argv.includes('--force');
mkdirSync(directory, { recursive: true });
for (const recipe of recipes()) {
  const file = join(directory, `${recipe.name}.json`);
  if (existsSync(file) && !force) {
    console.log(`kept    ${file}`);
    continue;
  }
  writeFileSync(file, `${JSON.stringify(build(recipe), null, 2)}\n`);
  console.log(`wrote   ${file}`);
}
