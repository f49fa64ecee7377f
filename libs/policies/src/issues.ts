import type { z } from 'zod';
import { chineseDefinitionMessage, chineseZodMessage } from './definition-messages';
import type { LocalizedText } from './localized-text';

/** One problem with an input, located by a dotted path (e.g. `amount.rateBasisPoints`, `formFields.2.name`). */
export interface Issue {
  path: string;
  /** English, for logs and API clients that read it. */
  message: string;
  /** What a person reads, in both languages, where the check knows it (form validation). */
  text?: LocalizedText;
}

type ZodIssue = z.core.$ZodIssue;

/** Joins path segments with dots; the empty path is reported as `(root)`. */
export function formatPath(segments: readonly PropertyKey[]): string {
  if (segments.length === 0) return '(root)';
  // An empty key (`{"": 1}`) is named `""`, so the problem still names a field.
  return segments.map((s) => (s === '' ? '""' : String(s))).join('.');
}

/** Prefixes a dotted path, treating `(root)` as empty. */
export function joinPath(prefix: string, path: string): string {
  if (prefix === '' || prefix === '(root)') return path;
  if (path === '' || path === '(root)') return prefix;
  return `${prefix}.${path}`;
}

/**
 * Converts zod issues into `{ path, message }` issues.
 *
 * Unions are reported through their most plausible branch (the one that got past the type check
 * with the fewest issues), so `{ fact: 'x', period: 'bad' }` is reported as `period: Invalid option`
 * rather than "Invalid input"; unknown keys are reported one per key at the key's own path.
 * Parse with `{ reportInput: true }` so that a missing key can be told from a wrong value.
 */
export function issuesFromZod(
  issues: readonly ZodIssue[],
  prefix: readonly PropertyKey[] = [],
  /** Give each issue its Chinese (`text`): program definitions, read by policy admins. */
  localize = false,
): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) collect(issue, [...prefix, ...issue.path], out, localize);
  return out;
}

function collect(issue: ZodIssue, path: PropertyKey[], out: Issue[], localize: boolean): void {
  if (issue.code === 'unrecognized_keys') {
    for (const key of issue.keys) out.push({ path: formatPath([...path, key]), message: 'unknown field' });
    return;
  }
  if (issue.code === 'invalid_key') {
    const detail = issue.issues.map((i) => i.message).join('; ');
    out.push({ path: formatPath(path), message: `invalid name: ${detail}` });
    return;
  }
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const branch = plausibleBranch(issue.errors);
    if (branch) {
      for (const inner of branch) collect(inner, [...path, ...inner.path], out, localize);
      return;
    }
  }
  // zod's own wording (wrong type, unknown option...) has its Chinese in zod's zh-CN locale; messages
  // the schema sets itself ("expected a date YYYY-MM-DD") are translated by definition-messages.
  const zh = localize ? (chineseDefinitionMessage(issue.message) ?? chineseZodMessage(issue)) : null;
  out.push({
    path: formatPath(path),
    message: issue.message,
    ...(zh ? { text: { zh, en: issue.message } } : {}),
  });
}

function plausibleBranch(branches: readonly (readonly ZodIssue[])[]): readonly ZodIssue[] | undefined {
  let best: readonly ZodIssue[] | undefined;
  for (const branch of branches) {
    const rejectedOutright = branch.some(
      (i) =>
        (i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'unrecognized_keys')) ||
        (i.path.length === 1 && i.code === 'invalid_type' && i.input === undefined),
    );
    if (rejectedOutright) continue;
    if (!best || branch.length < best.length) best = branch;
  }
  return best;
}
