import { REDIS_CLIENT } from '@huiqi/core/redis/redis.module';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import type IORedis from 'ioredis';
import { Public } from '../auth/decorators';

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(REDIS_CLIENT) private readonly redis: IORedis,
  ) {}

  @ApiOperation({
    operationId: 'health_live',
    summary: 'Liveness probe (存活检查)',
    description: 'The process is up (for a liveness probe: restart it if this fails).',
  })
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @ApiOperation({
    operationId: 'health_ready',
    summary: 'Readiness probe (就绪检查)',
    description: 'Postgres and Redis answer (for a readiness probe: route traffic only when this passes).',
  })
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.db.pingCheck('postgres', { timeout: 2000 }),
      () => this.pingRedis(),
    ]);
  }

  private async pingRedis() {
    const check = this.indicators.check('redis');
    try {
      const started = Date.now();
      await Promise.race([
        this.redis.ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout after 2000 ms')), 2000)),
      ]);
      return check.up({ latencyMs: Date.now() - started });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }
}
