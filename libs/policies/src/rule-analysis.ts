import { type Issue, joinPath } from './issues';
import type { JsonValue } from './program-definition';
import { ALLOWED_RULE_OPERATIONS } from './rule-operations';

/** A variable a rule reads, with where in the rule it appears. */
export interface RuleVariable {
  path: string;
  at: string;
}

export interface RuleAnalysis {
  issues: Issue[];
  /** Root-scoped variables (inside map/filter/reduce/all/some/none bodies variables are element-relative). */
  variables: RuleVariable[];
}

/** Operations whose second argument runs against each element rather than the root data. */
const SCOPED_OPERATIONS = new Set(['map', 'filter', 'reduce', 'all', 'none', 'some']);
const MAX_DEPTH = 64;

/**
 * Checks a JSON Logic rule's structure without running it: every object is a single-operator node,
 * every operator is allowed, every `var` is a literal path (so the facts a rule reads are known when
 * the program is compiled) and nesting is bounded. Paths in issues are relative to the rule.
 */
export function analyseRule(rule: JsonValue): RuleAnalysis {
  const result: RuleAnalysis = { issues: [], variables: [] };
  walk(rule, '', true, 0, result);
  return result;
}

function walk(node: JsonValue, at: string, rootScope: boolean, depth: number, out: RuleAnalysis): void {
  if (depth > MAX_DEPTH) {
    out.issues.push({ path: at || '(root)', message: `rule nesting deeper than ${MAX_DEPTH} levels` });
    return;
  }
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    node.forEach((item, i) => walk(item, joinPath(at, String(i)), rootScope, depth + 1, out));
    return;
  }
  const keys = Object.keys(node);
  if (keys.length !== 1) {
    out.issues.push({ path: at || '(root)', message: 'a rule node must have exactly one operator key' });
    return;
  }
  const op = keys[0];
  const opAt = joinPath(at, op);
  if (!ALLOWED_RULE_OPERATIONS.has(op)) {
    out.issues.push({ path: opAt, message: `unknown or disallowed operation "${op}"` });
    return;
  }
  const raw = node[op];
  const args: JsonValue[] = Array.isArray(raw) ? raw : [raw];
  const argAt = (i: number) => (Array.isArray(raw) ? joinPath(opAt, String(i)) : opAt);
  switch (op) {
    case 'var':
      return variable(args, argAt(0), opAt, rootScope, depth, out);
    case 'missing':
      return keyList(Array.isArray(args[0]) ? args[0] : args, opAt, rootScope, out);
    case 'missing_some': {
      const list = args[1];
      if (typeof args[0] !== 'number' || !Array.isArray(list)) {
        out.issues.push({ path: opAt, message: 'missing_some takes [count, [paths]]' });
        return;
      }
      return keyList(list, argAt(1), rootScope, out);
    }
    default:
      if (SCOPED_OPERATIONS.has(op)) {
        args.forEach((arg, i) => walk(arg, argAt(i), i === 1 ? false : rootScope, depth + 1, out));
        return;
      }
      args.forEach((arg, i) => walk(arg, argAt(i), rootScope, depth + 1, out));
  }
}

function variable(
  args: JsonValue[],
  at: string,
  opAt: string,
  rootScope: boolean,
  depth: number,
  out: RuleAnalysis,
): void {
  const [path, fallback] = args;
  if (args.length > 2) out.issues.push({ path: opAt, message: 'var takes a path and an optional default' });
  if (fallback !== undefined) walk(fallback, joinPath(opAt, '1'), rootScope, depth + 1, out);
  if (!rootScope) {
    // Element-relative: "" is the element itself, a number an array index.
    if (typeof path !== 'string' && typeof path !== 'number') {
      out.issues.push({ path: at, message: 'var takes a literal path' });
    }
    return;
  }
  if (typeof path !== 'string' || path === '') {
    out.issues.push({ path: at, message: 'var takes a literal, non-empty path string' });
    return;
  }
  out.variables.push({ path, at });
}

function keyList(list: JsonValue[], at: string, rootScope: boolean, out: RuleAnalysis): void {
  list.forEach((key, i) => {
    if (typeof key !== 'string' || key === '') {
      out.issues.push({ path: joinPath(at, String(i)), message: 'expected a literal variable path' });
    } else if (rootScope) {
      out.variables.push({ path: key, at: joinPath(at, String(i)) });
    }
  });
}
