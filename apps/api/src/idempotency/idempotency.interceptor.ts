import { text } from '@huiqi/common';
import { HuiqiClsStore } from '@huiqi/core/context/request-context';
import { DomainError } from '@huiqi/core/errors/domain-error';
import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ClsService } from 'nestjs-cls';
import { catchError, from, mergeMap, Observable } from 'rxjs';
import type { Principal } from '../auth/principal';
import { bufferedUpload } from '../http/buffered-upload';
import { IdempotencyService, IdempotentRequest } from './idempotency.service';
import { IDEMPOTENT_UPLOAD } from './idempotent.decorator';
import { ReplayedResponse } from './replayed-response';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly reflector: Reflector,
    private readonly cls: ClsService<HuiqiClsStore>,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    const header = req.headers['idempotency-key'];
    if (header === undefined) return next.handle();
    if (typeof header !== 'string' || !KEY_PATTERN.test(header)) {
      throw DomainError.invalid('Idempotency-Key', text('error.idempotency-key-format'));
    }
    const idem: IdempotentRequest = {
      scope: req.principal ? `user:${req.principal.userId}` : `anon:${req.ip}`,
      key: header,
      method: req.method,
      path: req.url.split('?')[0],
      body: req.body,
    };
    const status =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ??
      (req.method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK);
    const hashUpload =
      this.reflector.get<boolean | undefined>(IDEMPOTENT_UPLOAD, context.getHandler()) === true &&
      req.isMultipart();

    const claimed = async () => {
      if (hashUpload) {
        // The file is the body: its hash (and name and field) is what a retry must repeat.
        const upload = await bufferedUpload(req);
        idem.body = upload
          ? { multipart: { field: upload.fieldname, fileName: upload.filename, sha256: upload.sha256 } }
          : { multipart: null };
      }
      return this.idempotency.claim(idem);
    };
    return from(claimed()).pipe(
      mergeMap((claim) => {
        if (claim.kind === 'replay') throw new ReplayedResponse(claim.status, claim.body, claim.contentType);
        this.cls.set('idempotency', { scope: idem.scope, key: idem.key });
        return next.handle().pipe(
          mergeMap(async (body: unknown) => {
            // A handler that chose its status itself (e.g. 201 done / 202 queued) has sent its reply already.
            const reply = context.switchToHttp().getResponse<FastifyReply>();
            const sentStatus = reply.sent ? reply.statusCode : status;
            await this.idempotency.complete(idem, sentStatus, body, 'application/json; charset=utf-8');
            return body;
          }),
          // A failed request stores nothing: the same request retried with the same key runs again
          // and gets the same error (or succeeds, if it failed on our side).
          catchError(async (error: unknown) => {
            await this.idempotency.release(idem);
            throw error;
          }),
        );
      }),
    );
  }
}
