import { loadConfig } from '@huiqi/config';
import { DataSource } from 'typeorm';
import { createIsolatedDatabase } from '../../../../test/support/isolated-db';
import { e2eEnv, secretsEnv } from '../../../../test/support/test-env';
import { dataSourceOptions } from '../data-source-options';
import { entityDriftOf } from './entity-drift';

/**
 * The entities against a database built by the committed migrations: every table and column an entity
 * maps exists with its type, so `npm run migration:generate` has nothing to add.
 */
describe('entities and migrations', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;

  beforeAll(async () => {
    db = await createIsolatedDatabase('drift');
    const config = loadConfig({
      ...secretsEnv(),
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      REDIS_URL: e2eEnv().redisUrl,
    });
    ds = await new DataSource(dataSourceOptions(config, 'huiqi-drift-test')).initialize();
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('agree on every table and column', async () => {
    const drift = await entityDriftOf(ds);
    expect(drift.additive.map((s) => s.up)).toEqual([]);
    // The diff does run: it sees the hand-written constraints the entities do not describe.
    expect(drift.ignored.some((s) => s.includes('ck_fund_pools_not_overcommitted'))).toBe(true);
  });
});
