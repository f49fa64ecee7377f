import { applyDecorators, createParamDecorator, ExecutionContext } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiHeader,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiSchema,
  getSchemaPath,
} from '@nestjs/swagger';

/**
 * OpenAPI building blocks shared by every controller. The pattern (see README "API documentation"):
 * each route has `@ApiOperation({ operationId: '<tag>_<verb>', summary: 'English (中文)' })`, a view
 * class for each 2xx body, `@ApiProblemResponses(...)` for the 4xx it can answer beyond those
 * `setupOpenApi` adds from the route's shape (400 for a body or query, 401 unless public, 404 for path
 * parameters, 409/422 for Idempotency-Key and If-Match), `@ApiIfMatch()` where it honours If-Match.
 */

export class FieldIssueView {
  @ApiProperty({ example: 'form.projectTotalFen' }) field: string;
  @ApiProperty({ type: [String], example: ['projectTotalFen must be an integer number of fen'] })
  messages: string[];
}

/** RFC 9457 problem document (application/problem+json) with Huiqi's extension members. */
@ApiSchema({ name: 'ProblemDocument' })
export class ProblemDocumentView {
  @ApiProperty({ example: 'urn:huiqi:problem:invalid-input', description: 'Stable: clients switch on it' })
  type: string;
  @ApiProperty({ example: 'Invalid input' }) title: string;
  @ApiProperty({ type: 'integer', example: 400 }) status: number;
  @ApiPropertyOptional() detail?: string;
  @ApiProperty({ example: '/applications', description: 'The path asked for' }) instance: string;
  @ApiPropertyOptional({ type: [FieldIssueView], description: 'Every offending field' })
  errors?: FieldIssueView[];
  @ApiProperty({ description: 'Also in the X-Request-Id header and the logs' }) requestId: string;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid input: `errors` names each offending field',
  401: 'Missing or invalid bearer token',
  403: 'Not allowed for this role',
  404: 'No such resource in your scope',
  409: 'Conflicts with the current state',
  413: 'The file is too large',
  415: 'Unsupported media type',
  422: 'Idempotency-Key reused with a different request',
  429: 'Too many attempts',
  503: 'A dependency (Postgres, Redis) is unavailable; retry later',
};

export const PROBLEM_JSON = 'application/problem+json';

/** The content of an error response: a ProblemDocument as application/problem+json. */
export function problemContent() {
  return { [PROBLEM_JSON]: { schema: { $ref: getSchemaPath(ProblemDocumentView) } } };
}

/**
 * Declares error answers of a route as problem+json. Pass a status, or `[status, description]` to say
 * when it happens: `@ApiProblemResponses(403, [409, 'Not allowed in this state'])`.
 */
export function ApiProblemResponses(...statuses: Array<number | [number, string]>) {
  return applyDecorators(
    ApiExtraModels(ProblemDocumentView),
    ...statuses.map((s) => {
      const [status, description] = Array.isArray(s) ? s : [s, STATUS_TEXT[s] ?? 'Error'];
      return ApiResponse({ status, description, content: problemContent() });
    }),
  );
}

export const IF_MATCH_DESCRIPTION =
  'The version you read (e.g. "7"); when it has changed since, the answer is 409';

/** Declares the optional If-Match header (and its 409); read it with `@IfMatch()`. */
export function ApiIfMatch() {
  return applyDecorators(
    ApiHeader({ name: 'If-Match', required: false, description: IF_MATCH_DESCRIPTION }),
    ApiProblemResponses([
      409,
      'The resource changed since the version in If-Match, or the action is not allowed now',
    ]),
  );
}

/**
 * The raw If-Match request header. A custom parameter decorator, unlike `@Headers('if-match')`, adds
 * nothing to the OpenAPI document, so the header is declared once, by `@ApiIfMatch()`.
 */
export const IfMatch = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): string | undefined =>
    ctx.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers[
      'if-match'
    ] as string | undefined,
);

/** The raw value of a request header, without declaring it in the OpenAPI document (e.g. Accept). */
export const RequestHeader = createParamDecorator(
  (name: string, ctx: ExecutionContext): string | undefined => {
    const value = ctx.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>()
      .headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(', ') : value;
  },
);

/** A CSV download (UTF-8). */
export function csvContent() {
  return { 'text/csv': { schema: { type: 'string' as const, format: 'binary' } } };
}

/** Free-form scalar values of forms and facts: the generated client sees `string | number | boolean`. */
export const SCALAR_VALUE_SCHEMA = {
  oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }],
};

/**
 * A fact's value, in its key's shape: a number (integer fen for money, m², counts), a string (dates)
 * or, for recognitions, an object of such values.
 */
export const FACT_VALUE_SCHEMA = {
  oneOf: [...SCALAR_VALUE_SCHEMA.oneOf, { type: 'object', additionalProperties: SCALAR_VALUE_SCHEMA }],
};

/** An object of form values (`{ field: value }`). */
export const FORM_SCHEMA = {
  type: 'object' as const,
  additionalProperties: SCALAR_VALUE_SCHEMA,
  example: { platformLevel: 'provincial', projectTotalFen: 150000000 },
};
