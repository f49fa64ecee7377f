import { loadConfig } from '@huiqi/config';
import { prepareRuntime } from '@huiqi/core/bootstrap/prepare-runtime';
import { Client } from 'pg';
import { e2eEnv, POSTGRES_BASE_URL, secretsEnv } from './test-env';

/**
 * A database of its own for a test that must not share the run's database with the running worker
 * (e.g. outbox relay tests, where the worker would relay the rows first). Migrated and seeded.
 */
export async function createIsolatedDatabase(
  label: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${e2eEnv().databaseName}_${label}`.slice(0, 63);
  const url = `${POSTGRES_BASE_URL}/${name}`;
  const config = loadConfig({
    ...secretsEnv(),
    DATABASE_URL: url,
    REDIS_URL: e2eEnv().redisUrl,
    NODE_ENV: 'test',
    PASSWORD_HASHING: 'test-only',
  });
  await prepareRuntime(config, 'test', { log: () => undefined, warn: () => undefined });
  return {
    url,
    drop: async () => {
      const pg = new Client({ connectionString: `${POSTGRES_BASE_URL}/postgres` });
      await pg.connect();
      await pg.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await pg.end();
    },
  };
}
