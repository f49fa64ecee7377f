import { LocalizedText, text, USCC_PROBLEM_MESSAGES, UsccProblem } from '@huiqi/common';
import { FieldIssue, LocalizedFieldIssue } from '@huiqi/core/errors/domain-error';
import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { MAX_BODY_DEPTH, nestsDeeperThan, notAnObjectIssue, tooDeepIssue } from './body-shape';

/** A 400 whose problem document lists every bad field by its dotted path, in the caller's language. */
export class RequestValidationException extends BadRequestException {
  constructor(readonly localizedIssues: LocalizedFieldIssue[]) {
    super(`Invalid request: ${localizedIssues.map((f) => f.field).join(', ')}`);
  }

  /** The issues in English (logs, tests). */
  get fieldIssues(): FieldIssue[] {
    return this.localizedIssues.map((i) => ({ field: i.field, messages: i.messages.map((m) => m.en) }));
  }
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): LocalizedFieldIssue[] {
  return errors.flatMap((error) => {
    // A key that is the empty string (`{"": 1}`) is still named, so no error has an empty field.
    const name = error.property === '' ? '""' : error.property;
    const field = parent ? `${parent}.${name}` : name;
    const own: LocalizedFieldIssue[] = error.constraints
      ? [
          {
            field,
            messages: Object.entries(error.constraints).map(([constraint, m]) => {
              const english = m.replace(/^property /, '').replace(/^ /, `${name} `);
              return { zh: chineseFor(constraint, english, name), en: english };
            }),
          },
        ]
      : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

const USCC_PROBLEM_BY_MESSAGE = new Map(
  Object.entries(USCC_PROBLEM_MESSAGES).map(([problem, message]) => [message, problem as UsccProblem]),
);

/**
 * The Chinese text of a class-validator constraint. class-validator keeps no constraint arguments
 * in its errors, so the bound (`{n}`) or the allowed values are read back from its English message.
 */
function chineseFor(constraint: string, english: string, field: string): string {
  const rest = english.startsWith(field) ? english.slice(field.length) : english;
  const n = /-?\d+(?:\.\d+)?/.exec(rest)?.[0] ?? '';
  const values = /values: (.*)$/.exec(english)?.[1] ?? '';
  const zh = (t: LocalizedText) => t.zh;
  switch (constraint) {
    case 'whitelistValidation':
      return zh(text('field.unknown', { field }));
    case 'nestedValidation':
      return zh(text('field.nested', { field }));
    case 'isString':
    case 'isInt':
    case 'isNumber':
    case 'isBoolean':
    case 'isArray':
    case 'isObject':
    case 'isNotEmpty':
    case 'isDefined':
    case 'isEmail':
    case 'matches':
    case 'arrayUnique':
    case 'isBankAccountNo':
      return zh(text(`field.${constraint}`, { field }));
    case 'isUuid':
      return zh(text('field.isUuid', { field }));
    case 'isIso8601':
      return zh(text('field.isISO8601', { field }));
    case 'isIsoDate':
      return zh(text('field.isDate', { field }));
    case 'isIn':
    case 'isEnum':
      return zh(text('field.isIn', { field, values }));
    case 'min':
    case 'max':
    case 'minLength':
    case 'maxLength':
    case 'arrayMinSize':
    case 'arrayMaxSize':
      return zh(text(`field.${constraint}`, { field, n }));
    case 'isLength':
      return zh(text(/longer/.test(english) ? 'field.minLength' : 'field.maxLength', { field, n }));
    case 'isUscc': {
      const problem = USCC_PROBLEM_BY_MESSAGE.get(english);
      if (!problem && english.endsWith('must be a string')) return zh(text('field.isString', { field }));
      return zh(problem ? text(`uscc.${problem}`) : text('uscc.invalid', { field }));
    }
    default:
      return zh(text('field.invalid', { field }));
  }
}

/** A lone UTF-16 surrogate: JSON can spell it (`"\ud800"`), UTF-8 and Postgres jsonb cannot hold it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function unstorable(value: string): 'nul' | 'lone-surrogate' | null {
  if (value.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE.test(value)) return 'lone-surrogate';
  return null;
}

/**
 * Text Postgres cannot store — NUL characters, lone surrogates — refused up front, by field, for every
 * DTO (instead of letting the database fail the statement with a 500 or a 400 naming nothing).
 */
export function findUnstorableText(
  value: unknown,
  path = '',
  out: LocalizedFieldIssue[] = [],
  depth = 0,
): LocalizedFieldIssue[] {
  if (depth > 32) return out;
  if (typeof value === 'string') {
    const why = unstorable(value);
    const field = path || 'body';
    if (why) out.push({ field, messages: [text(`field.${why}`, { field })] });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => findUnstorableText(v, path ? `${path}.${i}` : String(i), out, depth + 1));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const field = path ? `${path}.${k}` : k;
      const why = unstorable(k);
      if (why) out.push({ field, messages: [text(`field.key-${why}`)] });
      else findUnstorableText(v, field, out, depth + 1);
    }
  }
  return out;
}

const NOT_DTO_TYPES: unknown[] = [String, Boolean, Number, Array, Object, Buffer, Date];

/**
 * Refuses, before class-validator runs: bodies nested too deep (also refused earlier, in the
 * preValidation hook — this covers any other way in), a DTO body that is not an object (ValidationPipe
 * would take `null` as `{}`), and unstorable text.
 */
class HuiqiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body') {
      if (nestsDeeperThan(value, MAX_BODY_DEPTH)) throw new RequestValidationException([tooDeepIssue()]);
      const isDto = typeof metadata.metatype === 'function' && !NOT_DTO_TYPES.includes(metadata.metatype);
      const notObject = isDto && value !== undefined ? notAnObjectIssue(value) : null;
      if (notObject) throw new RequestValidationException([notObject]);
    }
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
