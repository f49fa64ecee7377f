import { formatDate, formatInstant } from './time';

describe('formatInstant', () => {
  it('shows Beijing time whatever the instant’s offset', () => {
    expect(formatInstant('2026-12-08T15:59:00Z', 'en')).toBe('2026-12-08 23:59');
    expect(formatInstant('2026-12-08T15:59:00Z', 'zh-CN')).toBe('2026年12月8日 23:59');
    expect(formatInstant('2026-12-08T23:59:00+08:00')).toBe('2026年12月8日 23:59');
  });

  it('crosses the date line into the next Beijing day', () => {
    expect(formatInstant('2026-12-31T16:30:00Z', 'en')).toBe('2027-01-01 00:30');
    expect(formatDate('2026-12-31T16:30:00Z', 'zh-CN')).toBe('2027年1月1日');
  });
});
