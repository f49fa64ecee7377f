import type { FormInstance } from 'antd';
import { ApiProblem } from './api/problem';

/**
 * Puts a problem's `errors[].field` messages on the antd Form's fields. Returns true when at least one
 * error found its field; otherwise the caller shows the problem's title/detail above the form.
 */
export function applyProblemToForm(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ApiProblem)) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const fields = error.fieldErrors().filter((f) => known.has(String(f.name[0])));
  if (fields.length === 0) return false;
  form.setFields(fields);
  return true;
}
