import type { AppConfig } from '@huiqi/config';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Accepts a caller's X-Request-Id when it is a sane token; otherwise generates one. */
export function requestIdFrom(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID.test(value) ? value : randomUUID();
}

/** Structured JSON logs; secrets and personal data never reach them. */
export function loggerOptions(config: AppConfig, service: 'api' | 'worker'): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      base: { service },
      // Fastify assigns req.id from X-Request-Id (see main.ts); reuse it as the correlation id.
      genReqId: (req) => (req as IncomingMessage & { id?: string }).id ?? requestIdFrom(req),
      customProps: (req) => ({ correlationId: (req as IncomingMessage & { id?: string }).id }),
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.body.password',
          'req.body.idNumber',
          '*.password',
          '*.passwordHash',
        ],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
        }),
      },
      autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
    },
  };
}
