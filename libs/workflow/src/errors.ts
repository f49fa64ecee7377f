import type { FieldIssue } from './types';

/**
 * A persisted workflow could not be loaded: unknown mode or machine version, a snapshot that is not an
 * object, a state the machine does not have, or a context that breaks its invariants. This is data
 * corruption (or a row written by a newer release), never a user error: the API answers 500 and alerts.
 */
export class CorruptSnapshotError extends Error {
  override readonly name = 'CorruptSnapshotError';

  constructor(
    message: string,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(issues.length ? `${message}: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}` : message);
  }
}

/**
 * `createWorkflow` was called with input that cannot start a workflow (e.g. a negative amount or
 * inconsistent program parameters). The input comes from the catalog and the calculator, so this is a
 * programming or catalog error; `issues` names the offending fields.
 */
export class WorkflowInputError extends Error {
  override readonly name = 'WorkflowInputError';

  constructor(readonly issues: readonly FieldIssue[]) {
    super(`Invalid workflow input: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}`);
  }
}
