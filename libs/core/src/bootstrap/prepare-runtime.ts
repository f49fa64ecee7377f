import { AppConfig, exitOnConfigError, loadConfig } from '@huiqi/config';
import pino from 'pino';
import { checkPostgresReachable, dataSourceOptions, ensureDatabase, migrateWithLock } from '@huiqi/database';
import { checkRedisReachable } from '@huiqi/queues';
import { DataSource } from 'typeorm';
import { SEEDERS, SeedLogger } from '../seed/seeders';

export class DependencyUnavailableError extends Error {}

/**
 * Everything a process needs before Nest starts: Postgres and Redis answer, the database exists,
 * migrations are applied and the seed catalog is loaded (once, under an advisory lock).
 */
export async function prepareRuntime(config: AppConfig, service: string, logger: SeedLogger): Promise<void> {
  const problems = (
    await Promise.all([checkPostgresReachable(config.database.url), checkRedisReachable(config.redis.url)])
  ).filter((p): p is string => p !== null);
  if (problems.length > 0) throw new DependencyUnavailableError(problems.join('\n\n'));

  if (await ensureDatabase(config.database.url)) logger.log('Created the database.');
  if (!config.migrateOnStart) return;

  const ds = new DataSource({ ...dataSourceOptions(config, `huiqi-${service}-migrate`), extra: { max: 2 } });
  await ds.initialize();
  try {
    const applied = await migrateWithLock(ds, async (locked) => {
      for (const seed of SEEDERS) await seed(locked, config, logger);
    });
    if (applied.length > 0) logger.log(`Applied migrations: ${applied.map((m) => m.name).join(', ')}`);
  } finally {
    await ds.destroy();
  }
}

/** Prints why the process cannot start, without a stack trace, and exits. */
export function exitOnDependencyError(error: unknown): never {
  if (error instanceof DependencyUnavailableError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(69); // EX_UNAVAILABLE
  }
  throw error;
}

/**
 * The start of every Huiqi process: read and validate the configuration (exit naming a bad variable),
 * log its warnings, and prepare the runtime (exit saying which dependency does not answer).
 */
export async function bootProcess(service: string): Promise<{ config: AppConfig; bootLog: pino.Logger }> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    exitOnConfigError(error);
  }
  const bootLog = pino({ level: config.logLevel, base: { service } });
  config.warnings.forEach((w) => bootLog.warn(w));
  await prepareRuntime(config, service, { log: (m) => bootLog.info(m), warn: (m) => bootLog.warn(m) }).catch(
    exitOnDependencyError,
  );
  return { config, bootLog };
}
