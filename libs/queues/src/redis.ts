import IORedis, { RedisOptions } from 'ioredis';

/**
 * Redis connections, following BullMQ's production guide:
 * - workers block on Redis and must wait out reconnections: `maxRetriesPerRequest: null`;
 * - producers (the API) must fail fast instead of buffering commands while Redis is down:
 *   `enableOfflineQueue: false`, so a request answers 503 instead of hanging.
 */
export type RedisRole = 'worker' | 'producer' | 'client';

export function redisOptions(role: RedisRole): RedisOptions {
  const common: RedisOptions = {
    connectTimeout: 5000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  };
  switch (role) {
    case 'worker':
      return { ...common, maxRetriesPerRequest: null, enableReadyCheck: true };
    case 'producer':
      return { ...common, maxRetriesPerRequest: 1, enableOfflineQueue: false };
    case 'client':
      return { ...common, maxRetriesPerRequest: 2 };
  }
}

export function createRedis(url: string, role: RedisRole, connectionName: string): IORedis {
  return new IORedis(url, { ...redisOptions(role), connectionName });
}

/** Waits for a producer connection (enableOfflineQueue: false) to be ready before first use. */
export async function waitUntilReady(redis: IORedis, timeoutMs = 10_000): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis not ready after ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off('ready', onReady);
    };
    redis.on('ready', onReady);
  });
}

/** BullMQ is only safe when Redis never evicts keys. Returns the configured policy. */
export async function readMaxMemoryPolicy(redis: IORedis): Promise<string> {
  const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
  return reply[1] ?? 'unknown';
}

/** BullMQ connection options for a Redis URL, with the same per-role settings as `redisOptions`. */
export function bullConnection(url: string, role: Exclude<RedisRole, 'client'>) {
  const { maxRetriesPerRequest, enableOfflineQueue, connectTimeout } = redisOptions(role);
  return {
    url,
    maxRetriesPerRequest,
    enableOfflineQueue,
    connectTimeout,
    retryStrategy: (times: number) => Math.min(times * 200, 2000),
  };
}
