/** Longest free-text comment accepted on an event (characters). */
export const MAX_COMMENT_LENGTH = 2000;

/** Longest identifier-like string (batch ids, payment references, user ids). */
export const MAX_ID_LENGTH = 200;

/** A money amount in fen: a safe, non-negative integer. */
export function isFen(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** A money amount in fen that is worth granting: a safe integer of at least 1 fen. */
export function isPositiveFen(value: unknown): value is number {
  return isFen(value) && value > 0;
}

export function isNonBlankString(value: unknown, maxLength = MAX_COMMENT_LENGTH): value is string {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= maxLength;
}

/** An object literal (or JSON object): not null, an array, a Date, a Map, a class instance... */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  // Compares prototype chains, not identities, so objects from another realm (vm, structuredClone in jest) pass.
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}
