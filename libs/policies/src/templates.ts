import { renderParameterValue } from './format';
import type { LocalizedText } from './localized-text';
import type { ProgramParameter } from './program-definition';

/** Placeholders only known at evaluation time. */
export type RuntimeToken = 'fy' | 'prev' | 'asOf';

/** A template with its parameters already rendered: literal text and runtime placeholders. */
export type CompiledTemplate = readonly (string | { token: RuntimeToken })[];

export interface CompiledText {
  zh: CompiledTemplate;
  en: CompiledTemplate;
}

export interface TemplateValues {
  fy: number;
  asOf: string;
}

const PLACEHOLDER = /\{([^{}]*)\}/g;
const RUNTIME_TOKENS: readonly string[] = ['fy', 'prev', 'asOf'];

/**
 * Lists what is wrong with a reason template. Placeholders: `{fy}` (the fiscal year), `{prev}` (the
 * year before), `{asOf}` (the evaluation date) and `{params.<name>}` (a parameter, rendered by unit).
 */
export function checkTemplate(
  text: string,
  parameters: Readonly<Record<string, ProgramParameter>>,
): string[] {
  const problems: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1];
    if (RUNTIME_TOKENS.includes(name)) continue;
    if (
      name.startsWith('params.') &&
      Object.prototype.hasOwnProperty.call(parameters, name.slice('params.'.length))
    )
      continue;
    problems.push(`unknown placeholder {${name}}; use {fy}, {prev}, {asOf} or {params.<declared name>}`);
  }
  return problems;
}

/** Renders the parameters into a (checked) template once, leaving runtime placeholders. */
export function compileTemplate(
  text: string,
  parameters: Readonly<Record<string, ProgramParameter>>,
): CompiledTemplate {
  const parts: (string | { token: RuntimeToken })[] = [];
  let last = 0;
  const pushText = (s: string) => {
    if (s === '') return;
    const previous = parts[parts.length - 1];
    if (typeof previous === 'string') parts[parts.length - 1] = previous + s;
    else parts.push(s);
  };
  for (const match of text.matchAll(PLACEHOLDER)) {
    const index = match.index;
    pushText(text.slice(last, index));
    const name = match[1];
    if (RUNTIME_TOKENS.includes(name)) parts.push({ token: name as RuntimeToken });
    else pushText(renderParameterValue(parameters[name.slice('params.'.length)]));
    last = index + match[0].length;
  }
  pushText(text.slice(last));
  return parts;
}

export function compileText(
  text: LocalizedText,
  parameters: Readonly<Record<string, ProgramParameter>>,
): CompiledText {
  return { zh: compileTemplate(text.zh, parameters), en: compileTemplate(text.en, parameters) };
}

export function renderTemplate(template: CompiledTemplate, values: TemplateValues): string {
  let out = '';
  for (const part of template) {
    if (typeof part === 'string') out += part;
    else if (part.token === 'fy') out += String(values.fy);
    else if (part.token === 'prev') out += String(values.fy - 1);
    else out += values.asOf;
  }
  return out;
}

export function renderText(text: CompiledText, values: TemplateValues): LocalizedText {
  return { zh: renderTemplate(text.zh, values), en: renderTemplate(text.en, values) };
}
