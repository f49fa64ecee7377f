import { DomainError } from '@huiqi/core/errors/domain-error';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';
import { ReplayedResponse } from '../idempotency/replayed-response';
import {
  PROBLEM_CONTENT_TYPE,
  ProblemDocument,
  problemType,
  slugForStatus,
  statusForDomainCode,
  titleForStatus,
} from './problem-details';
import { RequestValidationException } from './validation';

/** Unique constraints whose violation is the caller's mistake, and the request field that caused it. */
const UNIQUE_CONSTRAINT_FIELDS: Record<string, { field: string; message: string }> = {
  uq_enterprises_uscc: { field: 'uscc', message: 'an enterprise with this uscc is already registered' },
  uq_users_username: { field: 'username', message: 'this username is taken' },
  uq_program_versions_code_version: { field: 'version', message: 'this program version already exists' },
  uq_program_versions_one_draft: {
    field: 'version',
    message: 'this program has a draft already: edit or publish it first',
  },
  uq_applications_active_per_period: {
    field: 'programCode',
    message: 'this enterprise already has an open application for this program, period and subject',
  },
  uq_applications_person_award: {
    field: 'form.idNumber',
    message: 'this person already holds, or has an open application for, this award (one person, one award)',
  },
};

/** Postgres and network failures meaning "the database is not there right now": answer 503, not 500. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  "Stream isn't writeable",
  'Connection is closed',
  'connect ECONNREFUSED',
];

/**
 * Turns every error into an RFC 9457 `application/problem+json` answer. Unknown errors are logged
 * with the request id and answered with a generic 500 that leaks nothing.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    if (exception instanceof ReplayedResponse) {
      reply
        .status(exception.status)
        .header('content-type', exception.contentType)
        .header('idempotent-replayed', 'true')
        .send(exception.body === null ? undefined : JSON.stringify(exception.body));
      return;
    }
    const problem = this.toProblem(exception, request);
    problem.instance = request.url.split('?')[0];
    problem.requestId = String(request.id);
    if (problem.status === 429) reply.header('retry-after', '60');
    if (problem.status === 503) reply.header('retry-after', '5');
    reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, request: FastifyRequest): ProblemDocument {
    if (exception instanceof RequestValidationException) {
      return {
        type: problemType('validation-error'),
        title: 'Your request is not valid',
        status: 400,
        detail: `Invalid fields: ${exception.fieldIssues.map((f) => f.field).join(', ')}`,
        errors: exception.fieldIssues,
      };
    }
    if (exception instanceof DomainError) {
      const { status, title } = statusForDomainCode(exception.code);
      return {
        ...exception.extensions,
        type: problemType(exception.code),
        title,
        status,
        detail: exception.message,
        ...(exception.fieldIssues.length > 0 ? { errors: exception.fieldIssues } : {}),
      };
    }
    if (exception instanceof ThrottlerException) {
      return {
        type: problemType('too-many-requests'),
        title: 'Too many requests',
        status: 429,
        detail: 'Slow down and try again later.',
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const detail =
        typeof response === 'string'
          ? response
          : typeof (response as { message?: unknown }).message === 'string'
            ? (response as { message: string }).message
            : exception.message;
      // Keep structured extras a library put in its response (e.g. terminus' per-dependency details).
      const extras =
        typeof response === 'object' && response !== null
          ? Object.fromEntries(
              Object.entries(response).filter(
                ([k]) => !['message', 'statusCode', 'error', 'status'].includes(k),
              ),
            )
          : {};
      return {
        ...extras,
        type: problemType(slugForStatus(status)),
        title: titleForStatus(status),
        status,
        detail,
        // A 400 from the framework (unparseable JSON, a __proto__ key) is about the body as a whole.
        ...(status === 400 && !('errors' in extras)
          ? { errors: [{ field: 'body', messages: [detail] }] }
          : {}),
      };
    }
    const unique = uniqueViolation(exception);
    if (unique) {
      return {
        type: problemType('already-exists'),
        title: 'Already exists',
        status: 409,
        detail: unique.message,
        errors: [{ field: unique.field, messages: [unique.message] }],
      };
    }
    const badValue = invalidValue(exception);
    if (badValue) {
      // Defence in depth: DTOs should have refused this value already.
      this.logger.warn(
        { err: exception, requestId: request.id },
        'database refused a value the DTO let through',
      );
      return { type: problemType('invalid-input'), title: 'Invalid input', status: 400, detail: badValue };
    }
    if (isUnavailable(exception)) {
      this.logger.warn({ err: exception, requestId: request.id }, 'dependency unavailable');
      return {
        type: problemType('service-unavailable'),
        title: 'Service unavailable',
        status: 503,
        detail: 'A backing service is not available right now. Try again shortly.',
      };
    }
    const fastifyStatus = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      // Fastify's own client errors: malformed JSON, a `__proto__` key, wrong content type, body too large.
      const detail = (exception as Error).message;
      return {
        type: problemType(slugForStatus(fastifyStatus)),
        title: titleForStatus(fastifyStatus),
        status: fastifyStatus,
        detail,
        errors: [{ field: 'body', messages: [detail] }],
      };
    }
    this.logger.error({ err: exception, requestId: request.id }, 'unhandled error');
    return {
      type: problemType('internal'),
      title: 'Internal server error',
      status: 500,
      detail: `Something went wrong on our side. Quote request id ${String(request.id)} when reporting it.`,
    };
  }
}

/** A unique violation is a conflict with existing data: 409, naming the field when we know it. */
function uniqueViolation(exception: unknown): { field: string; message: string } | undefined {
  if (!(exception instanceof QueryFailedError)) return undefined;
  const driverError = exception.driverError as { code?: string; constraint?: string };
  if (driverError.code !== '23505') return undefined;
  return (
    UNIQUE_CONSTRAINT_FIELDS[driverError.constraint ?? ''] ?? {
      field: 'body',
      message: 'this conflicts with data that already exists',
    }
  );
}

/** Data exceptions (SQLSTATE class 22) are caused by a value the caller sent. */
function invalidValue(exception: unknown): string | undefined {
  if (!(exception instanceof QueryFailedError)) return undefined;
  const code = (exception.driverError as { code?: string }).code ?? '';
  const messages: Record<string, string> = {
    '22021': 'A text value contains characters that cannot be stored',
    '22P05': 'A text value contains characters that cannot be stored',
    '22003': 'A number is out of range',
    '22P02': 'A value has the wrong format',
    '22001': 'A text value is too long',
    '22007': 'A date or time value has the wrong format',
    '22008': 'A date or time value is out of range',
  };
  return messages[code];
}

function isUnavailable(exception: unknown): boolean {
  // TypeORM releases a transaction's query runner when its connection dies between two statements
  // (e.g. while a document streams to disk); the transaction's next statement then finds it released.
  // TypeORM releases a transaction's query runner when its connection dies; the next statement then
  // throws one of these (from the runner itself, or from a manager bound to it).
  if (exception instanceof QueryRunnerAlreadyReleasedError) return true;
  if (exception instanceof QueryRunnerProviderAlreadyReleasedError) return true;
  const candidates = [exception, (exception as { driverError?: unknown })?.driverError].filter(Boolean) as {
    code?: string;
    message?: string;
  }[];
  return candidates.some(
    (e) =>
      (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) ||
      (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.some((m) => e.message!.includes(m))),
  );
}
