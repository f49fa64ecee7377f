import { addMonthsToIsoDate, fiscalYearEnd, fiscalYearStart, isFiscalYear, isIsoDate } from './dates';

describe('isIsoDate', () => {
  it.each(['2024-02-29', '2000-02-29', '2025-12-31', '1900-01-01', '2999-12-31'])('accepts %s', (d) => {
    expect(isIsoDate(d)).toBe(true);
  });

  it.each([
    '2025-02-29',
    '1900-02-29',
    '2025-13-01',
    '2025-00-10',
    '2025-04-31',
    '2025-1-01',
    '20250101',
    '1899-12-31',
    '2025-01-01T00:00:00Z',
    20250101,
    null,
  ])('rejects %p', (d) => {
    expect(isIsoDate(d)).toBe(false);
  });
});

describe('addMonthsToIsoDate', () => {
  it.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2022-03-15', 36, '2025-03-15'],
    ['2025-12-31', 1, '2026-01-31'],
    ['2025-03-31', -1, '2025-02-28'],
    ['2025-01-15', -13, '2023-12-15'],
  ])('%s + %d months = %s', (date, months, expected) => {
    expect(addMonthsToIsoDate(date, months)).toBe(expected);
  });

  it('returns null outside the supported years', () => {
    expect(addMonthsToIsoDate('2999-12-01', 1)).toBeNull();
  });
});

describe('fiscal years', () => {
  it('are calendar years', () => {
    expect(fiscalYearStart(2025)).toBe('2025-01-01');
    expect(fiscalYearEnd(2025)).toBe('2025-12-31');
  });

  it.each([
    [2025, true],
    [1900, true],
    [1899, false],
    [2025.5, false],
    ['2025', false],
  ])('isFiscalYear(%p) = %p', (y, ok) => {
    expect(isFiscalYear(y)).toBe(ok);
  });
});
