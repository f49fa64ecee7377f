import { readMaxMemoryPolicy } from '@huiqi/queues';
import type IORedis from 'ioredis';

export class UnsafeRedisError extends Error {}

/** BullMQ's production guide: `noeviction` is the only safe policy; evicted keys are lost jobs. */
export async function assertRedisNeverEvicts(redis: IORedis): Promise<void> {
  const policy = await readMaxMemoryPolicy(redis);
  if (policy !== 'noeviction') {
    throw new UnsafeRedisError(
      [
        `Redis maxmemory-policy is "${policy}"; the worker needs "noeviction" (an evicted key is a lost job).`,
        'Fix it with:  redis-cli CONFIG SET maxmemory-policy noeviction',
        'and make it permanent with "maxmemory-policy noeviction" in redis.conf.',
      ].join('\n'),
    );
  }
}
