/**
 * The parts of a program definition (libs/policies' ProgramDefinition) the portal reads. The API
 * documents `definition` as a free-form object, so this narrow view is declared here once.
 */
import type { UiLanguage } from './time';

export interface LocalizedText {
  zh: string;
  en: string;
}

export type FormFieldType =
  | 'string'
  | 'text'
  | 'integer'
  | 'money_fen'
  | 'area_m2'
  | 'date'
  | 'boolean'
  | 'enum'
  | 'id_number'
  | 'uscc';

export interface FormFieldDefinition {
  name: string;
  type: FormFieldType;
  required: boolean;
  label: LocalizedText;
  options?: string[];
  optionLabels?: Record<string, LocalizedText>;
  min?: number;
  max?: number;
  maxLength?: number;
}

export interface DocumentDefinition {
  type: string;
  title: LocalizedText;
  mandatory: boolean;
  maxSizeBytes?: number;
  contentTypes?: string[];
}

export interface ClauseDefinition {
  id: string;
  reason: LocalizedText;
}

export interface ProgramDefinitionView {
  formFields?: FormFieldDefinition[];
  documents?: DocumentDefinition[];
  eligibility?: ClauseDefinition[];
  sla?: Record<string, unknown>;
  publicityWorkingDays?: unknown;
}

/** The catalog's usual upload limits (PDF, JPEG or PNG, at most 20 MiB) when a document names none. */
export const DEFAULT_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];
export const DEFAULT_MAX_SIZE_BYTES = 20 * 1024 * 1024;

export function asDefinition(definition: unknown): ProgramDefinitionView {
  return (definition ?? {}) as ProgramDefinitionView;
}

export function localized(text: LocalizedText | null | undefined, language: UiLanguage): string {
  if (!text) return '';
  return language === 'en' ? text.en : text.zh;
}

/**
 * A money field's label without the "(fen)" the catalog's authors wrote for the API: people type yuan.
 */
export function fieldLabel(field: FormFieldDefinition, language: UiLanguage): string {
  return localized(field.label, language)
    .replace(/\s*[（(](分|fen)[）)]\s*$/, '')
    .trim();
}

const TYPE_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPG',
  'image/png': 'PNG',
};

/** "PDF、JPG、PNG" from media types. */
export function contentTypeNames(types: string[] | undefined, language: UiLanguage): string {
  return (types ?? DEFAULT_CONTENT_TYPES)
    .map((t) => TYPE_NAMES[t] ?? t.split('/')[1].toUpperCase())
    .join(language === 'en' ? ', ' : '、');
}

/** Bytes as "20 MB" / "512 KB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
