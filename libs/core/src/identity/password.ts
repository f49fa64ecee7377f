import type { AppConfig } from '@huiqi/config';
import * as argon2 from 'argon2';

export type PasswordHashing = AppConfig['auth']['passwordHashing'];

/**
 * argon2id. `standard` is the library's defaults (64 MiB, 3 passes), as OWASP recommends for password
 * storage; `test-only` (4 MiB, 1 pass) exists for the test suite and the config refuses it outside
 * NODE_ENV=test.
 */
const OPTIONS: Record<PasswordHashing, argon2.HashOptions & { raw?: false }> = {
  standard: { type: argon2.argon2id },
  'test-only': { type: argon2.argon2id, memoryCost: 4096, timeCost: 1, parallelism: 1 },
};

export function hashPassword(plain: string, hashing: PasswordHashing): Promise<string> {
  return argon2.hash(plain, OPTIONS[hashing]);
}

/** Verifies with the cost recorded in the hash itself, whatever the configured cost is now. */
export async function verifyPassword(hash: string, plain: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, plain);
  } catch {
    return false;
  }
}

/**
 * A real argon2 hash of a random password, at the configured cost, verified against when the username
 * does not exist, so a wrong username costs the same time as a wrong password and does not reveal
 * which users exist.
 */
const dummyHashes = new Map<PasswordHashing, Promise<string>>();
export function dummyPasswordHash(hashing: PasswordHashing): Promise<string> {
  let hash = dummyHashes.get(hashing);
  if (!hash) {
    hash = hashPassword(`dummy-${Math.random()}-${Date.now()}`, hashing);
    dummyHashes.set(hashing, hash);
  }
  return hash;
}
