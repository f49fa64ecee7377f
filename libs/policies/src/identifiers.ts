import { isIsoDate } from './dates';

const RESIDENT_ID = /^(\d{6})(\d{4})(\d{2})(\d{2})\d{3}[\dX]$/;
const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RESIDENT_ID_CHECK = '10X98765432';

/** Upper-cases the check character so `…123x` and `…123X` are the same number. */
export function normaliseResidentIdNumber(value: string): string {
  return value.trim().toUpperCase();
}

/**
 * True for an 18-character PRC resident identity number (GB 11643-1999): 17 digits whose
 * birth-date part (positions 7–14) is a real date, followed by the ISO 7064 MOD 11-2 check
 * character (`0`–`9` or `X`). Lower-case `x` is accepted; normalise before storing or hashing.
 */
export function isValidResidentIdNumber(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const id = normaliseResidentIdNumber(value);
  const match = RESIDENT_ID.exec(id);
  if (!match) return false;
  if (!isIsoDate(`${match[2]}-${match[3]}-${match[4]}`)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * RESIDENT_ID_WEIGHTS[i];
  return RESIDENT_ID_CHECK[sum % 11] === id[17];
}

const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/**
 * True for a unified social credit code (GB 32100-2015): 18 characters from the code set
 * `0-9A-Z` without I, O, S, V, Z; characters 3–8 are the administrative-division digits; the
 * last is the MOD 31 check character. Upper case only (the standard has no lower case).
 */
export function isValidUscc(value: unknown): value is string {
  if (typeof value !== 'string' || !USCC_SHAPE.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(value[i]) * USCC_WEIGHTS[i];
  return USCC_CHARSET[(31 - (sum % 31)) % 31] === value[17];
}
