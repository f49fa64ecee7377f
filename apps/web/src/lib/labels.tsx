/**
 * Labels of every code the API uses (states, roles, zones, …) from `GET /labels` (contracts.md):
 * `{ version, groups: { <group>: { <code>: { zh, en } } } }`. A code without a label shows as the code
 * itself with a console warning: a raw code on screen is a bug to report, not to hide.
 */
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useLanguage } from './i18n';

export interface LabelText {
  zh: string;
  en: string;
}
export interface LabelCatalog {
  version: string;
  groups: Record<string, Record<string, LabelText>>;
}

const warned = new Set<string>();

async function fetchLabels(): Promise<LabelCatalog> {
  // A plain fetch: the endpoint is public and not yet in the generated schema on every branch.
  const response = await fetch('/labels', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET /labels answered ${response.status}`);
  return (await response.json()) as LabelCatalog;
}

export function useLabelCatalog() {
  return useQuery({
    queryKey: ['labels'],
    queryFn: fetchLabels,
    staleTime: Infinity,
    retry: 1,
    meta: { silent: true },
  });
}

/** `const label = useLabels(); label('role', 'officer')` → 经办 / Officer. */
export function useLabels(): (group: string, code: string) => string {
  const { data } = useLabelCatalog();
  const language = useLanguage();
  return useCallback(
    (group: string, code: string) => {
      const text = data?.groups[group]?.[code];
      if (text) return language === 'en' ? text.en : text.zh;
      const key = `${group}.${code}`;
      if (data && !warned.has(key)) {
        warned.add(key);
        console.warn(`[labels] no label for ${key}; showing the code`);
      }
      return code;
    },
    [data, language],
  );
}

export function Label({ group, code }: { group: string; code: string }) {
  const label = useLabels();
  return <>{label(group, code)}</>;
}
