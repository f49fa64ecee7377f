import { FACT_KEYS, type FactKey, factKeyDefinition, isFactKey } from './facts';
import type {
  Beneficiary,
  FormField,
  FormFieldType,
  ProgramMode,
  ProgramParameter,
  ValueRef,
} from './program-definition';
import type { ValueKind } from './value-shape';

/** Which fiscal year of a fact is read: the evaluated one, the one before, the latest, or a fixed year. */
export type FactSelector = 'fy' | 'prev' | 'latest' | number;

/** One fact read by a rule or an amount: `facts.<key>.<selector>[.<field>]`. */
export interface FactRead {
  key: FactKey;
  selector: FactSelector;
  field?: string;
}

/** What a JSON Logic `var` path or an amount `ValueRef` points at. */
export type Reference =
  | { root: 'context'; name: 'fy' | 'asOf' }
  | { root: 'param'; name: string }
  | { root: 'form'; name: string }
  | { root: 'fact'; read: FactRead };

/** The parts of a program definition references are resolved against. */
export interface ReferenceContext {
  parameters: Readonly<Record<string, ProgramParameter>>;
  formFields: readonly FormField[];
  mode: ProgramMode;
  beneficiary: Beneficiary;
}

export type Resolution<T> = { ok: true; value: T } | { ok: false; message: string };

const YEAR = /^\d{4}$/;

/**
 * Resolves a JSON Logic variable path. Allowed: `fy`, `asOf`, `params.<name>`, `form.<field>`,
 * `facts.<key>.<fy|prev|latest|YYYY>[.<field>]` (facts without a period only have `latest`).
 */
export function resolveVarPath(path: string, ctx: ReferenceContext): Resolution<Reference> {
  const parts = path.split('.');
  const [root, name, ...rest] = parts;
  if (parts.length === 1 && (root === 'fy' || root === 'asOf')) return ok({ root: 'context', name: root });
  if (root === 'params') {
    if (name === undefined || rest.length > 0) return fail(`"${path}": expected params.<name>`);
    return checkParam(name, ctx);
  }
  if (root === 'form') {
    if (name === undefined || rest.length > 0) return fail(`"${path}": expected form.<field>`);
    return checkForm(name, ctx);
  }
  if (root === 'facts') {
    const [selector, field, ...extra] = rest;
    if (name === undefined || selector === undefined || extra.length > 0) {
      return fail(`"${path}": expected facts.<key>.<fy|prev|latest|YYYY>[.<field>]`);
    }
    const parsedSelector = YEAR.test(selector) ? Number(selector) : selector;
    if (
      parsedSelector !== 'fy' &&
      parsedSelector !== 'prev' &&
      parsedSelector !== 'latest' &&
      typeof parsedSelector !== 'number'
    ) {
      return fail(`"${path}": the period must be fy, prev, latest or a year such as 2024`);
    }
    return checkFact(name, parsedSelector, field, ctx);
  }
  return fail(
    `unknown variable "${path}"; expected fy, asOf, params.<name>, form.<field> or facts.<key>.<period>`,
  );
}

/** The kind of value a reference yields, plus the allowed values for enums. */
export interface ReferenceType {
  kind: ValueKind;
  options?: readonly string[];
}

/** Resolves an amount `ValueRef` and reports what kind of value it yields. */
export function resolveValueRef(
  ref: ValueRef,
  ctx: ReferenceContext,
): Resolution<{ reference: Reference; type: ReferenceType }> {
  let resolved: Resolution<Reference>;
  if ('param' in ref) resolved = checkParam(ref.param, ctx);
  else if ('form' in ref) resolved = checkForm(ref.form, ctx);
  else {
    const key = ref.fact;
    if (!isFactKey(key)) return fail(`unknown fact key "${key}"`);
    const selector = ref.period ?? (FACT_KEYS[key].periodKind === 'fiscal-year' ? 'fy' : 'latest');
    resolved = checkFact(key, selector, ref.field, ctx);
  }
  if (!resolved.ok) return resolved;
  return ok({ reference: resolved.value, type: referenceType(resolved.value, ctx) });
}

/** The type of the value a (valid) reference yields. */
export function referenceType(reference: Reference, ctx: ReferenceContext): ReferenceType {
  switch (reference.root) {
    case 'context':
      return { kind: reference.name === 'fy' ? 'integer' : 'date' };
    case 'param': {
      const value = ctx.parameters[reference.name].value;
      if (typeof value === 'boolean') return { kind: 'boolean' };
      if (typeof value === 'string') return { kind: 'string' };
      return { kind: ctx.parameters[reference.name].unit === 'fen' ? 'money_fen' : 'integer' };
    }
    case 'form': {
      const field = ctx.formFields.find((f) => f.name === reference.name) as FormField;
      return { kind: FORM_FIELD_KINDS[field.type], ...(field.options ? { options: field.options } : {}) };
    }
    case 'fact': {
      const shape = factKeyDefinition(reference.read.key).shape;
      const scalar =
        reference.read.field !== undefined && shape.type === 'object'
          ? shape.fields[reference.read.field]
          : shape;
      if (scalar.type === 'enum') return { kind: 'enum', options: scalar.options };
      return { kind: scalar.type };
    }
  }
}

const FORM_FIELD_KINDS: Record<FormFieldType, ValueKind> = {
  string: 'string',
  text: 'string',
  integer: 'integer',
  money_fen: 'money_fen',
  area_m2: 'area_m2',
  date: 'date',
  boolean: 'boolean',
  enum: 'enum',
  id_number: 'string',
  uscc: 'string',
};

function checkParam(name: string, ctx: ReferenceContext): Resolution<Reference> {
  if (!Object.prototype.hasOwnProperty.call(ctx.parameters, name)) return fail(`unknown parameter "${name}"`);
  return ok({ root: 'param', name });
}

function checkForm(name: string, ctx: ReferenceContext): Resolution<Reference> {
  if (ctx.mode === 'auto') return fail(`"form.${name}": auto programs have no application form`);
  if (!ctx.formFields.some((f) => f.name === name))
    return fail(`form field "${name}" is not declared in formFields`);
  return ok({ root: 'form', name });
}

function checkFact(
  key: string,
  selector: FactSelector,
  field: string | undefined,
  ctx: ReferenceContext,
): Resolution<Reference> {
  if (!isFactKey(key)) return fail(`unknown fact key "${key}"`);
  const def = factKeyDefinition(key);
  if (def.periodKind === 'none' && selector !== 'latest') {
    return fail(`fact "${key}" has no period: read it as latest`);
  }
  if (def.perPerson && ctx.beneficiary !== 'person') {
    return fail(`fact "${key}" is per person: only programs whose beneficiary is a person may read it`);
  }
  const shape = def.shape;
  if (shape.type === 'object') {
    if (field === undefined)
      return fail(
        `fact "${key}" is an object: read one of its fields (${Object.keys(shape.fields).join(', ')})`,
      );
    if (!Object.prototype.hasOwnProperty.call(shape.fields, field)) {
      return fail(`fact "${key}" has no field "${field}" (fields: ${Object.keys(shape.fields).join(', ')})`);
    }
  } else if (field !== undefined) {
    return fail(`fact "${key}" is a single value: it has no field "${field}"`);
  }
  return ok({ root: 'fact', read: { key, selector, ...(field !== undefined ? { field } : {}) } });
}

function ok<T>(value: T): Resolution<T> {
  return { ok: true, value };
}

function fail<T>(message: string): Resolution<T> {
  return { ok: false, message };
}
