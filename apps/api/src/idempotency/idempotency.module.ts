import { Global, Module } from '@nestjs/common';
import { IdempotencyCommitSubscriber } from './idempotency-commit.subscriber';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyService } from './idempotency.service';

@Global()
@Module({
  providers: [IdempotencyService, IdempotencyInterceptor, IdempotencyCommitSubscriber],
  exports: [IdempotencyService, IdempotencyInterceptor],
})
export class IdempotencyModule {}
