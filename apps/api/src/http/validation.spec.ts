import { ArgumentMetadata } from '@nestjs/common';
import { IsInt, IsString, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { createValidationPipe, findUnstorableText, RequestValidationException } from './validation';

class Inner {
  @IsInt() n: number;
}
class Outer {
  @IsString() name: string;
  @ValidateNested() @Type(() => Inner) inner: Inner;
}
const meta: ArgumentMetadata = { type: 'body', metatype: Outer };

describe('validation pipe', () => {
  const pipe = createValidationPipe();

  it('names every bad field with its dotted path, and unknown fields', async () => {
    const err = await pipe.transform({ name: 1, inner: { n: 'x' }, state: 'approved' }, meta).catch((e) => e);
    expect(err).toBeInstanceOf(RequestValidationException);
    expect((err as RequestValidationException).fieldIssues.map((f) => f.field).sort()).toEqual([
      'inner.n',
      'name',
      'state',
    ]);
  });

  it('names an unknown field whose name is empty, instead of an empty field', async () => {
    const err = await pipe.transform({ name: 'n', inner: { n: 1, '': 2 }, '': 'x' }, meta).catch((e) => e);
    expect((err as RequestValidationException).fieldIssues).toEqual([
      { field: '""', messages: ['"" should not exist'] },
      { field: 'inner.""', messages: ['"" should not exist'] },
    ]);
  });

  it('refuses NUL characters by field before anything reaches Postgres', async () => {
    const err = await pipe.transform({ name: 'a\u0000b', inner: { n: 1 } }, meta).catch((e) => e);
    expect((err as RequestValidationException).fieldIssues).toEqual([
      { field: 'name', messages: ['name must not contain NUL characters'] },
    ]);
  });

  it('finds NULs in nested values and keys', () => {
    expect(findUnstorableText({ a: ['ok', 'x\u0000'], b: { 'k\u0000': 1 } }).map((i) => i.field)).toEqual([
      'a.1',
      'b.k\u0000',
    ]);
    expect(findUnstorableText('plain')).toEqual([]);
  });

  it('refuses lone surrogates by field (jsonb cannot hold them), and keeps surrogate pairs', async () => {
    const err = await pipe
      .transform({ name: 'ok', inner: { n: 1 }, summary: { en: '\ud800', zh: 'x\udc00y' } }, meta)
      .catch((e) => e);
    expect((err as RequestValidationException).fieldIssues).toEqual([
      { field: 'summary.en', messages: [expect.stringMatching(/summary\.en must be well-formed Unicode/)] },
      { field: 'summary.zh', messages: [expect.stringMatching(/lone surrogate/)] },
    ]);
    expect(findUnstorableText({ emoji: '惠企 😀', ['\ud83d']: 1 }).map((i) => i.field)).toEqual(['\ud83d']);
  });

  it('returns a typed instance for a valid body', async () => {
    const ok = await pipe.transform({ name: 'n', inner: { n: 2 } }, meta);
    expect(ok).toBeInstanceOf(Outer);
  });
});
