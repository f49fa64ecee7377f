import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';

/** Postgres and network failures meaning "the database is not there right now": answer 503, not 500. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  // lock_timeout (10 s) passed waiting for a row or advisory lock held by a long transaction (a sweep
  // batch holding its zone's reference counter): retry later, not a bug
  '55P03',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  // pg-pool: every connection stayed busy for DATABASE_POOL_WAIT_MS (a burst larger than the pool)
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  "Stream isn't writeable",
  'Connection is closed',
  'connect ECONNREFUSED',
];

/**
 * Whether an error means "a backing service is not there right now" (Postgres down or restarting, the
 * connection pool exhausted past its wait bound, a dropped connection): the API answers 503 with
 * Retry-After, never 500, and callers may retry. Not the caller's fault and not a bug.
 */
export function isServiceUnavailable(exception: unknown): boolean {
  // TypeORM releases a transaction's query runner when its connection dies; the next statement then
  // throws one of these (from the runner itself, or from a manager bound to it).
  if (exception instanceof QueryRunnerAlreadyReleasedError) return true;
  if (exception instanceof QueryRunnerProviderAlreadyReleasedError) return true;
  const candidates = [exception, (exception as { driverError?: unknown })?.driverError].filter(Boolean) as {
    code?: string;
    message?: string;
  }[];
  return candidates.some(
    (e) =>
      (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) ||
      (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.some((m) => e.message!.includes(m))),
  );
}
