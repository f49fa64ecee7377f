import { APP_CONFIG, AppConfig } from '@huiqi/config';
import { createRedis } from '@huiqi/queues';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { ThrottlerModule } from '@nestjs/throttler';
import { createHash } from 'node:crypto';

const hashed = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);

/** The Redis key of one throttler's counter for one handler and tracker (shared with the queue board). */
export function throttleKey(prefix: string, handler: string, throttler: string, tracker: string): string {
  return `${prefix}:throttle:${handler}:${throttler}:${hashed(tracker)}`;
}

export const accountTracker = (username: string) => `account:${username.trim().toLowerCase()}`;
export const ipTracker = (ip: string) => `ip:${ip}`;

/**
 * Login and registration limits, counted in Redis so they hold across N API processes:
 * per account (stops guessing one user's password from many IPs) and per client IP.
 */
export const LoginThrottleModule = ThrottlerModule.forRootAsync({
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => {
    const ttl = config.auth.loginWindowSeconds * 1000;
    return {
      storage: new ThrottlerStorageRedisService(
        createRedis(config.redis.url, 'client', 'huiqi-api-throttle'),
      ),
      generateKey: (ctx, tracker, name) =>
        throttleKey(config.redis.prefix, ctx.getHandler().name, name, tracker),
      throttlers: [
        {
          name: 'account',
          ttl,
          limit: config.auth.loginLimitPerAccount,
          // Requests without a username cannot guess anyone's password; the per-IP limit covers them.
          skipIf: (ctx) =>
            typeof ctx.switchToHttp().getRequest<{ body?: { username?: unknown } }>().body?.username !==
            'string',
          getTracker: (req: Record<string, unknown>) => {
            const body = req.body as { username?: unknown } | undefined;
            return accountTracker(typeof body?.username === 'string' ? body.username : '');
          },
        },
        {
          name: 'ip',
          ttl,
          limit: config.auth.loginLimitPerIp,
          getTracker: (req: Record<string, unknown>) => ipTracker(String(req.ip)),
        },
      ],
    };
  },
});
