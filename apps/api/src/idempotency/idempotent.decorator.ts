import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { IdempotencyInterceptor } from './idempotency.interceptor';

export const IDEMPOTENT = Symbol('idempotent');

/** Honours an `Idempotency-Key` header on this endpoint (see IdempotencyService for the rules). */
export function Idempotent(): MethodDecorator {
  return applyDecorators(
    SetMetadata(IDEMPOTENT, true),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Makes a retry safe: the first response is stored for 24 h and replayed for the same key; the same key with a different body is 422; while the first is in progress, 409.',
    }),
  );
}
