import type { LocalizedText } from './localized-text';

/**
 * The messages this library gives a person (form and definition checks), in both languages. An entry
 * missing a language does not compile; `{name}` marks a parameter. The English text is also each
 * issue's `message`.
 */
const MESSAGES = {
  'form.not-object': { zh: '申请表必须是由字段组成的对象', en: 'expected an object of form fields' },
  'form.unknown-field': { zh: '未知字段', en: 'unknown field' },
  'form.required': { zh: '{label}为必填项', en: 'required' },
  'form.blank': {
    zh: '{label}不能为空白（不填请省略该字段）',
    en: 'must not be blank (omit the field instead)',
  },
  'form.string': { zh: '{label}必须是文本', en: 'expected a string' },
  'form.too-long': { zh: '{label}最多 {max} 个字符', en: 'must be at most {max} characters' },
  'form.integer': { zh: '{label}必须是整数', en: 'expected an integer' },
  'form.money': {
    zh: '{label}必须是以分为单位的非负整数金额',
    en: 'expected an amount in fen (a non-negative integer)',
  },
  'form.area': {
    zh: '{label}必须是以平方米为单位的非负整数',
    en: 'expected an area in whole square metres (a non-negative integer)',
  },
  'form.at-least': { zh: '{label}不能小于 {min}', en: 'must be at least {min}' },
  'form.at-most': { zh: '{label}不能大于 {max}', en: 'must be at most {max}' },
  'form.date': { zh: '{label}必须是有效日期（YYYY-MM-DD）', en: 'expected a real date YYYY-MM-DD' },
  'form.boolean': { zh: '{label}必须是“是”或“否”（true/false）', en: 'expected true or false' },
  'form.enum': { zh: '{label}必须是以下之一：{options}', en: 'expected one of {options}' },
  'form.id-number': {
    zh: '{label}必须是 18 位居民身份证号码，且校验位正确',
    en: 'expected an 18-character resident ID number with a valid check character',
  },
  'form.uscc': {
    zh: '{label}必须是 18 位统一社会信用代码，且校验位正确（GB 32100-2015）',
    en: 'expected an 18-character unified social credit code with a valid check character',
  },
} as const satisfies Record<string, LocalizedText>;

export type PolicyMessageKey = keyof typeof MESSAGES;
type Param = string | number | LocalizedText;

/** A catalog message in both languages, its `{…}` filled (a LocalizedText parameter per language). */
export function policyText(key: PolicyMessageKey, params: Record<string, Param> = {}): LocalizedText {
  const entry: LocalizedText = MESSAGES[key];
  const fill = (template: string, lang: keyof LocalizedText) =>
    template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === 'object' ? value[lang] : String(value);
    });
  return { zh: fill(entry.zh, 'zh'), en: fill(entry.en, 'en') };
}
