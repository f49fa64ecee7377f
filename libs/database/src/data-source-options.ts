import type { AppConfig } from '@huiqi/config';
import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** The one TypeORM configuration shared by the api, the worker, the CLI and the tests. */
export function dataSourceOptions(
  config: Pick<AppConfig, 'database'>,
  applicationName: string,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.database.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: ['error'],
    applicationName,
    extra: {
      max: config.database.poolSize,
      // A burst larger than the pool queues for a connection; past this bound it fails as a 503
      // (see isServiceUnavailable), never a 500.
      connectionTimeoutMillis: config.database.poolWaitMs ?? 30_000,
      // Fail a statement that waits on a lock for too long instead of hanging a request forever.
      options: '-c lock_timeout=10000 -c statement_timeout=120000',
      onConnect: keepConnectionErrorsHandled,
    },
  };
}

/**
 * pg-pool's `onConnect` hook: every new connection keeps an 'error' listener for its whole life. pg-pool
 * listens only while a connection is idle, TypeORM only once its query runner holds it; a new connection
 * is handed from one to the other inside the socket read that completed it, so when Postgres shuts down
 * (or kills the backend) in that same read, the error had no listener and crashed the process. The pool
 * and TypeORM still see every error through their own listeners; a connection that failed in the gap is
 * not queryable, its query fails (503) and the pool discards it on release.
 */
export function keepConnectionErrorsHandled(client: {
  on(event: 'error', listener: () => void): unknown;
}): void {
  client.on('error', () => undefined);
}
