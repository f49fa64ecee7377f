import { LocalizedText, text } from '@huiqi/common';
import { DomainErrorCode, FieldIssue } from '@huiqi/core/errors/domain-error';

/** An RFC 9457 problem document, with Huiqi's extension members. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Every offending field, for validation problems. */
  errors?: FieldIssue[];
  requestId?: string;
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** Problem type URIs are stable identifiers (RFC 9457 §3.1.1); clients switch on them. */
export function problemType(slug: string): string {
  return `urn:huiqi:problem:${slug}`;
}

/** The HTTP status and title of every domain error code; exhaustive by construction. */
export function statusForDomainCode(code: DomainErrorCode): { status: number; title: LocalizedText } {
  switch (code) {
    case DomainErrorCode.NotFound:
      return { status: 404, title: text('title.not-found') };
    case DomainErrorCode.Conflict:
      return { status: 409, title: text('title.conflict') };
    case DomainErrorCode.AlreadyExists:
      return { status: 409, title: text('title.already-exists') };
    case DomainErrorCode.InvalidInput:
      return { status: 400, title: text('title.invalid-input') };
    case DomainErrorCode.InvalidCredentials:
      return { status: 401, title: text('title.invalid-credentials') };
    case DomainErrorCode.Forbidden:
      return { status: 403, title: text('title.forbidden') };
    case DomainErrorCode.StaleVersion:
      return { status: 409, title: text('title.stale-version') };
    case DomainErrorCode.TransitionNotAllowed:
      return { status: 409, title: text('title.transition-not-allowed') };
    case DomainErrorCode.TransitionForbidden:
      return { status: 403, title: text('title.transition-forbidden') };
    case DomainErrorCode.IdempotencyKeyReused:
      return { status: 422, title: text('title.idempotency-key-reused') };
    case DomainErrorCode.IdempotencyKeyApplied:
      return { status: 409, title: text('title.idempotency-key-applied') };
    case DomainErrorCode.IdempotencyKeyInFlight:
      return { status: 409, title: text('title.idempotency-key-in-flight') };
    case DomainErrorCode.InsufficientFunds:
      return { status: 409, title: text('title.insufficient-funds') };
    case DomainErrorCode.Blacklisted:
      return { status: 403, title: text('title.blacklisted') };
    case DomainErrorCode.Duplicate:
      return { status: 409, title: text('title.duplicate') };
    case DomainErrorCode.Unprocessable:
      return { status: 422, title: text('title.unprocessable') };
    case DomainErrorCode.ServiceUnavailable:
      return { status: 503, title: text('title.service-unavailable') };
  }
}

const TITLES: Record<number, LocalizedText> = {
  400: text('title.bad-request'),
  401: text('title.unauthorized'),
  403: text('title.forbidden'),
  404: text('title.not-found'),
  405: text('title.method-not-allowed'),
  406: text('title.not-acceptable'),
  409: text('title.conflict'),
  413: text('title.payload-too-large'),
  415: text('title.unsupported-media-type'),
  422: text('title.unprocessable'),
  429: text('title.too-many-requests'),
  500: text('title.internal'),
  503: text('title.service-unavailable'),
};

export function titleForStatus(status: number): LocalizedText {
  return TITLES[status] ?? text(status >= 500 ? 'title.server-error' : 'title.request-error');
}

const SLUGS: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'unprocessable',
  429: 'too-many-requests',
  500: 'internal',
  503: 'unavailable',
};

export function slugForStatus(status: number): string {
  return SLUGS[status] ?? (status >= 500 ? 'server-error' : 'request-error');
}
