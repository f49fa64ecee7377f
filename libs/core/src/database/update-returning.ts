import { EntityManager } from 'typeorm';

/**
 * Runs an `UPDATE ... RETURNING` (or `DELETE ... RETURNING`) and gives back its rows. TypeORM's
 * postgres driver answers UPDATE and DELETE with `[rows, rowCount]` but other commands with `rows`;
 * wrapping the statement in a CTE makes it a SELECT, so the shape is always plain rows. Use it for
 * every optimistic-lock check: reading `.length` of the raw answer is always 2.
 */
export async function updateReturning<T = Record<string, unknown>>(
  manager: Pick<EntityManager, 'query'>,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  return manager.query(`WITH changed AS (${sql}) SELECT * FROM changed`, params) as Promise<T[]>;
}
