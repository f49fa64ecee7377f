import { Language, LocalizedText, pick, text, verbatim } from '@huiqi/common';
import { DomainError, LocalizedFieldIssue } from '@huiqi/core/errors/domain-error';
import { isServiceUnavailable } from '@huiqi/core/errors/unavailable';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { ReplayedResponse } from '../idempotency/replayed-response';
import { ROLE_LABELS } from '../labels/vocabularies';
import {
  PROBLEM_CONTENT_TYPE,
  ProblemDocument,
  problemType,
  slugForStatus,
  statusForDomainCode,
  titleForStatus,
} from './problem-details';
import { multipartParseIssue } from './multipart-errors';
import { languageOf } from './request-language';
import { RequestValidationException } from './validation';

/** Unique constraints whose violation is the caller's mistake, and the request field that caused it. */
const UNIQUE_CONSTRAINT_FIELDS: Record<string, { field: string; message: LocalizedText }> = {
  uq_enterprises_uscc: { field: 'uscc', message: text('unique.uscc') },
  uq_users_username: { field: 'username', message: text('unique.username') },
  uq_program_versions_code_version: { field: 'version', message: text('unique.program-version') },
  uq_program_versions_one_draft: { field: 'version', message: text('unique.program-draft') },
  uq_applications_active_per_period: { field: 'programCode', message: text('unique.active-application') },
  uq_applications_person_award: { field: 'form.idNumber', message: text('unique.person-award') },
};

/** Messages the framework and guards write in English, with their catalog text. */
const FRAMEWORK_DETAILS = new Map<string, LocalizedText>(
  (
    [
      'detail.bearer-required',
      'detail.bearer-invalid',
      'detail.bearer-revoked',
      'error.multipart-required',
      'detail.body-empty-json',
    ] as const
  ).map((key) => [text(key).en, text(key)]),
);

/** A problem document whose texts are still in both languages. */
interface LocalizedProblem {
  type: string;
  title: LocalizedText;
  status: number;
  detail?: LocalizedText;
  errors?: LocalizedFieldIssue[];
  [extension: string]: unknown;
}

function render(problem: LocalizedProblem, language: Language): ProblemDocument {
  const { title, detail, errors, ...rest } = problem;
  return {
    ...rest,
    type: problem.type,
    status: problem.status,
    title: pick(title, language),
    ...(detail ? { detail: pick(detail, language) } : {}),
    ...(errors
      ? {
          errors: errors.map((e) => ({
            field: e.field,
            messages: e.messages.map((m: LocalizedText | string) =>
              typeof m === 'string' ? m : pick(m, language),
            ),
          })),
        }
      : {}),
  };
}

