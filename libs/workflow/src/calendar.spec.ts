import fc from 'fast-check';
import {
  addWorkingDays,
  endOfShanghaiDay,
  isWorkingDay,
  shanghaiDate,
  validateCalendar,
  workingDaysBetween,
  type WorkingCalendar,
} from './calendar';
import { CN_CALENDAR_2025_2026, DEFAULT_WORKING_CALENDAR } from './calendar-cn';

const cn = CN_CALENDAR_2025_2026;
const weekendsOnly: WorkingCalendar = { timeZone: 'Asia/Shanghai', holidays: [], extraWorkdays: [] };
/** An instant given as Asia/Shanghai wall-clock time. */
const shanghai = (local: string) => new Date(`${local}+08:00`);
/** The deadline at the end of a Shanghai day, as an ISO instant. */
const endOf = (day: string) => endOfShanghaiDay(day).toISOString();

describe('working-day calendar (Asia/Shanghai, UTC+8)', () => {
  it('reads dates in Asia/Shanghai, not UTC', () => {
    expect(shanghaiDate(new Date('2025-01-01T15:59:59.999Z'))).toBe('2025-01-01');
    expect(shanghaiDate(new Date('2025-01-01T16:00:00.000Z'))).toBe('2025-01-02');
    expect(shanghaiDate(shanghai('2025-07-01T00:00:00'))).toBe('2025-07-01');
  });

  it('puts deadlines at the last millisecond of the Shanghai day', () => {
    expect(endOf('2025-03-03')).toBe('2025-03-03T15:59:59.999Z');
    expect(endOf('2025-12-31')).toBe('2025-12-31T15:59:59.999Z');
  });

  it('knows weekends, holidays and make-up workdays (调休)', () => {
    expect(isWorkingDay('2025-03-07', cn)).toBe(true); // Friday
    expect(isWorkingDay('2025-03-08', cn)).toBe(false); // Saturday
    expect(isWorkingDay('2025-03-09', cn)).toBe(false); // Sunday
    expect(isWorkingDay('2025-01-28', cn)).toBe(false); // 除夕, Tuesday
    expect(isWorkingDay('2025-01-26', cn)).toBe(true); // Sunday make-up day
    expect(isWorkingDay('2025-10-08', cn)).toBe(false); // Wednesday in the 8-day National Day break
    expect(isWorkingDay('2025-10-11', cn)).toBe(true); // Saturday make-up day
    expect(isWorkingDay('2026-01-04', cn)).toBe(true); // Sunday make-up day
    expect(isWorkingDay('2026-02-23', cn)).toBe(false); // Monday, last day of Spring Festival
    expect(isWorkingDay('2026-02-28', cn)).toBe(true); // Saturday make-up day
  });

  it('ships the official 2025 and 2026 arrangements: 248 working days each', () => {
    for (const year of [2025, 2026]) {
      const start = Date.UTC(year, 0, 1);
      let working = 0;
      for (let ms = start; ms < Date.UTC(year + 1, 0, 1); ms += 86_400_000) {
        if (isWorkingDay(new Date(ms).toISOString().slice(0, 10), cn)) working++;
      }
      expect({ year, working }).toEqual({ year, working: 248 });
    }
    for (const day of cn.extraWorkdays) {
      expect([0, 6]).toContain(new Date(`${day}T00:00:00Z`).getUTCDay());
    }
    expect(validateCalendar(cn)).toEqual([]);
    expect(DEFAULT_WORKING_CALENDAR).toBe(cn);
  });

  describe('addWorkingDays', () => {
    it.each([
      ['2025-03-07T10:00:00', 1, '2025-03-10'], // Friday → Monday
      ['2025-03-07T23:59:59', 5, '2025-03-14'],
      ['2025-03-08T09:00:00', 1, '2025-03-10'], // from a Saturday
      ['2025-01-24T09:00:00', 1, '2025-01-26'], // Friday → the make-up Sunday
      ['2025-01-27T09:00:00', 1, '2025-02-05'], // across Spring Festival
      ['2025-01-27T09:00:00', 3, '2025-02-07'],
      ['2025-02-07T09:00:00', 1, '2025-02-08'], // Friday → the make-up Saturday
      ['2025-09-30T17:30:00', 1, '2025-10-09'], // across National Day and Mid-Autumn
      ['2025-12-31T12:00:00', 1, '2026-01-04'], // across the year end into a make-up Sunday
      ['2025-12-31T12:00:00', 2, '2026-01-05'],
      ['2025-12-26T12:00:00', 5, '2026-01-05'],
      ['2026-02-13T09:00:00', 1, '2026-02-14'],
      ['2026-02-13T09:00:00', 2, '2026-02-24'],
    ])('from %s (Shanghai) + %i working days is due at the end of %s', (start, days, due) => {
      expect(addWorkingDays(shanghai(start), days, cn).toISOString()).toBe(endOf(due));
    });

    it('with zero days: the end of the same working day, else of the next working day', () => {
      expect(addWorkingDays(shanghai('2025-03-07T08:00:00'), 0, cn).toISOString()).toBe(endOf('2025-03-07'));
      expect(addWorkingDays(shanghai('2025-03-08T08:00:00'), 0, cn).toISOString()).toBe(endOf('2025-03-10'));
      expect(addWorkingDays(shanghai('2025-10-01T08:00:00'), 0, cn).toISOString()).toBe(endOf('2025-10-09'));
    });

    it('counts from the Shanghai date even when UTC is still on the previous day', () => {
      // 2025-03-08 00:30 in Shanghai is 2025-03-07 16:30 UTC (a Friday in UTC, a Saturday in Shanghai).
      const start = new Date('2025-03-07T16:30:00Z');
      expect(addWorkingDays(start, 0, cn).toISOString()).toBe(endOf('2025-03-10'));
      expect(addWorkingDays(start, 1, cn).toISOString()).toBe(endOf('2025-03-10'));
      expect(addWorkingDays(new Date('2025-03-07T15:59:59Z'), 1, cn).toISOString()).toBe(endOf('2025-03-10'));
    });

    it('outside the configured years it knows only weekends', () => {
      expect(addWorkingDays(shanghai('2027-10-01T09:00:00'), 1, cn).toISOString()).toBe(endOf('2027-10-04'));
      expect(addWorkingDays(shanghai('2025-01-27T09:00:00'), 1, weekendsOnly).toISOString()).toBe(
        endOf('2025-01-28'),
      );
    });

    it('refuses bad input', () => {
      expect(() => addWorkingDays(shanghai('2025-03-07T10:00:00'), -1, cn)).toThrow(RangeError);
      expect(() => addWorkingDays(shanghai('2025-03-07T10:00:00'), 1.5, cn)).toThrow(RangeError);
      expect(() => addWorkingDays(new Date('nope'), 1, cn)).toThrow(RangeError);
      const allOff: WorkingCalendar = {
        timeZone: 'Asia/Shanghai',
        holidays: Array.from({ length: 100 }, (_, i) =>
          new Date(Date.UTC(2030, 0, 1 + i)).toISOString().slice(0, 10),
        ),
        extraWorkdays: [],
      };
      expect(() => addWorkingDays(shanghai('2029-12-31T10:00:00'), 1, allOff)).toThrow(/No working day/);
    });
  });

  describe('workingDaysBetween', () => {
    it('counts working days after the first date up to and including the second', () => {
      expect(workingDaysBetween(shanghai('2025-03-07T10:00:00'), shanghai('2025-03-10T09:00:00'), cn)).toBe(
        1,
      );
      expect(workingDaysBetween(shanghai('2025-01-27T10:00:00'), shanghai('2025-02-05T10:00:00'), cn)).toBe(
        1,
      );
      expect(workingDaysBetween(shanghai('2025-03-10T10:00:00'), shanghai('2025-03-07T09:00:00'), cn)).toBe(
        -1,
      );
      expect(workingDaysBetween(shanghai('2025-03-08T10:00:00'), shanghai('2025-03-09T10:00:00'), cn)).toBe(
        0,
      );
      expect(
        Object.is(
          workingDaysBetween(shanghai('2025-03-09T10:00:00'), shanghai('2025-03-08T10:00:00'), cn),
          0,
        ),
      ).toBe(true);
    });

    it('is the inverse of addWorkingDays', () => {
      const startArb = fc.date({
        min: new Date('2024-12-01T00:00:00Z'),
        max: new Date('2026-12-31T00:00:00Z'),
        noInvalidDate: true,
      });
      fc.assert(
        fc.property(startArb, fc.integer({ min: 1, max: 60 }), (start, days) => {
          const due = addWorkingDays(start, days, cn);
          expect(workingDaysBetween(start, due, cn)).toBe(days);
          expect(isWorkingDay(shanghaiDate(due), cn)).toBe(true);
          expect(shanghaiDate(new Date(due.getTime() + 1))).not.toBe(shanghaiDate(due));
        }),
        { numRuns: 500 },
      );
    });
  });

  it('validates calendars', () => {
    expect(validateCalendar({ ...weekendsOnly, holidays: ['2025-02-30'] })).toEqual([
      'holidays: "2025-02-30" is not a YYYY-MM-DD date',
    ]);
    expect(validateCalendar({ ...weekendsOnly, extraWorkdays: ['2025/01/26'] })).toHaveLength(1);
    expect(
      validateCalendar({
        timeZone: 'Asia/Shanghai',
        holidays: ['2025-01-26'],
        extraWorkdays: ['2025-01-26'],
      }),
    ).toEqual(['2025-01-26 is both a holiday and a make-up workday']);
    expect(validateCalendar({ ...weekendsOnly, timeZone: 'UTC' } as never)).toHaveLength(1);
    expect(() => isWorkingDay('2025-13-01', cn)).toThrow(RangeError);
  });
});
