import dayjs, { type Dayjs } from 'dayjs';
import type { FormFieldDefinition } from '../../../lib/program-definition';

export type FormValue = string | number | boolean;
export type StoredForm = Record<string, FormValue>;

/** The antd Form's value of a stored answer (dates as dayjs for the DatePicker). */
export function toInputValue(field: FormFieldDefinition, value: FormValue | undefined): unknown {
  if (value === undefined) return undefined;
  if (field.type === 'date' && typeof value === 'string') return dayjs(value);
  return value;
}

/** The API's value of an input (dates as YYYY-MM-DD, trimmed text); undefined when blank. */
export function fromInputValue(field: FormFieldDefinition, value: unknown): FormValue | undefined {
  if (value === undefined || value === null) return undefined;
  if (field.type === 'date') return dayjs.isDayjs(value) ? (value as Dayjs).format('YYYY-MM-DD') : undefined;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed === '') return undefined;
    return field.type === 'id_number' || field.type === 'uscc' ? trimmed.toUpperCase() : trimmed;
  }
  if (typeof value === 'number' && Number.isNaN(value)) return undefined;
  return value as FormValue;
}

/**
 * The merge patch from the stored form to what is typed: changed answers, and null for answers
 * cleared. A masked ID number left as it came back is not a change.
 */
export function formPatch(
  fields: FormFieldDefinition[],
  stored: StoredForm,
  typed: Record<string, unknown>,
): Record<string, FormValue | null> {
  const patch: Record<string, FormValue | null> = {};
  for (const field of fields) {
    const next = fromInputValue(field, typed[field.name]);
    const before = stored[field.name];
    if (next === undefined) {
      if (before !== undefined) patch[field.name] = null;
    } else if (next !== before) {
      patch[field.name] = next;
    }
  }
  return patch;
}

/** Every required answer is there. */
export function formComplete(fields: FormFieldDefinition[], stored: StoredForm): boolean {
  return fields.every((f) => !f.required || stored[f.name] !== undefined);
}
