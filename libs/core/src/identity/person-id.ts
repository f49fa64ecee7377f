import { createHmac } from 'node:crypto';

/**
 * The key under which a person is known to Huiqi: HMAC-SHA256 of their normalised resident ID number
 * with a server secret (ID_HASH_SECRET). Stable, so "one person, one talent award" can be enforced
 * across enterprises and per-person facts can be matched, without ID numbers being usable as keys.
 */
export function hashPersonId(idNumber: string, secret: string): string {
  const normalised = idNumber.trim().toUpperCase();
  return createHmac('sha256', secret).update(`resident-id:${normalised}`).digest('hex');
}

/** `430124********1234`: enough to recognise, not enough to use. */
export function maskIdNumber(idNumber: string): string {
  const s = idNumber.trim();
  return s.length <= 10 ? '*'.repeat(s.length) : `${s.slice(0, 6)}${'*'.repeat(s.length - 10)}${s.slice(-4)}`;
}
