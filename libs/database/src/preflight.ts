import { Client } from 'pg';
import { splitDatabaseUrl } from './ensure-database';

/** One plain sentence and the fix when Postgres does not answer, instead of a stack trace. */
export async function checkPostgresReachable(url: string): Promise<string | null> {
  const { maintenanceUrl } = splitDatabaseUrl(url);
  const client = new Client({ connectionString: maintenanceUrl, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    const { hostname, port } = new URL(url);
    return [
      `PostgreSQL does not answer at ${hostname}:${port || 5432} (${(error as Error).message}).`,
      'Start it, for example:',
      '  sudo pg_ctlcluster 15 main start   (or: sudo service postgresql start)',
      '  docker compose -f docker/compose.yml up -d postgres',
      'or set DATABASE_URL to where it runs.',
    ].join('\n');
  } finally {
    await client.end().catch(() => undefined);
  }
}
