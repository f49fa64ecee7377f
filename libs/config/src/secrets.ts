/**
 * Secrets that were ever written in this repository, or that look like a placeholder someone forgot to
 * replace. Anyone who reads the repository knows them, so no process may sign or hash with them.
 */
const PUBLISHED_SECRETS = new Set([
  'huiqi-development-jwt-secret-not-for-production-use',
  'huiqi-development-id-hash-secret-not-for-production',
  'change-me-to-a-long-random-secret-of-32-chars',
  'change-me-to-another-long-random-secret-32',
  'change-me-admin-password',
  'e2e-jwt-secret-0123456789abcdef0123456789',
  'e2e-id-hash-secret-0123456789abcdef01234567',
  'drill-jwt-secret-0123456789abcdef0123456789abcdef',
  'drill-id-hash-secret-0123456789abcdef0123456789',
]);

const PLACEHOLDER_WORDS =
  /change[-_ .]?me|changeit|placeholder|not[-_ .]for[-_ .]production|replace[-_ .]?me|your[-_ .]?secret|example|dummy|default|(?:^|[^a-z])(?:secret|password)(?:[^a-z]|$)/i;

/** Why a value is publicly known (published in the repository, or a placeholder), or null. */
export function knownValue(value: string): string | null {
  if (PUBLISHED_SECRETS.has(value)) return 'is a value published in the repository';
  if (PLACEHOLDER_WORDS.test(value)) return 'looks like a placeholder';
  return null;
}

/**
 * Why a signing or hashing key may not be used, or null when it may: publicly known values, and text
 * with too few distinct characters to be random (`xxxx…`, `abcabc…`).
 */
export function refusedSecret(value: string): string | null {
  return (
    knownValue(value) ??
    (new Set(value).size < 12 ? 'is not random enough (too few distinct characters)' : null)
  );
}