/** The catalog text of an English message from a library, when we know it; else the message as is. */
function frameworkDetail(message: string, status: number, code: unknown): LocalizedText {
  const known = FRAMEWORK_DETAILS.get(message);
  if (known) return known;
  const roles = /^This action is only for: (.*)$/.exec(message);
  if (status === 403 && roles) {
    const names = roles[1]
      .split(', ')
      .map((r) => (ROLE_LABELS as Record<string, LocalizedText>)[r] ?? verbatim(r));
    return text('detail.role-only-for', {
      roles: { zh: names.map((n) => n.zh).join('、'), en: roles[1] },
    });
  }
  const route = /^Cannot ([A-Z]+) (.*)$/.exec(message);
  if (status === 404 && route) return text('detail.route-not-found', { method: route[1], path: route[2] });
  if (status === 413) {
    return code === 'FST_REQ_FILE_TOO_LARGE' ? text('detail.file-too-large') : text('detail.body-too-large');
  }
  if (status === 415 && code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return text('detail.media-type-unsupported', { type: message.replace(/^Unsupported Media Type: ?/, '') });
  }
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return text('detail.body-empty-json');
  if (
    status === 400 &&
    (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || /JSON|prototype property/.test(message))
  ) {
    return text('detail.body-not-json', { reason: message });
  }
  return verbatim(message);
}

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
    const problem = render(this.toProblem(exception, request), languageOf(request));
    problem.instance = request.url.split('?')[0];
    problem.requestId = String(request.id);
    if (problem.status === 429) reply.header('retry-after', '60');
    if (problem.status === 503) reply.header('retry-after', '5');
    reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, request: FastifyRequest): LocalizedProblem {
    if (exception instanceof RequestValidationException) {
      return {
        type: problemType('validation-error'),
        title: text('title.validation-error'),
        status: 400,
        detail: text('detail.invalid-fields', {
          fields: exception.localizedIssues.map((f) => f.field).join(', '),
        }),
        errors: exception.localizedIssues,
      };
    }
    if (exception instanceof DomainError) {
      const { status, title } = statusForDomainCode(exception.code);
      return {
        ...exception.extensions,
        type: problemType(exception.code),
        title,
        status,
        detail: exception.detail,
        ...(exception.localizedIssues.length > 0 ? { errors: exception.localizedIssues } : {}),
      };
    }
    if (exception instanceof ThrottlerException) {
      return {
        type: problemType('too-many-requests'),
        title: text('title.too-many-requests'),
        status: 429,
        detail: text('detail.too-many-requests'),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'string'
          ? response
          : typeof (response as { message?: unknown }).message === 'string'
            ? (response as { message: string }).message
            : exception.message;
      const detail = frameworkDetail(message, status, undefined);
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
    const multipart = multipartParseIssue(exception);
    if (multipart) {
      return {
        type: problemType('validation-error'),
        title: text('title.validation-error'),
        status: 400,
        detail: multipart.messages[0],
        errors: [multipart],
      };
    }
    const unique = uniqueViolation(exception);
    if (unique) {
      return {
        type: problemType('already-exists'),
        title: text('title.already-exists'),
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
      return {
        type: problemType('invalid-input'),
        title: text('title.invalid-input'),
        status: 400,
        detail: badValue,
      };
    }
    if (isServiceUnavailable(exception)) {
      this.logger.warn({ err: exception, requestId: request.id }, 'dependency unavailable');
      return {
        type: problemType('service-unavailable'),
        title: text('title.service-unavailable'),
        status: 503,
        detail: text('detail.unavailable'),
      };
    }
    const fastifyStatus = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      // Fastify's own client errors: malformed JSON, a `__proto__` key, wrong content type, body too large.
      const detail = frameworkDetail(
        (exception as Error).message,
        fastifyStatus,
        (exception as { code?: unknown }).code,
      );
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
      title: text('title.internal'),
      status: 500,
      detail: text('detail.internal', { requestId: String(request.id) }),
    };
  }
}

/** A unique violation is a conflict with existing data: 409, naming the field when we know it. */
function uniqueViolation(exception: unknown): { field: string; message: LocalizedText } | undefined {
  if (!(exception instanceof QueryFailedError)) return undefined;
  const driverError = exception.driverError as { code?: string; constraint?: string };
  if (driverError.code !== '23505') return undefined;
  return (
    UNIQUE_CONSTRAINT_FIELDS[driverError.constraint ?? ''] ?? {
      field: 'body',
      message: text('detail.unique-violation'),
    }
  );
}

/** Data exceptions (SQLSTATE class 22) are caused by a value the caller sent. */
function invalidValue(exception: unknown): LocalizedText | undefined {
  if (!(exception instanceof QueryFailedError)) return undefined;
  const code = (exception.driverError as { code?: string }).code ?? '';
  const messages: Record<string, LocalizedText> = {
    '22021': text('detail.db-bad-characters'),
    '22P05': text('detail.db-bad-characters'),
    '22003': text('detail.db-number-range'),
    '22P02': text('detail.db-bad-format'),
    '22001': text('detail.db-too-long'),
    '22007': text('detail.db-date-format'),
    '22008': text('detail.db-date-range'),
  };
  return messages[code];
}
