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
export function statusForDomainCode(code: DomainErrorCode): { status: number; title: string } {
  switch (code) {
    case DomainErrorCode.NotFound:
      return { status: 404, title: 'Not found' };
    case DomainErrorCode.Conflict:
      return { status: 409, title: 'Conflict' };
    case DomainErrorCode.AlreadyExists:
      return { status: 409, title: 'Already exists' };
    case DomainErrorCode.InvalidInput:
      return { status: 400, title: 'Invalid input' };
    case DomainErrorCode.InvalidCredentials:
      return { status: 401, title: 'Invalid credentials' };
    case DomainErrorCode.Forbidden:
      return { status: 403, title: 'Forbidden' };
    case DomainErrorCode.StaleVersion:
      return { status: 409, title: 'Changed by someone else' };
    case DomainErrorCode.TransitionNotAllowed:
      return { status: 409, title: 'Action not allowed in this state' };
    case DomainErrorCode.TransitionForbidden:
      return { status: 403, title: 'Action not allowed for this user' };
    case DomainErrorCode.IdempotencyKeyReused:
      return { status: 422, title: 'Idempotency key reused with a different request' };
    case DomainErrorCode.IdempotencyKeyApplied:
      return { status: 409, title: 'Already applied; its response was lost' };
    case DomainErrorCode.IdempotencyKeyInFlight:
      return { status: 409, title: 'A request with this idempotency key is still in progress' };
    case DomainErrorCode.InsufficientFunds:
      return { status: 409, title: 'Fund pool cannot cover this amount' };
    case DomainErrorCode.Blacklisted:
      return { status: 403, title: 'Enterprise is barred from applying' };
    case DomainErrorCode.Duplicate:
      return { status: 409, title: 'Duplicate' };
    case DomainErrorCode.Unprocessable:
      return { status: 422, title: 'Unprocessable request' };
    case DomainErrorCode.ServiceUnavailable:
      return { status: 503, title: 'Service unavailable' };
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable request',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

export function titleForStatus(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server error' : 'Request error');
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
