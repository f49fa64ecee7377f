import { dataSourceOptions } from '@huiqi/database';
import { DataSource } from 'typeorm';
import { e2eEnv } from '../../../../test/support/test-env';
import { isServiceUnavailable } from './unavailable';

/**
 * A burst larger than the connection pool: requests queue for a connection; one that waited past
 * DATABASE_POOL_WAIT_MS fails with an error the API answers as 503 + Retry-After (never a 500).
 */
describe('connection pool exhaustion', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await new DataSource(
      dataSourceOptions(
        { database: { url: e2eEnv().databaseUrl, poolSize: 2, poolWaitMs: 300 } },
        'pool-test',
      ),
    ).initialize();
  });
  afterAll(() => ds.destroy());

  it('waits its turn within the bound, and fails as "unavailable" past it', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const started: Promise<void>[] = [];
    const holders = [1, 2].map(
      (i) =>
        new Promise<void>((resolveHolder, rejectHolder) => {
          started[i - 1] = ds
            .transaction(async (m) => {
              await m.query('SELECT 1');
              resolveHolder();
              await held;
            })
            .catch(rejectHolder);
        }),
    );
    await Promise.all(holders);
    // Both connections are busy until `release`: a third caller waits 300 ms and gives up.
    const starved = await ds.query('SELECT 1').then(
      () => null,
      (error: unknown) => error,
    );
    expect(starved).toBeInstanceOf(Error);
    expect(isServiceUnavailable(starved)).toBe(true);
    // A caller queued while the connections are held gets one as soon as they are given back.
    const queued = ds.query('SELECT 2 AS n');
    release();
    await Promise.all(started);
    expect(await queued).toEqual([{ n: 2 }]);
  });
});
