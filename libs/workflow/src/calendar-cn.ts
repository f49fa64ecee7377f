import type { WorkingCalendar } from './calendar';

/** Every YYYY-MM-DD day from `first` to `last`, inclusive. */
function days(first: string, last: string): string[] {
  const result: string[] = [];
  const end = Date.parse(`${last}T00:00:00Z`);
  for (let ms = Date.parse(`${first}T00:00:00Z`); ms <= end; ms += 24 * 60 * 60 * 1000) {
    result.push(new Date(ms).toISOString().slice(0, 10));
  }
  return result;
}

/**
 * PRC public holidays and make-up working days (调休) for 2025 and 2026, from the State Council General
 * Office notices 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号, 2024-11-12) and
 * 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04), as published by Xinhua.
 *
 * This is only the shipped default: the API stores each zone's calendar and lets admins edit it and add
 * later years (the State Council publishes each year's arrangement in November). Outside 2025-2026 this
 * calendar knows only weekends.
 */
export const CN_CALENDAR_2025_2026: WorkingCalendar = Object.freeze({
  timeZone: 'Asia/Shanghai',
  holidays: Object.freeze([
    // 2025
    '2025-01-01', // 元旦
    ...days('2025-01-28', '2025-02-04'), // 春节
    ...days('2025-04-04', '2025-04-06'), // 清明节
    ...days('2025-05-01', '2025-05-05'), // 劳动节
    ...days('2025-05-31', '2025-06-02'), // 端午节
    ...days('2025-10-01', '2025-10-08'), // 国庆节、中秋节
    // 2026
    ...days('2026-01-01', '2026-01-03'), // 元旦
    ...days('2026-02-15', '2026-02-23'), // 春节
    ...days('2026-04-04', '2026-04-06'), // 清明节
    ...days('2026-05-01', '2026-05-05'), // 劳动节
    ...days('2026-06-19', '2026-06-21'), // 端午节
    ...days('2026-09-25', '2026-09-27'), // 中秋节
    ...days('2026-10-01', '2026-10-07'), // 国庆节
  ]),
  extraWorkdays: Object.freeze([
    '2025-01-26',
    '2025-02-08',
    '2025-04-27',
    '2025-09-28',
    '2025-10-11',
    '2026-01-04',
    '2026-02-14',
    '2026-02-28',
    '2026-05-09',
    '2026-09-20',
    '2026-10-10',
  ]),
});

/** The calendar used when a zone has not configured its own. */
export const DEFAULT_WORKING_CALENDAR: WorkingCalendar = CN_CALENDAR_2025_2026;
