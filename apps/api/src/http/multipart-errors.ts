import { LocalizedText, text } from '@huiqi/common';
import { LocalizedFieldIssue } from '@huiqi/core/errors/domain-error';

/**
 * Errors of the multipart parser (@fastify/busboy) about a malformed request body. They carry no HTTP
 * status, so without this they would be answered as a 500; they are the client's mistake.
 */
const MULTIPART_PARSE_ERRORS: [RegExp, LocalizedText][] = [
  [/Boundary not found|Boundary required/i, text('detail.multipart-no-boundary')],
  [/unexpected end of (form|multipart data)|terminated early/i, text('detail.multipart-truncated')],
  [/Malformed part header/i, text('detail.multipart-bad-header')],
  [/^Unsupported Content-Type/i, text('detail.multipart-unsupported')],
];

/** The field issue for a malformed multipart body, or null when the error is something else. */
export function multipartParseIssue(error: unknown): LocalizedFieldIssue | null {
  if (!(error instanceof Error) || typeof (error as { statusCode?: unknown }).statusCode === 'number')
    return null;
  const match = MULTIPART_PARSE_ERRORS.find(([pattern]) => pattern.test(error.message));
  return match ? { field: 'file', messages: [match[1]] } : null;
}
