/** The languages Huiqi speaks. Simplified Chinese first; English kept for foreign-invested enterprises. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** A text a person reads, in Simplified Chinese (`zh`) and English (`en`). */
export interface LocalizedText {
  zh: string;
  en: string;
}

export function pick(text: LocalizedText, language: Language): string {
  return language === 'en' ? text.en : text.zh;
}

/**
 * The best of our languages for an `Accept-Language` header (RFC 9110 §12.5.4): the highest-q range
 * that matches `zh*` or `en*` (`*` means our default); none of ours, or no header: zh-CN.
 */
export function negotiateLanguage(header: string | string[] | undefined): Language {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  let best: { language: Language; q: number } | undefined;
  for (const part of value.slice(0, 512).split(',')) {
    const [rangeRaw, ...paramsRaw] = part.trim().split(';');
    const range = rangeRaw.trim().toLowerCase();
    const qParam = paramsRaw.map((p) => p.trim()).find((p) => p.toLowerCase().startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0 || q > 1) continue;
    const language: Language | undefined =
      range === 'zh' || range.startsWith('zh-')
        ? 'zh-CN'
        : range === 'en' || range.startsWith('en-')
          ? 'en'
          : range === '*'
            ? DEFAULT_LANGUAGE
            : undefined;
    if (language && (!best || q > best.q)) best = { language, q };
  }
  return best?.language ?? DEFAULT_LANGUAGE;
}
