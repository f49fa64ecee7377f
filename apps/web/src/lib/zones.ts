import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, unwrap } from './api/client';
import { useLanguage } from './i18n';

/** The zones enterprises can register in (`GET /zones`, public). */
export function useZones() {
  return useQuery({ queryKey: ['zones'], queryFn: () => unwrap(api.GET('/zones')), staleTime: Infinity });
}

/** A zone's name in the UI language (the code while the list loads). */
export function useZoneName(): (code: string | null | undefined) => string {
  const { data } = useZones();
  const language = useLanguage();
  return useCallback(
    (code) => {
      if (!code) return '';
      const zone = data?.find((z) => z.code === code);
      return zone ? (language === 'en' ? zone.nameEn : zone.nameZh) : '';
    },
    [data, language],
  );
}
