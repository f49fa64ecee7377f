import { LocalizedText, Noun, nounText, text, verbatim } from '@huiqi/common';

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

/** A field problem in both languages; the problem document shows the caller's. */
export interface LocalizedFieldIssue {
  field: string;
  messages: LocalizedText[];
}

type Message = string | LocalizedText;

const asText = (message: Message): LocalizedText =>
  typeof message === 'string' ? verbatim(message) : message;

/**
 * `message` is a catalog text (`text('error.…', params)`, both languages) or, for texts not yet in the
 * catalog, plain English. `Error.message` is always the English text, for logs.
 */
export class DomainError extends Error {
  /** The problem's `detail`, in both languages. */
  readonly detail: LocalizedText;
  /** Field-level problems, rendered as the problem document's `errors` in the caller's language. */
  readonly localizedIssues: LocalizedFieldIssue[];

  constructor(
    readonly code: DomainErrorCode,
    message: Message,
    /** Extra members of the problem document (e.g. `acceptedEvents`, `pool`, `availableFen`). */
    readonly extensions: Record<string, unknown> = {},
    fieldIssues: { field: string; messages: Message[] }[] = [],
  ) {
    const detail = asText(message);
    super(detail.en);
    this.name = 'DomainError';
    this.detail = detail;
    this.localizedIssues = fieldIssues.map((i) => ({ field: i.field, messages: i.messages.map(asText) }));
  }

  /** Field-level problems in English (logs, tests). */
  get fieldIssues(): FieldIssue[] {
    return this.localizedIssues.map((i) => ({ field: i.field, messages: i.messages.map((m) => m.en) }));
  }

  /** `what` not found; `code` names it when the caller gave a code (`program ningxiang.listing`). */
  static notFound(what: Noun | string, code?: string | number): DomainError {
    const noun = nounText(what);
    return new DomainError(
      DomainErrorCode.NotFound,
      code === undefined
        ? text('error.not-found', { what: noun })
        : text('error.not-found-code', { what: noun, code }),
    );
  }

  static invalid(field: string, message: Message): DomainError {
    return new DomainError(DomainErrorCode.InvalidInput, message, {}, [{ field, messages: [message] }]);
  }
}
