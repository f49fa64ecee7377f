import { dataSourceOptions } from '@huiqi/database';
import { AsyncLocalStorage } from 'node:async_hooks';
import { ClsService } from 'nestjs-cls';
import { DataSource, EntityManager } from 'typeorm';
import { createIsolatedDatabase } from '../../../../test/support/isolated-db';
import { HuiqiClsStore } from '../context/request-context';
import { OutboxService } from './outbox.service';

/** runOnce against real Postgres: the effect of one outbox item happens once, whoever delivers it. */
describe('OutboxService.runOnce', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  let outbox: OutboxService;

  beforeAll(async () => {
    db = await createIsolatedDatabase('runonce');
    ds = await new DataSource(
      dataSourceOptions({ database: { url: db.url, poolSize: 8 } }, 'runonce-test'),
    ).initialize();
    await ds.query(`CREATE TABLE effects (outbox_id bigint NOT NULL)`);
    outbox = new OutboxService(ds, new ClsService<HuiqiClsStore>(new AsyncLocalStorage()));
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  const newItem = async (): Promise<string> =>
    (
      await ds.query(
        `INSERT INTO outbox (queue, job_name, payload, failed_at, last_error) VALUES ('screening', 'screen', '{}', now(), 'earlier') RETURNING id::text`,
      )
    )[0].id;
  const effects = async (id: string) =>
    (await ds.query(`SELECT count(*)::int AS n FROM effects WHERE outbox_id = $1`, [id]))[0].n;
  const row = async (id: string) =>
    (
      await ds.query(
        `SELECT done_at IS NOT NULL AS done, failed_at IS NOT NULL AS failed, last_error FROM outbox WHERE id = $1`,
        [id],
      )
    )[0];

  it('runs the effect and marks the item done in one transaction; a second delivery runs nothing', async () => {
    const id = await newItem();
    const effect = (m: EntityManager) => m.query(`INSERT INTO effects VALUES ($1)`, [id]);
    expect((await outbox.runOnce(id, effect)).ran).toBe(true);
    expect((await outbox.runOnce(id, effect)).ran).toBe(false);
    expect(await effects(id)).toBe(1);
    expect(await row(id)).toEqual({ done: true, failed: false, last_error: null });
  });

  it('twelve concurrent deliveries of one item: one runs, the others wait for it and run nothing', async () => {
    const id = await newItem();
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        outbox.runOnce(id, async (m) => {
          await m.query(`INSERT INTO effects VALUES ($1)`, [id]);
          await m.query('SELECT pg_sleep(0.05)');
        }),
      ),
    );
    expect(results.filter((r) => r.ran)).toHaveLength(1);
    expect(await effects(id)).toBe(1);
  });

  it('an effect that fails leaves the item not done and writes nothing; the next delivery runs it', async () => {
    const id = await newItem();
    await expect(
      outbox.runOnce(id, async (m) => {
        await m.query(`INSERT INTO effects VALUES ($1)`, [id]);
        throw new Error('the effect failed');
      }),
    ).rejects.toThrow('the effect failed');
    expect(await effects(id)).toBe(0);
    expect(await row(id)).toMatchObject({ done: false, failed: true });
    expect((await outbox.runOnce(id, (m) => m.query(`INSERT INTO effects VALUES ($1)`, [id]))).ran).toBe(
      true,
    );
    expect(await effects(id)).toBe(1);
  });

  it('an unknown item runs nothing', async () => {
    expect((await outbox.runOnce('999999999', () => Promise.resolve('x'))).ran).toBe(false);
  });
});
