import { FieldIssue } from '@huiqi/core/errors/domain-error';
import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/** A 400 whose problem document lists every bad field by its dotted path. */
export class RequestValidationException extends BadRequestException {
  constructor(readonly fieldIssues: FieldIssue[]) {
    super(`Invalid request: ${fieldIssues.map((f) => f.field).join(', ')}`);
  }
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldIssue[] {
  return errors.flatMap((error) => {
    // A key that is the empty string (`{"": 1}`) is still named, so no error has an empty field.
    const name = error.property === '' ? '""' : error.property;
    const field = parent ? `${parent}.${name}` : name;
    const own: FieldIssue[] = error.constraints
      ? [
          {
            field,
            messages: Object.values(error.constraints).map((m) =>
              m.replace(/^property /, '').replace(/^ /, `${name} `),
            ),
          },
        ]
      : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** A lone UTF-16 surrogate: JSON can spell it (`"\ud800"`), UTF-8 and Postgres jsonb cannot hold it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function unstorable(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode text (it holds a lone surrogate)';
  return null;
}

/**
 * Text Postgres cannot store — NUL characters, lone surrogates — refused up front, by field, for every
 * DTO (instead of letting the database fail the statement with a 500 or a 400 naming nothing).
 */
export function findUnstorableText(
  value: unknown,
  path = '',
  out: FieldIssue[] = [],
  depth = 0,
): FieldIssue[] {
  if (depth > 32) return out;
  if (typeof value === 'string') {
    const why = unstorable(value);
    const field = path || 'body';
    if (why) out.push({ field, messages: [`${field} ${why}`] });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => findUnstorableText(v, path ? `${path}.${i}` : String(i), out, depth + 1));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const field = path ? `${path}.${k}` : k;
      const why = unstorable(k);
      if (why) out.push({ field, messages: [`the key ${why}`] });
      else findUnstorableText(v, field, out, depth + 1);
    }
  }
  return out;
}

/** Refuses unstorable text before class-validator runs. */
class HuiqiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const issues = findUnstorableText(value);
      if (issues.length > 0) throw new RequestValidationException(issues);
    }
    return super.transform(value, metadata);
  }
}

/**
 * whitelist + forbidNonWhitelisted: unknown fields (mass assignment of `state`, `approvedAmountFen`...)
 * are refused by name; transform: DTO classes and declared types are real at runtime.
 */
export function createValidationPipe(): ValidationPipe {
  return new HuiqiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => new RequestValidationException(flattenValidationErrors(errors)),
  });
}
