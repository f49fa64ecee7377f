import {
  FACT_KEYS,
  isFactKey,
  isValidResidentIdNumber,
  normaliseResidentIdNumber,
  validateFact,
  type Issue,
  type ValidatedFact,
} from '@huiqi/policies';
import { hashPersonId } from '../identity/person-id';

/**
 * A fact as people and feeds send it: a per-person fact names the person by their resident ID
 * number, which is hashed here into the fact's `subject` and never kept.
 */
export interface FactInput {
  key?: unknown;
  period?: unknown;
  value?: unknown;
  source?: unknown;
  idNumber?: unknown;
}

export type FactInputResult = { ok: true; fact: ValidatedFact } | { ok: false; issues: Issue[] };

const FIELDS = new Set(['key', 'period', 'value', 'source', 'idNumber']);

/**
 * Validates one incoming fact with `validateFact` after turning `idNumber` into the hashed subject.
 * Never throws. Issue paths are the input's own: `key`, `period`, `source`, `idNumber`, `value.<field>`.
 */
export function toValidatedFact(input: FactInput, idHashSecret: string): FactInputResult {
  const issues: Issue[] = [];
  for (const name of Object.keys(input)) {
    if (!FIELDS.has(name)) issues.push({ path: name, message: 'unknown field' });
  }
  const perPerson = isFactKey(input.key) ? FACT_KEYS[input.key].perPerson : undefined;
  const idNumber = input.idNumber === '' ? undefined : input.idNumber;
  let subject: string | undefined;
  if (idNumber !== undefined && idNumber !== null) {
    if (perPerson === false) {
      issues.push({
        path: 'idNumber',
        message: `${String(input.key)} is about the enterprise; omit idNumber`,
      });
    } else if (!isValidResidentIdNumber(idNumber)) {
      issues.push({
        path: 'idNumber',
        message: 'idNumber must be an 18-character resident ID number with a valid check character',
      });
    } else {
      subject = hashPersonId(normaliseResidentIdNumber(idNumber), idHashSecret);
    }
  } else if (perPerson === true) {
    issues.push({
      path: 'idNumber',
      message: `${String(input.key)} is about a person: idNumber is required`,
    });
  }
  const checked = validateFact({
    key: input.key,
    ...(subject !== undefined ? { subject } : {}),
    ...(input.period !== undefined && input.period !== '' ? { period: input.period } : {}),
    value: input.value,
    source: input.source,
  });
  if (!checked.ok) {
    // Subject problems are idNumber problems (already reported above); the caller never sends a subject.
    issues.push(...checked.issues.filter((i) => i.path !== 'subject'));
  }
  if (issues.length > 0 || !checked.ok) {
    return { ok: false, issues: issues.length > 0 ? issues : [{ path: 'idNumber', message: 'invalid' }] };
  }
  return { ok: true, fact: checked.fact };
}

/** Identifies a fact's value slot: a newer fact with the same identity is a correction of it. */
export function factIdentity(enterpriseId: string, fact: Pick<ValidatedFact, 'key' | 'subject' | 'period'>) {
  return `${enterpriseId}|${fact.key}|${fact.subject ?? ''}|${fact.period ?? ''}`;
}
