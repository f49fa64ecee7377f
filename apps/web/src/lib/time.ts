import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Every time a person reads is Beijing time, whatever the browser's zone. */
export const DISPLAY_TIME_ZONE = 'Asia/Shanghai';

export type UiLanguage = 'zh-CN' | 'en';

/** An ISO instant as Beijing time: "2026-12-08 23:59" (en) or "2026年12月8日 23:59" (zh-CN). */
export function formatInstant(iso: string | Date, language: UiLanguage = 'zh-CN'): string {
  const t = dayjs(iso).tz(DISPLAY_TIME_ZONE);
  return language === 'zh-CN' ? t.format('YYYY年M月D日 HH:mm') : t.format('YYYY-MM-DD HH:mm');
}

/** A calendar date of an ISO instant in Beijing: "2026-12-08" (en) or "2026年12月8日" (zh-CN). */
export function formatDate(iso: string | Date, language: UiLanguage = 'zh-CN'): string {
  const t = dayjs(iso).tz(DISPLAY_TIME_ZONE);
  return language === 'zh-CN' ? t.format('YYYY年M月D日') : t.format('YYYY-MM-DD');
}
