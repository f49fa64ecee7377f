import { Language, LocalizedText, pick } from './language';
import { MESSAGES, MessageKey } from './messages';

/** The names inside `{…}` of a message template, as a union of string literal types. */
export type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;

/** A parameter: plain (a code, a number) or itself in both languages (a noun, a label). */
export type MessageParam = string | number | LocalizedText;

export type ParamsOf<K extends MessageKey> = Record<Placeholders<(typeof MESSAGES)[K]['en']>, MessageParam>;

/** `[key, params]` when the message has placeholders, `[key]` when it has none. */
export type MessageArgs<K extends MessageKey> =
  Placeholders<(typeof MESSAGES)[K]['en']> extends never ? [key: K] : [key: K, params: ParamsOf<K>];

function fill(template: string, params: Record<string, MessageParam>, language: Language): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return value !== null && typeof value === 'object' ? pick(value, language) : String(value);
  });
}

/** One message of the catalog in one language. */
export function localize<K extends MessageKey>(language: Language, ...[key, params]: MessageArgs<K>): string {
  const entry: LocalizedText = MESSAGES[key];
  return fill(pick(entry, language), (params ?? {}) as Record<string, MessageParam>, language);
}

/** One message of the catalog in both languages, for errors rendered later in the caller's language. */
export function text<K extends MessageKey>(...args: MessageArgs<K>): LocalizedText {
  const [key, params] = args as [K, Record<string, MessageParam> | undefined];
  const entry: LocalizedText = MESSAGES[key];
  const all = params ?? {};
  return { zh: fill(entry.zh, all, 'zh-CN'), en: fill(entry.en, all, 'en') };
}

/** A text that exists in one language only (a code, a name), the same in both. */
export function verbatim(value: string): LocalizedText {
  return { zh: value, en: value };
}
