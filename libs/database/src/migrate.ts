import { DataSource, Migration } from 'typeorm';

/** One fixed key for every Huiqi process: whoever holds it migrates and seeds; the others wait. */
export const MIGRATION_LOCK_KEY = 7_341_902_115;

/**
 * Runs pending migrations and then `afterMigrate` (seeding) while holding a session-level
 * Postgres advisory lock, so N processes can start at once and exactly one does the work.
 */
export async function migrateWithLock(
  dataSource: DataSource,
  afterMigrate?: (dataSource: DataSource) => Promise<void>,
): Promise<Migration[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      if (afterMigrate) await afterMigrate(dataSource);
      return applied;
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}
