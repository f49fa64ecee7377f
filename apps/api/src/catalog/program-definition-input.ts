import { text } from '@huiqi/common';
import { DomainError, DomainErrorCode, LocalizedFieldIssue } from '@huiqi/core/errors/domain-error';
import {
  compileProgram,
  definitionIssueText,
  type Issue,
  parseProgramDefinition,
  ProgramDefinition,
  ProgramDefinitionError,
} from '@huiqi/policies';

/** Where a new definition must land: its code, zone and version are given by the URL and the caller. */
export interface DefinitionTarget {
  code: string;
  zone: string;
  version: number;
}

function invalid(issues: LocalizedFieldIssue[]): DomainError {
  return new DomainError(
    DomainErrorCode.InvalidInput,
    text('error.invalid-definition', { fields: issues.map((i) => i.field).join(', ') }),
    {},
    issues,
  );
}

/** One entry per field path, each message in Chinese and English (the caller reads its language). */
function grouped(issues: readonly Issue[]): LocalizedFieldIssue[] {
  const byField = new Map<string, LocalizedFieldIssue['messages']>();
  for (const issue of issues)
    byField.set(issue.path, [...(byField.get(issue.path) ?? []), definitionIssueText(issue)]);
  return [...byField].map(([field, messages]) => ({ field, messages }));
}

/**
 * Validates a program definition sent by a policy admin: `code`, `zone` and `version` may be left
 * out (they are filled from the target) but must match it when given; then the whole definition is
 * parsed and compiled by the policies library. Every problem is reported by its field path
 * (`amount.rateBasisPoints`, `eligibility.0.rule`), as a 400.
 */
export function acceptDefinition(body: unknown, target: DefinitionTarget): ProgramDefinition {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid([{ field: '(root)', messages: [text('error.definition-root')] }]);
  }
  const raw = { ...(body as Record<string, unknown>) };
  const mismatches: LocalizedFieldIssue[] = [];
  for (const field of ['code', 'zone', 'version'] as const) {
    if (raw[field] === undefined) raw[field] = target[field];
    else if (raw[field] !== target[field]) {
      mismatches.push({
        field,
        messages: [text('error.definition-target', { field, value: JSON.stringify(target[field]) })],
      });
    }
  }
  if (mismatches.length > 0) throw invalid(mismatches);
  try {
    const definition = parseProgramDefinition(raw, { requireOptionLabels: true });
    compileProgram(definition);
    return definition;
  } catch (error) {
    if (error instanceof ProgramDefinitionError) throw invalid(grouped(error.issues));
    throw error;
  }
}
