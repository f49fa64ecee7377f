import { Client, Pool } from 'pg';

export const POSTGRES_BASE_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** One query on a connection of its own (setup, checks; never on a measured path). */
export async function sql<T = Record<string, unknown>>(
  url: string,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

export function pool(url: string, max = 4): Pool {
  return new Pool({ connectionString: url, max, application_name: 'huiqi-bench' });
}

export async function dropDatabase(name: string): Promise<void> {
  await sql(`${POSTGRES_BASE_URL}/postgres`, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/** Process ids of the Postgres backends connected to a database (to account their CPU time). */
export async function backendPids(url: string): Promise<number[]> {
  const name = new URL(url).pathname.slice(1);
  const rows = await sql<{ pid: number }>(
    url,
    'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [name],
  );
  return rows.map((r) => r.pid);
}
