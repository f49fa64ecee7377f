import { LocalizedText, text, verbatim } from '@huiqi/common';
import { LocalizedFieldIssue } from '@huiqi/core/errors/domain-error';

/** Deeper JSON than any Huiqi body needs; recursive code (validation, canonical JSON) stays far from the stack limit. */
export const MAX_BODY_DEPTH = 64;

/**
 * Whether a parsed JSON value nests objects/arrays more than `max` levels deep. Walks with an explicit
 * stack, so a hostile body cannot overflow the call stack here either.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

export function tooDeepIssue(): LocalizedFieldIssue {
  return { field: 'body', messages: [text('detail.body-too-deep', { max: MAX_BODY_DEPTH })] };
}

/** A body that must be a JSON object but is null, an array or a scalar. */
export function notAnObjectIssue(value: unknown): LocalizedFieldIssue | null {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return null;
  const got: LocalizedText =
    value === null
      ? verbatim('null')
      : Array.isArray(value)
        ? { zh: '数组', en: 'an array' }
        : { zh: typeof value, en: `a ${typeof value}` };
  return { field: 'body', messages: [text('detail.body-not-object', { got })] };
}
