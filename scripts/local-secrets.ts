import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where a developer machine keeps its own random secrets (untracked, mode 0600; see .gitignore). */
export const LOCAL_SECRET_FILES = {
  JWT_SECRET: '.dev-jwt-secret',
  ID_HASH_SECRET: '.dev-id-hash-secret',
} as const;

/**
 * For the local commands (`npm start`, migrations): a secret the environment does not set is read from
 * its untracked file in the working directory, made once with random bytes when missing — so a
 * developer machine has secrets of its own and none is ever in the repository. In production nothing is
 * made up: the configuration then refuses to start without the variables.
 */
export function useLocalSecrets(env: NodeJS.ProcessEnv = process.env, dir = process.cwd()): void {
  for (const [key, file] of Object.entries(LOCAL_SECRET_FILES)) {
    if (env[key]) continue;
    const path = join(dir, file);
    try {
      env[key] = readFileSync(path, 'utf8').trim();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || env.NODE_ENV === 'production') continue;
      const secret = randomBytes(48).toString('base64url');
      writeFileSync(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
      env[key] = secret;
    }
  }
}
