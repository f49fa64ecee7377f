/**
 * Every failure the domain reports on purpose. The API maps each code to an HTTP status and an
 * RFC 9457 problem type with an exhaustive switch (apps/api/src/http/problem-details.ts), so adding
 * a code without deciding its status is a compile error.
 */
export enum DomainErrorCode {
  NotFound = 'not-found',
  Conflict = 'conflict',
  AlreadyExists = 'already-exists',
  InvalidInput = 'invalid-input',
  InvalidCredentials = 'invalid-credentials',
  Forbidden = 'forbidden',
  StaleVersion = 'stale-version',
  TransitionNotAllowed = 'transition-not-allowed',
  TransitionForbidden = 'transition-forbidden',
  IdempotencyKeyReused = 'idempotency-key-reused',
  IdempotencyKeyInFlight = 'idempotency-key-in-flight',
  IdempotencyKeyApplied = 'idempotency-key-applied',
  InsufficientFunds = 'insufficient-funds',
  Blacklisted = 'blacklisted',
  Duplicate = 'duplicate',
  Unprocessable = 'unprocessable',
  ServiceUnavailable = 'service-unavailable',
}

export interface FieldIssue {
  field: string;
  messages: string[];
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Extra members of the problem document (e.g. `acceptedEvents`, `pool`, `availableFen`). */
    readonly extensions: Record<string, unknown> = {},
    /** Field-level problems, rendered as the problem document's `errors`. */
    readonly fieldIssues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(what: string): DomainError {
    return new DomainError(DomainErrorCode.NotFound, `${what} not found`);
  }

  static invalid(field: string, message: string): DomainError {
    return new DomainError(DomainErrorCode.InvalidInput, message, {}, [{ field, messages: [message] }]);
  }
}
