import { DomainError } from '@huiqi/core/errors/domain-error';
import { period } from './sla.service';

describe('SLA report period', () => {
  it('covers whole Asia/Shanghai days, the last one included', () => {
    const p = period({ from: '2026-01-01', to: '2026-01-31' });
    expect(p.start.toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(p.end.toISOString()).toBe('2026-01-31T16:00:00.000Z');
  });

  it('defaults to the 30 days up to today', () => {
    const p = period({});
    expect((p.end.getTime() - p.start.getTime()) / 86_400_000).toBe(30);
  });

  it.each([
    [{ from: '2026-02-30', to: '2026-03-01' }, 'from'],
    [{ from: '2026-03-02', to: '2026-03-01' }, 'from'],
    [{ from: '2025-01-01', to: '2026-01-02' }, 'from'],
    [{ to: '2026-13-01' }, 'to'],
  ])('refuses %j naming %s', (query, field) => {
    try {
      period(query);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).fieldIssues[0].field).toBe(field);
    }
  });
});
