/**
 * Calendar dates as `YYYY-MM-DD` strings (no time zone, no Date objects in comparisons).
 * A fiscal year is the calendar year (PRC Budget Law: 1 January to 31 December).
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;

/** True for a real calendar date `YYYY-MM-DD` between 1900-01-01 and 2999-12-31. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return (
    year >= MIN_YEAR &&
    year <= MAX_YEAR &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** True for an integer fiscal year between 1900 and 2999. */
export function isFiscalYear(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= MIN_YEAR && value <= MAX_YEAR;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Negative, zero or positive as `a` is before, on or after `b` (both valid ISO dates). */
export function compareIsoDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function yearOfIsoDate(date: string): number {
  return Number(date.slice(0, 4));
}

export function fiscalYearStart(fiscalYear: number): string {
  return `${pad4(fiscalYear)}-01-01`;
}

export function fiscalYearEnd(fiscalYear: number): string {
  return `${pad4(fiscalYear)}-12-31`;
}

/**
 * Adds calendar months, clamping to the end of the month (`2024-01-31` + 1 month = `2024-02-29`).
 * Returns null when the result falls outside 1900–2999.
 */
export function addMonthsToIsoDate(date: string, months: number): string | null {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = (index % 12) + 1;
  if (newYear < MIN_YEAR || newYear > MAX_YEAR) return null;
  const newDay = Math.min(day, daysInMonth(newYear, newMonth));
  return `${pad4(newYear)}-${pad2(newMonth)}-${pad2(newDay)}`;
}

function pad4(n: number): string {
  return String(n).padStart(4, '0');
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
