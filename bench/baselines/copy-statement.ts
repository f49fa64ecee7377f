import { spawnSync } from 'node:child_process';
import { sql } from '../lib/pg';

/**
 * The reconciliation baseline: the same statement file loaded with COPY (psql's \copy, client side,
 * as an operator would) into a scratch table with typed columns. Returns the wall time of the psql
 * process, its start-up included (a few ms).
 */
export async function copyStatement(
  databaseUrl: string,
  file: string,
): Promise<{ seconds: number; rows: number }> {
  await sql(
    databaseUrl,
    `CREATE TABLE IF NOT EXISTS bench_statement_copy (
       transaction_id text, value_date date, direction text, amount numeric(16, 2),
       payment_reference text, status text, reason text)`,
  );
  await sql(databaseUrl, 'TRUNCATE bench_statement_copy');
  const started = performance.now();
  const psql = spawnSync(
    'psql',
    [
      databaseUrl,
      '-v',
      'ON_ERROR_STOP=1',
      '-qc',
      `\\copy bench_statement_copy FROM '${file}' WITH (FORMAT csv, HEADER true)`,
    ],
    { encoding: 'utf8' },
  );
  const seconds = (performance.now() - started) / 1000;
  if (psql.status !== 0) throw new Error(`psql \\copy failed: ${psql.stderr || psql.error?.message}`);
  const [{ n }] = await sql<{ n: number }>(
    databaseUrl,
    'SELECT count(*)::int AS n FROM bench_statement_copy',
  );
  return { seconds, rows: n };
}
