import { negotiateLanguage, pick } from './language';
import { localize, text } from './localize';
import { MESSAGES, nounText, NOUNS } from './messages';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalog', () => {
  it.each(Object.entries(MESSAGES))('%s: both languages, not blank, the same placeholders', (_key, entry) => {
    expect(entry.zh.trim()).not.toBe('');
    expect(entry.en.trim()).not.toBe('');
    expect(placeholders(entry.zh)).toEqual(placeholders(entry.en));
  });

  it('Chinese texts are Chinese', () => {
    for (const [key, entry] of Object.entries(MESSAGES)) {
      if (!/[\u4e00-\u9fff]/.test(entry.zh)) throw new Error(`${key} has no Chinese: ${entry.zh}`);
    }
  });

  it('fills parameters, plain or localized, in the requested language', () => {
    expect(localize('zh-CN', 'error.not-found', { what: NOUNS.application })).toBe('未找到申请');
    expect(localize('en', 'error.not-found', { what: NOUNS.application })).toBe('application not found');
    expect(text('detail.invalid-fields', { fields: 'uscc, name' })).toEqual({
      zh: '以下字段有误：uscc, name',
      en: 'Invalid fields: uscc, name',
    });
    expect(pick(text('title.conflict'), 'zh-CN')).toBe('操作冲突');
  });

  it('fills a null parameter (a JSON null that reached a message) as text, never throws', () => {
    // A DTO's optional field may arrive as null; the message must still render (found by the DTO fuzz drill).
    const params = { code: null, year: 2026 } as unknown as { code: string; year: number };
    expect(text('error.sweep-not-auto', params).en).toContain('null');
  });

  it('names nouns by key or by their English text; anything else as given', () => {
    expect(nounText('fundPool')).toEqual(NOUNS.fundPool);
    expect(nounText('fund pool')).toEqual(NOUNS.fundPool);
    expect(nounText('gadget')).toEqual({ zh: 'gadget', en: 'gadget' });
  });
});

describe('negotiateLanguage', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-CN', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['fr-FR, en;q=0.5', 'en'],
    ['fr', 'zh-CN'],
    ['en;q=0.4, zh;q=0.8', 'zh-CN'],
    ['zh;q=0, en', 'en'],
    ['*', 'zh-CN'],
    ['en;q=abc', 'zh-CN'],
  ])('%p → %s', (header, expected) => {
    expect(negotiateLanguage(header)).toBe(expected);
  });
});
