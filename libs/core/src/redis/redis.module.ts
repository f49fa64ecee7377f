import { APP_CONFIG, AppConfig } from '@huiqi/config';
import { createRedis } from '@huiqi/queues';
import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import type IORedis from 'ioredis';

export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: IORedis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** A general-purpose Redis connection (health checks, small reads); BullMQ opens its own. */
@Global()
@Module({
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => createRedis(config.redis.url, 'client', 'huiqi-client'),
    },
    RedisCloser,
  ],
  exports: [REDIS_CLIENT],
})
export class RedisModule {}
