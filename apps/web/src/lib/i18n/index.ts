import i18n from 'i18next';
import { useQuery } from '@tanstack/react-query';
import { initReactI18next, useTranslation } from 'react-i18next';
import en from '../../locales/en.json';
import zhCN from '../../locales/zh-CN.json';
import { queryClient } from '../query-client';
import type { UiLanguage } from '../time';

const LANGUAGE_KEY = 'huiqi.language';

function storedLanguage(): UiLanguage {
  return localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'zh-CN';
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18n.language;

/** The UI language (zh-CN first); it is also the Accept-Language of every API request. */
export function currentLanguage(): UiLanguage {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

export async function changeLanguage(language: UiLanguage): Promise<void> {
  localStorage.setItem(LANGUAGE_KEY, language);
  document.documentElement.lang = language;
  await i18n.changeLanguage(language);
  // Server text (problem titles, labels chosen by Accept-Language) is fetched again in the new language.
  await queryClient.invalidateQueries();
}

export function useLanguage(): UiLanguage {
  const { i18n: instance } = useTranslation();
  return instance.language === 'en' ? 'en' : 'zh-CN';
}

export { i18n };

type TextFiles = Record<UiLanguage, () => Promise<{ default: Record<string, unknown> }>>;

/**
 * Declared-fact verification, publicity and objections, the grant letter (locales/publicity-desk):
 * staff load them with the consoles; the enterprise pages that use them (objection answer, followed
 * objections, grant letter) load them in their route (`loadPublicityDeskTexts`).
 */
const PUBLICITY_DESK_TEXTS: TextFiles = {
  'zh-CN': () => import('../../locales/publicity-desk/zh-CN.json'),
  en: () => import('../../locales/publicity-desk/en.json'),
};

async function loadTexts(files: TextFiles): Promise<void> {
  await Promise.all(
    (Object.keys(files) as UiLanguage[]).map(async (language) => {
      const { default: texts } = await files[language]();
      i18n.addResourceBundle(language, 'translation', texts, true, false);
    }),
  );
}

/** Loads the publicity desk's texts (both languages) before a route that needs them renders. */
export function loadPublicityDeskTexts(): Promise<void> {
  return loadTexts(PUBLICITY_DESK_TEXTS);
}

/**
 * The staff, director and finance consoles keep their texts in their own files (locales/<area>/*.json,
 * each under one top-level key). They load, in both languages, only for staff: an enterprise user's
 * first page never downloads them (issue 10 bounds the portal's initial JavaScript).
 */
const CONSOLE_TEXTS: TextFiles[] = [
  {
    'zh-CN': () => import('../../locales/staff/zh-CN.json'),
    en: () => import('../../locales/staff/en.json'),
  },
  {
    'zh-CN': () => import('../../locales/director/zh-CN.json'),
    en: () => import('../../locales/director/en.json'),
  },
  {
    'zh-CN': () => import('../../locales/finance/zh-CN.json'),
    en: () => import('../../locales/finance/en.json'),
  },
  {
    'zh-CN': () => import('../../locales/bank-verification/zh-CN.json'),
    en: () => import('../../locales/bank-verification/en.json'),
  },
  {
    'zh-CN': () => import('../../locales/policy/zh-CN.json'),
    en: () => import('../../locales/policy/en.json'),
  },
  {
    'zh-CN': () => import('../../locales/admin/zh-CN.json'),
    en: () => import('../../locales/admin/en.json'),
  },
  {
    'zh-CN': () => import('../../locales/policyData/zh-CN.json'),
    en: () => import('../../locales/policyData/en.json'),
  },
  PUBLICITY_DESK_TEXTS,
];

async function loadConsoleTexts(): Promise<true> {
  await Promise.all(CONSOLE_TEXTS.map(loadTexts));
  return true;
}

/** True once the consoles' texts are loaded for a staff role (at once for an enterprise user). */
export function useConsoleTexts(role: string | undefined): boolean {
  const staff = !!role && role !== 'enterprise';
  const texts = useQuery({
    queryKey: ['console-texts'],
    queryFn: loadConsoleTexts,
    enabled: staff,
    staleTime: Infinity,
    gcTime: Infinity,
  });
  return !staff || texts.isSuccess;
}
