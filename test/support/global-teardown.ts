import IORedis from 'ioredis';
import { Client } from 'pg';
import { stopApp } from './processes';
import { e2eEnv, POSTGRES_BASE_URL } from './test-env';

/** Stops the processes, drops the run's database and removes its Redis keys. */
export default async function globalTeardown(): Promise<void> {
  await Promise.all((globalThis.__HUIQI_PROCESSES__ ?? []).map((p) => stopApp(p)));
  const env = e2eEnv();
  if (process.env.HUIQI_KEEP_TEST_DB !== '1') {
    const pg = new Client({ connectionString: `${POSTGRES_BASE_URL}/postgres` });
    await pg.connect();
    await pg.query(`DROP DATABASE IF EXISTS "${env.databaseName}" WITH (FORCE)`);
    await pg.end();
  }
  const redis = new IORedis(env.redisUrl);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${env.redisPrefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
}
