/** `npm run migration:run`: applies pending migrations and the seed catalog, under the advisory lock. */
import { exitOnConfigError, loadConfig } from '@huiqi/config';
import { exitOnDependencyError, prepareRuntime } from '@huiqi/core/bootstrap/prepare-runtime';
import { useLocalSecrets } from './local-secrets';

async function main(): Promise<void> {
  let config;
  try {
    useLocalSecrets();
    config = loadConfig({ ...process.env, MIGRATE_ON_START: 'true' });
  } catch (error) {
    exitOnConfigError(error);
  }
  await prepareRuntime(config, 'migrate', {
    log: (m) => process.stdout.write(`${m}\n`),
    warn: (m) => process.stderr.write(`${m}\n`),
  }).catch(exitOnDependencyError);
  process.stdout.write('Database is up to date.\n');
}

void main();
