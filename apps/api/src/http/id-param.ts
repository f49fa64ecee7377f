import { DomainError } from '@huiqi/core/errors/domain-error';
import { Param, PipeTransform } from '@nestjs/common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id names no row, so it answers 404 like any other id the caller cannot see. */
class ParseIdPipe implements PipeTransform<string, string> {
  constructor(private readonly what: string) {}
  transform(value: string): string {
    if (typeof value !== 'string' || !UUID.test(value)) throw DomainError.notFound(this.what);
    return value.toLowerCase();
  }
}

/** `@IdParam('id', 'application')` — a uuid path parameter. */
export function IdParam(name: string, what: string): ParameterDecorator {
  return Param(name, new ParseIdPipe(what));
}
