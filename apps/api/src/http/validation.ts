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

/**
 * whitelist + forbidNonWhitelisted: unknown fields (mass assignment of `state`, `approvedAmountFen`...)
 * are refused by name; transform: DTO classes and declared types are real at runtime.
 */
/**
 * Postgres text cannot hold NUL characters; refuse them up front, by field, for every DTO
 * (instead of letting the database fail the statement with a 500).
 */
export function findNulFields(value: unknown, path = '', out: string[] = [], depth = 0): string[] {
  if (depth > 32) return out;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push(path || 'body');
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => findNulFields(v, path ? `${path}.${i}` : String(i), out, depth + 1));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) out.push(path ? `${path}.${k}` : k);
      else findNulFields(v, path ? `${path}.${k}` : k, out, depth + 1);
    }
  }
  return out;
}

class HuiqiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const nul = findNulFields(value);
      if (nul.length > 0) {
        throw new RequestValidationException(
          nul.map((field) => ({ field, messages: [`${field} must not contain NUL characters`] })),
        );
      }
    }
    return super.transform(value, metadata);
  }
}

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
