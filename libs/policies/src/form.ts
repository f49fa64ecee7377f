import { isIsoDate } from './dates';
import { isValidResidentIdNumber, isValidUscc, normaliseResidentIdNumber } from './identifiers';
import type { Issue } from './issues';
import type { LocalizedText } from './localized-text';
import { PolicyMessageKey, policyText } from './messages';
import { MAX_AREA_M2 } from './value-shape';
import type { FormField } from './program-definition';

/** A form value after validation: strings are trimmed, ID numbers upper-cased. */
export type FormValue = string | number | boolean;
export type ValidatedForm = Record<string, FormValue>;

export type FormValidationResult = { ok: true; form: ValidatedForm } | { ok: false; issues: Issue[] };

/** Default maximum lengths (characters) of `string` and `text` fields without `maxLength`. */
export const DEFAULT_MAX_LENGTH = { string: 200, text: 5_000 } as const;

/**
 * Validates an application form against a program's declared fields. Never throws, whatever it is
 * given. Paths are `form.<field>`. Unknown fields are rejected; a required field must be present
 * and non-blank; an optional field may be absent or null (it is then left out of the result).
 *
 * Types: `integer` is a safe integer; `money_fen` and `area_m2` are non-negative safe integers
 * (fen, whole m²); `date` is a real `YYYY-MM-DD`; `enum` is one of the options; `id_number` is a PRC
 * resident ID number with a valid GB 11643 check character (normalised to upper case); `uscc` is a
 * unified social credit code with a valid GB 32100 check character.
 */
export function validateForm(
  program: { readonly formFields: readonly FormField[] },
  form: unknown,
): FormValidationResult {
  if (typeof form !== 'object' || form === null || Array.isArray(form)) {
    return { ok: false, issues: [issue('form', policyText('form.not-object'))] };
  }
  const input = form as Record<string, unknown>;
  const issues: Issue[] = [];
  const out: ValidatedForm = {};
  const declared = new Map(program.formFields.map((f) => [f.name, f]));
  for (const name of Object.keys(input)) {
    if (!declared.has(name)) issues.push(issue(`form.${name}`, policyText('form.unknown-field')));
  }
  for (const field of program.formFields) {
    const present = Object.prototype.hasOwnProperty.call(input, field.name);
    const raw = present ? input[field.name] : undefined;
    if (raw === undefined || raw === null) {
      if (field.required) issues.push(issue(`form.${field.name}`, say(field, 'form.required')));
      continue;
    }
    const checked = checkValue(field, raw);
    if (typeof checked === 'object' && checked !== null && 'error' in checked) {
      issues.push(issue(`form.${field.name}`, checked.error));
    } else {
      out[field.name] = checked as FormValue;
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, form: out };
}

type Checked = FormValue | { error: LocalizedText };

const issue = (path: string, text: LocalizedText): Issue => ({ path, message: text.en, text });

/** A message about one field, naming it by its label in Chinese. */
function say(
  field: FormField,
  key: PolicyMessageKey,
  params: Record<string, string | number | LocalizedText> = {},
) {
  return policyText(key, { label: { zh: field.label.zh, en: field.label.en }, ...params });
}

const fail = (
  field: FormField,
  key: PolicyMessageKey,
  params: Record<string, string | number | LocalizedText> = {},
) => ({
  error: say(field, key, params),
});

function checkValue(field: FormField, raw: unknown): Checked {
  switch (field.type) {
    case 'string':
    case 'text':
      return checkText(field, raw, DEFAULT_MAX_LENGTH[field.type]);
    case 'integer':
      return checkInteger(field, raw, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 'form.integer');
    case 'money_fen':
      return checkInteger(field, raw, 0, Number.MAX_SAFE_INTEGER, 'form.money');
    case 'area_m2':
      return checkInteger(field, raw, 0, MAX_AREA_M2, 'form.area');
    case 'date':
      return isIsoDate(raw) ? raw : fail(field, 'form.date');
    case 'boolean':
      return typeof raw === 'boolean' ? raw : fail(field, 'form.boolean');
    case 'enum':
      return typeof raw === 'string' && (field.options ?? []).includes(raw)
        ? raw
        : fail(field, 'form.enum', {
            options: {
              zh: (field.options ?? []).map((o) => field.optionLabels?.[o]?.zh ?? o).join('、'),
              en: (field.options ?? []).join(', '),
            },
          });
    case 'id_number':
      return isValidResidentIdNumber(raw) ? normaliseResidentIdNumber(raw) : fail(field, 'form.id-number');
    case 'uscc':
      return isValidUscc(raw) ? raw : fail(field, 'form.uscc');
  }
}

function checkText(field: FormField, raw: unknown, defaultMax: number): Checked {
  if (typeof raw !== 'string') return fail(field, 'form.string');
  const value = raw.trim();
  if (value === '') return field.required ? fail(field, 'form.required') : fail(field, 'form.blank');
  const max = field.maxLength ?? defaultMax;
  if ([...value].length > max) return fail(field, 'form.too-long', { max });
  return value;
}

function checkInteger(
  field: FormField,
  raw: unknown,
  floor: number,
  ceiling: number,
  what: PolicyMessageKey,
): Checked {
  if (typeof raw !== 'number' || !Number.isSafeInteger(raw) || raw < floor || raw > ceiling)
    return fail(field, what);
  if (field.min !== undefined && raw < field.min) return fail(field, 'form.at-least', { min: field.min });
  if (field.max !== undefined && raw > field.max) return fail(field, 'form.at-most', { max: field.max });
  return raw;
}
