/**
 * Unified Social Credit Code (统一社会信用代码), GB 32100-2015.
 *
 * 18 characters: registration authority (1), organisation category (1), administrative division (6),
 * organisation code (9), check character (1). The alphabet is 0-9 plus A-Y without I, O, S, V, Z;
 * the 18th character is 31 - (Σ value(cᵢ)·wᵢ mod 31), with 31 mapping to '0'.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type UsccProblem = 'length' | 'charset' | 'division' | 'check';

export interface UsccResult {
  valid: boolean;
  normalized: string;
  problem?: UsccProblem;
}

/** Computes the check character for the first 17 characters of a USCC. */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i]);
    if (v < 0) throw new Error(`not a USCC character: ${first17[i]}`);
    sum += v * WEIGHTS[i];
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** Validates a USCC; input is trimmed and upper-cased (codes are often typed in lower case). */
export function checkUscc(input: string): UsccResult {
  const normalized = input.trim().toUpperCase();
  if (normalized.length !== 18) return { valid: false, normalized, problem: 'length' };
  for (const ch of normalized) {
    if (!ALPHABET.includes(ch)) return { valid: false, normalized, problem: 'charset' };
  }
  if (!/^\d{6}$/.test(normalized.slice(2, 8))) return { valid: false, normalized, problem: 'division' };
  if (usccCheckCharacter(normalized.slice(0, 17)) !== normalized[17]) {
    return { valid: false, normalized, problem: 'check' };
  }
  return { valid: true, normalized };
}

export const USCC_PROBLEM_MESSAGES: Record<UsccProblem, string> = {
  length: 'uscc must be exactly 18 characters',
  charset: 'uscc may only contain 0-9 and A-Y except I, O, S, V, Z',
  division: 'uscc characters 3-8 must be a 6-digit administrative division code',
  check: 'uscc check character (18th) does not match (GB 32100-2015)',
};
