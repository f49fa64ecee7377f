import IORedis from 'ioredis';

/**
 * Checks Redis answers before the app starts, so a developer sees one plain sentence and the fix
 * instead of a stack trace and an endless reconnect loop.
 */
export async function checkRedisReachable(url: string): Promise<string | null> {
  const redis = new IORedis(url, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return null;
  } catch (error) {
    const { host, port } = new URL(url);
    return [
      `Redis does not answer at ${host}:${port || 6379} (${(error as Error).message}).`,
      'Start it, for example:',
      '  redis-server --daemonize yes   (or: sudo service redis-server start)',
      '  docker compose -f docker/compose.yml up -d redis',
      'or set REDIS_URL to where it runs.',
    ].join('\n');
  } finally {
    redis.disconnect();
  }
}
