import { ConfigModule, loadConfig } from '@huiqi/config';
import { HuiqiClsStore } from '@huiqi/core/context/request-context';
import { DatabaseModule } from '@huiqi/core/database/database.module';
import { DomainError, DomainErrorCode } from '@huiqi/core/errors/domain-error';
import { Test, TestingModule } from '@nestjs/testing';
import { ClsModule, ClsService } from 'nestjs-cls';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { e2eEnv, secretsEnv } from '../../../../test/support/test-env';
import { IdempotencyCommitSubscriber } from './idempotency-commit.subscriber';
import { IdempotencyService, IdempotentRequest } from './idempotency.service';

/** The key is marked applied in the same transaction as the request's effect (real Postgres). */
describe('Idempotency-Key applied with the effect', () => {
  let moduleRef: TestingModule;
  let idempotency: IdempotencyService;
  let cls: ClsService<HuiqiClsStore>;
  let ds: DataSource;

  beforeAll(async () => {
    const config = loadConfig({
      ...secretsEnv(),
      NODE_ENV: 'test',
      DATABASE_URL: e2eEnv().databaseUrl,
      REDIS_URL: e2eEnv().redisUrl,
    });
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(config),
        ClsModule.forRoot({ global: true }),
        DatabaseModule.forRoot('idempotency-test'),
      ],
      providers: [IdempotencyService, IdempotencyCommitSubscriber],
    }).compile();
    await moduleRef.init();
    idempotency = moduleRef.get(IdempotencyService);
    cls = moduleRef.get(ClsService);
    ds = moduleRef.get(DataSource);
  });
  afterAll(() => moduleRef.close());

  const request = (): IdempotentRequest => ({
    scope: `user:test-${randomBytes(4).toString('hex')}`,
    key: `k-${randomBytes(6).toString('hex')}`,
    method: 'POST',
    path: '/applications',
    body: { programCode: 'x' },
  });
  const stateOf = async (r: IdempotentRequest) =>
    (
      (await ds.query('SELECT state FROM idempotency_keys WHERE scope = $1 AND key = $2', [
        r.scope,
        r.key,
      ])) as { state: string }[]
    )[0]?.state;

  it('a committed effect marks the key applied: a retry after a lost response is refused, not run again', async () => {
    const r = request();
    await cls.run(async () => {
      expect(await idempotency.claim(r)).toEqual({ kind: 'claimed' });
      cls.set('idempotency', { scope: r.scope, key: r.key });
      await ds.transaction((m) => m.query('SELECT 1'));
    });
    expect(await stateOf(r)).toBe('applied');
    // The process dies here, before complete(): the retry must not apply the request again.
    const retry = await idempotency.claim(r).catch((e: unknown) => e);
    expect(retry).toBeInstanceOf(DomainError);
    expect((retry as DomainError).code).toBe(DomainErrorCode.IdempotencyKeyApplied);
    // A failure after the commit does not free the key either.
    await idempotency.release(r);
    expect(await stateOf(r)).toBe('applied');
  });

  it('a rolled-back effect leaves the key in flight, so a retry may run it', async () => {
    const r = request();
    await cls.run(async () => {
      await idempotency.claim(r);
      cls.set('idempotency', { scope: r.scope, key: r.key });
      await ds
        .transaction(async (m) => {
          await m.query('SELECT 1');
          throw new Error('effect refused');
        })
        .catch(() => undefined);
    });
    expect(await stateOf(r)).toBe('in_flight');
    await idempotency.release(r);
    expect(await idempotency.claim(r)).toEqual({ kind: 'claimed' });
  });

  it('the stored response wins once written', async () => {
    const r = request();
    await cls.run(async () => {
      await idempotency.claim(r);
      cls.set('idempotency', { scope: r.scope, key: r.key });
      await ds.transaction((m) => m.query('SELECT 1'));
    });
    await idempotency.complete(r, 201, { id: 'a' }, 'application/json; charset=utf-8');
    expect(await idempotency.claim(r)).toMatchObject({ kind: 'replay', status: 201, body: { id: 'a' } });
  });
});
