/**
 * Working-day arithmetic for stage deadlines and publicity periods (限时办结, 公示).
 *
 * All dates are calendar days in Asia/Shanghai, which is UTC+8 all year (China has not observed daylight
 * saving time since 1991), so the offset is a constant and no time-zone database is needed.
 *
 * Counting follows the usual rule for administrative time limits: the day the period starts is not
 * counted; the period ends at the end (23:59:59.999 Asia/Shanghai) of its last working day.
 */

/** A zone's working calendar. The API stores it and lets admins configure it. */
export interface WorkingCalendar {
  timeZone: 'Asia/Shanghai';
  /** Days off (YYYY-MM-DD), including statutory holidays that fall on weekdays. */
  holidays: readonly string[];
  /** Weekend days that are working days (调休 make-up days), YYYY-MM-DD. */
  extraWorkdays: readonly string[];
}

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** A calendar with more consecutive days off than this is certainly misconfigured. */
const MAX_CONSECUTIVE_DAYS_OFF = 60;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a YYYY-MM-DD date, or null when it is not a real date. */
function parseDay(day: string): number | null {
  const match = DATE_PATTERN.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, date);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date)
    return null;
  return ms / DAY_MS;
}

function formatDay(epochDay: number): string {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}

/** The Asia/Shanghai calendar day containing `instant`, as days since 1970-01-01. */
function shanghaiEpochDay(instant: Date): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid date');
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** The Asia/Shanghai calendar date (YYYY-MM-DD) of an instant. */
export function shanghaiDate(instant: Date): string {
  return formatDay(shanghaiEpochDay(instant));
}

/** The last millisecond of a YYYY-MM-DD day in Asia/Shanghai (23:59:59.999+08:00). */
export function endOfShanghaiDay(day: string): Date {
  const epochDay = parseDay(day);
  if (epochDay === null) throw new RangeError(`Not a date: ${day}`);
  return new Date((epochDay + 1) * DAY_MS - SHANGHAI_OFFSET_MS - 1);
}

interface CompiledCalendar {
  holidays: ReadonlySet<number>;
  extraWorkdays: ReadonlySet<number>;
}

const compiled = new WeakMap<WorkingCalendar, CompiledCalendar>();

function compileDays(days: readonly string[], field: string): Set<number> {
  const set = new Set<number>();
  for (const day of days) {
    const epochDay = parseDay(day);
    if (epochDay === null) throw new RangeError(`${field}: ${JSON.stringify(day)} is not a YYYY-MM-DD date`);
    set.add(epochDay);
  }
  return set;
}

/**
 * Checks a calendar (dates well-formed, no day both a holiday and a make-up workday) and returns the
 * problems; empty when valid. The API should run this when admins edit a calendar.
 */
export function validateCalendar(calendar: WorkingCalendar): string[] {
  try {
    compile(calendar);
    return [];
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
}

function compile(calendar: WorkingCalendar): CompiledCalendar {
  const cached = compiled.get(calendar);
  if (cached) return cached;
  if (calendar.timeZone !== 'Asia/Shanghai')
    throw new RangeError('Only the Asia/Shanghai time zone is supported');
  const holidays = compileDays(calendar.holidays, 'holidays');
  const extraWorkdays = compileDays(calendar.extraWorkdays, 'extraWorkdays');
  for (const day of extraWorkdays) {
    if (holidays.has(day)) throw new RangeError(`${formatDay(day)} is both a holiday and a make-up workday`);
  }
  const result = { holidays, extraWorkdays };
  compiled.set(calendar, result);
  return result;
}

function isWorkingEpochDay(epochDay: number, calendar: CompiledCalendar): boolean {
  if (calendar.extraWorkdays.has(epochDay)) return true;
  if (calendar.holidays.has(epochDay)) return false;
  const weekday = (((epochDay + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday !== 0 && weekday !== 6;
}

/** Is the YYYY-MM-DD day a working day? */
export function isWorkingDay(day: string, calendar: WorkingCalendar): boolean {
  const epochDay = parseDay(day);
  if (epochDay === null) throw new RangeError(`Not a date: ${day}`);
  return isWorkingEpochDay(epochDay, compile(calendar));
}

function nextWorkingDay(epochDay: number, calendar: CompiledCalendar): number {
  for (let day = epochDay + 1, off = 0; ; day++, off++) {
    if (off > MAX_CONSECUTIVE_DAYS_OFF) {
      throw new RangeError(
        `No working day within ${MAX_CONSECUTIVE_DAYS_OFF} days after ${formatDay(epochDay)}`,
      );
    }
    if (isWorkingEpochDay(day, calendar)) return day;
  }
}

/**
 * The deadline `days` working days after `start`: the end (23:59:59.999 Asia/Shanghai) of the `days`-th
 * working day after the Shanghai date of `start` (that date itself is not counted). With `days = 0` it is
 * the end of the start date if that is a working day, else of the next working day.
 */
export function addWorkingDays(start: Date, days: number, calendar: WorkingCalendar): Date {
  if (!Number.isSafeInteger(days) || days < 0) throw new RangeError('days must be a non-negative integer');
  const cal = compile(calendar);
  const startDay = shanghaiEpochDay(start);
  let day = isWorkingEpochDay(startDay, cal) || days > 0 ? startDay : nextWorkingDay(startDay, cal);
  for (let counted = 0; counted < days; counted++) day = nextWorkingDay(day, cal);
  return endOfShanghaiDay(formatDay(day));
}

/**
 * Working days after the Shanghai date of `a` up to and including the Shanghai date of `b`; negative
 * when `b` is before `a`. `workingDaysBetween(s, addWorkingDays(s, n, c), c) === n` for every n ≥ 1.
 */
export function workingDaysBetween(a: Date, b: Date, calendar: WorkingCalendar): number {
  const cal = compile(calendar);
  const from = shanghaiEpochDay(a);
  const to = shanghaiEpochDay(b);
  const [low, high, sign] = from <= to ? [from, to, 1] : [to, from, -1];
  let count = 0;
  for (let day = low + 1; day <= high; day++) if (isWorkingEpochDay(day, cal)) count++;
  return count === 0 ? 0 : sign * count;
}
