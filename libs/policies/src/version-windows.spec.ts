import { previousIsoDate, versionInForce, versionWindows, type VersionRecord } from './version-windows';

const v = (
  version: number,
  effectiveFrom: string,
  effectiveTo: string | null = null,
  status: VersionRecord['status'] = 'published',
): VersionRecord => ({ version, status, effectiveFrom, effectiveTo });

describe('versionInForce', () => {
  it('a later version with an end date does not bring the earlier one back after it ends', () => {
    const versions = [v(1, '2025-01-01'), v(2, '2026-01-01', '2026-06-30')];
    expect(versionInForce(versions, '2025-12-31')).toBe(1);
    expect(versionInForce(versions, '2026-01-01')).toBe(2);
    expect(versionInForce(versions, '2026-06-30')).toBe(2);
    expect(versionInForce(versions, '2026-07-01')).toBeNull();
  });

  it('a version published to start later leaves the earlier one in force until then', () => {
    const versions = [v(1, '2025-01-01'), v(2, '2027-01-01')];
    expect(versionInForce(versions, '2026-12-31')).toBe(1);
    expect(versionInForce(versions, '2027-01-01')).toBe(2);
  });

  it('drafts are never in force', () => {
    expect(versionInForce([v(1, '2025-01-01'), v(2, '2025-02-01', null, 'draft')], '2026-01-01')).toBe(1);
  });

  it('a retired program has no version in force after its last day', () => {
    const versions = [v(1, '2025-01-01')];
    expect(versionInForce(versions, '2026-03-31', '2026-03-31')).toBe(1);
    expect(versionInForce(versions, '2026-04-01', '2026-03-31')).toBeNull();
  });
});

describe('versionWindows', () => {
  it('ends each version the day before the next one starts, and labels them as of today', () => {
    const versions = [
      v(1, '2025-01-01'),
      v(2, '2026-01-01', '2026-06-30'),
      v(3, '2026-03-01', null, 'draft'),
    ];
    expect(versionWindows(versions, '2026-02-01')).toEqual([
      {
        version: 1,
        lifecycle: 'superseded',
        inForce: false,
        inForceFrom: '2025-01-01',
        inForceTo: '2025-12-31',
      },
      {
        version: 2,
        lifecycle: 'published',
        inForce: true,
        inForceFrom: '2026-01-01',
        inForceTo: '2026-06-30',
      },
      { version: 3, lifecycle: 'draft', inForce: false, inForceFrom: null, inForceTo: null },
    ]);
    expect(versionWindows(versions, '2026-07-01')[1]).toMatchObject({ lifecycle: 'retired', inForce: false });
  });

  it('before a later version starts, the earlier one is still published and in force', () => {
    const [first, second] = versionWindows([v(1, '2025-01-01'), v(2, '2027-01-01')], '2026-05-01');
    expect(first).toMatchObject({ lifecycle: 'published', inForce: true, inForceTo: '2026-12-31' });
    expect(second).toMatchObject({ lifecycle: 'published', inForce: false, inForceFrom: '2027-01-01' });
  });

  it('a retirement ends the version in force at the last day', () => {
    const [first] = versionWindows([v(1, '2025-01-01')], '2026-05-01', '2026-04-30');
    expect(first).toEqual({
      version: 1,
      lifecycle: 'retired',
      inForce: false,
      inForceFrom: '2025-01-01',
      inForceTo: '2026-04-30',
    });
    expect(versionWindows([v(1, '2025-01-01')], '2026-04-30', '2026-04-30')[0]).toMatchObject({
      lifecycle: 'published',
      inForce: true,
    });
  });

  it('a version overtaken before it starts is never in force', () => {
    const [, second] = versionWindows(
      [v(1, '2025-01-01'), v(2, '2026-06-01'), v(3, '2026-01-01')],
      '2026-07-01',
    );
    expect(second).toMatchObject({ lifecycle: 'superseded', inForceFrom: null, inForceTo: null });
  });
});

it('previousIsoDate crosses months, years and leap days', () => {
  expect(previousIsoDate('2026-01-01')).toBe('2025-12-31');
  expect(previousIsoDate('2024-03-01')).toBe('2024-02-29');
});
