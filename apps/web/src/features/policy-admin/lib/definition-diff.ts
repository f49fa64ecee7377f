/**
 * Field-by-field comparison of two program definitions (libs/policies schema), for the version diff.
 * Each definition is flattened into leaf paths; lists of conditions, documents and form fields are
 * keyed by their id, type or name (so inserting one does not show every later one as changed).
 * Written here rather than taken from a diff library: the definitions are small JSON trees, and what
 * a policy admin needs is this domain's grouping (conditions, amounts, documents, deadlines, form
 * fields), not a generic text or JSON patch.
 */

export const DIFF_SECTIONS = [
  'conditions',
  'amounts',
  'documents',
  'deadlines',
  'formFields',
  'other',
] as const;
export type DiffSection = (typeof DIFF_SECTIONS)[number];

const SECTION_OF: Record<string, DiffSection> = {
  eligibility: 'conditions',
  amount: 'amounts',
  parameters: 'amounts',
  caps: 'amounts',
  installments: 'amounts',
  exclusivityGroup: 'amounts',
  documents: 'documents',
  effectiveFrom: 'deadlines',
  effectiveTo: 'deadlines',
  sla: 'deadlines',
  deadlines: 'deadlines',
  publicityWorkingDays: 'deadlines',
  formFields: 'formFields',
  dedupFormFields: 'formFields',
};

/** Fields that say which version this is rather than what it does: never shown as a change. */
const IDENTITY = new Set(['version']);

export interface DiffRow {
  section: DiffSection;
  path: string;
  /** JSON text of the value in each version; undefined when absent there. */
  left: string | undefined;
  right: string | undefined;
  change: 'added' | 'removed' | 'changed';
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function itemKey(item: unknown, index: number): string {
  if (isObject(item)) {
    for (const k of ['id', 'name', 'type']) if (typeof item[k] === 'string') return `[${item[k] as string}]`;
  }
  return `[${index}]`;
}

/** Leaf paths of a JSON value: `amount.capFen`, `formFields[projectName].label.zh`. */
export function flatten(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value) && value.length > 0 && value.every(isObject)) {
    value.forEach((item, i) => flatten(item, `${prefix}${itemKey(item, i)}`, out));
  } else if (isObject(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix, JSON.stringify(value));
  }
  return out;
}

/** Every leaf that differs between the two definitions, by section, in a stable order. */
export function diffDefinitions(left: unknown, right: unknown): DiffRow[] {
  const a = flatten(left);
  const b = flatten(right);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  const rows: DiffRow[] = [];
  for (const path of paths) {
    const top = path.split(/[.[]/)[0];
    if (IDENTITY.has(top)) continue;
    const l = a.get(path);
    const r = b.get(path);
    if (l === r) continue;
    rows.push({
      section: SECTION_OF[top] ?? 'other',
      path,
      left: l,
      right: r,
      change: l === undefined ? 'added' : r === undefined ? 'removed' : 'changed',
    });
  }
  const order = (s: DiffSection) => DIFF_SECTIONS.indexOf(s);
  return rows.sort((x, y) => order(x.section) - order(y.section) || x.path.localeCompare(y.path));
}

/**
 * A leaf's value as a person reads it: money fields (`…Fen`, integer fen) in yuan ("¥600,000.00",
 * through `formatFen`, never a float); everything else as its JSON.
 */
export function displayValue(path: string, json: string, formatFen: (fen: number) => string): string {
  const field = path.split(/[.[]/).pop() ?? '';
  if (/Fen$/.test(field) && /^-?\d+$/.test(json)) return formatFen(Number(json));
  return json;
}
