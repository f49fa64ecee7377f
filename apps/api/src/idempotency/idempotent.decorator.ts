import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { IdempotencyInterceptor } from './idempotency.interceptor';

export const IDEMPOTENT = Symbol('idempotent');
/** Marks an endpoint whose multipart upload is part of the request fingerprint (its file's sha256). */
export const IDEMPOTENT_UPLOAD = Symbol('idempotent-upload');

/**
 * Honours an `Idempotency-Key` header on this endpoint (see IdempotencyService for the rules).
 * `upload`: the endpoint takes a multipart file (read with bufferedUpload); the same key with another
 * file is then a 422 like another JSON body.
 */
export function Idempotent(options: { upload?: boolean } = {}): MethodDecorator {
  return applyDecorators(
    SetMetadata(IDEMPOTENT, true),
    SetMetadata(IDEMPOTENT_UPLOAD, options.upload === true),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Makes a retry safe: the first response is stored for 24 h and replayed for the same key; the same key with a different body is 422; while the first is in progress, 409.',
    }),
  );
}
