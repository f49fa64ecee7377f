import fc from 'fast-check';

import { earliestFiscalYearOf, FACT_KEY_NAMES, FACT_KEYS, FACT_SOURCES, validateFact } from './facts';

const SUBJECT = 'sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f0';

describe('FACT_KEYS', () => {
  it('describes every key consistently', () => {
    for (const key of FACT_KEY_NAMES) {
      const def = FACT_KEYS[key];
      expect(def.key).toBe(key);
      expect(def.label.zh.length).toBeGreaterThan(0);
      expect(def.label.en.length).toBeGreaterThan(0);
      expect(def.sources.length).toBeGreaterThan(0);
      for (const source of def.sources) expect(FACT_SOURCES).toContain(source);
    }
  });

  it('includes the keys the catalog and feeds rely on', () => {
    expect(FACT_KEY_NAMES).toEqual(
      expect.arrayContaining([
        'rnd_expense_fen',
        'sales_revenue_fen',
        'equipment_investment_fen',
        'high_tech_certificate',
        'listing',
        'platform_recognition',
        'talent_recognition',
        'personal_tax_contribution_fen',
        'future_industry_recognition',
        'little_giant_recognition',
        'single_champion_recognition',
        'plot_ratio_milli',
        'upper_floor_workshop_area_m2',
        'standard_plant_rented_upper_floor_m2',
        'lease_months',
        'employees',
        'established_on',
        'agreed_capacity_reached',
        'actual_investment_fen',
      ]),
    );
  });
});

describe('validateFact', () => {
  it('accepts a fiscal-year money fact and normalises a numeric period', () => {
    expect(
      validateFact({ key: 'rnd_expense_fen', period: 2025, value: 123_456, source: 'tax_bureau' }),
    ).toEqual({
      ok: true,
      fact: { key: 'rnd_expense_fen', subject: null, period: '2025', value: 123_456, source: 'tax_bureau' },
    });
  });

  it('accepts an object fact', () => {
    const result = validateFact({
      key: 'high_tech_certificate',
      value: { certificateNo: 'GR202543000123', grantedOn: '2025-11-20' },
      source: 'science_technology_bureau',
    });
    expect(result.ok).toBe(true);
  });

  it('accepts a per-person fact with a hashed subject', () => {
    const result = validateFact({
      key: 'personal_tax_contribution_fen',
      subject: SUBJECT,
      period: '2024',
      value: 5_000_000,
      source: 'tax_bureau',
    });
    expect(result).toMatchObject({ ok: true, fact: { subject: SUBJECT } });
  });

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ['unknown key', { key: 'profit_fen', value: 1, source: 'tax_bureau' }, 'key', /unknown fact key/],
    [
      'fractional money',
      { key: 'rnd_expense_fen', period: '2025', value: 1.5, source: 'tax_bureau' },
      'value',
      /integer/,
    ],
    [
      'negative money',
      { key: 'rnd_expense_fen', period: '2025', value: -1, source: 'tax_bureau' },
      'value',
      /negative/,
    ],
    [
      'unsafe money',
      { key: 'rnd_expense_fen', period: '2025', value: 2 ** 53, source: 'tax_bureau' },
      'value',
      /integer/,
    ],
    [
      'money as a string',
      { key: 'rnd_expense_fen', period: '2025', value: '100', source: 'tax_bureau' },
      'value',
      /fen/,
    ],
    ['missing period', { key: 'rnd_expense_fen', value: 1, source: 'tax_bureau' }, 'period', /fiscal year/],
    [
      'bad period',
      { key: 'rnd_expense_fen', period: '25', value: 1, source: 'tax_bureau' },
      'period',
      /fiscal year/,
    ],
    [
      'period on a period-less fact',
      { key: 'established_on', period: '2025', value: '2020-01-01', source: 'market_regulation' },
      'period',
      /no period/,
    ],
    [
      'source not allowed',
      { key: 'rnd_expense_fen', period: '2025', value: 1, source: 'stock_exchange' },
      'source',
      /must be one of/,
    ],
    [
      'self-declared listing',
      {
        key: 'listing',
        value: { exchange: 'SSE', ticker: '688001', listedOn: '2025-06-01' },
        source: 'self_declared',
      },
      'source',
      /must be one of/,
    ],
    [
      'bad date in an object',
      {
        key: 'high_tech_certificate',
        value: { certificateNo: 'GR1', grantedOn: '2025-02-30' },
        source: 'officer',
      },
      'value.grantedOn',
      /real date/,
    ],
    [
      'missing field in an object',
      { key: 'high_tech_certificate', value: { certificateNo: 'GR1' }, source: 'officer' },
      'value.grantedOn',
      /date/,
    ],
    [
      'unknown field in an object',
      { key: 'agreed_capacity_reached', value: { reachedOn: '2025-01-01', extra: 1 }, source: 'officer' },
      'value.extra',
      /unknown field/,
    ],
    [
      'enum outside options',
      {
        key: 'listing',
        value: { exchange: 'LSEX', ticker: 'A', listedOn: '2025-01-01' },
        source: 'stock_exchange',
      },
      'value.exchange',
      /one of/,
    ],
    [
      'integer out of range',
      { key: 'lease_months', period: '2025', value: 13, source: 'officer' },
      'value',
      /at most 12/,
    ],
    [
      'missing subject',
      { key: 'personal_tax_contribution_fen', period: '2025', value: 1, source: 'tax_bureau' },
      'subject',
      /required/,
    ],
    [
      'raw ID number as subject',
      {
        key: 'personal_tax_contribution_fen',
        subject: '11010519491231002X',
        period: '2025',
        value: 1,
        source: 'tax_bureau',
      },
      'subject',
      /hash/,
    ],
    [
      'short subject',
      {
        key: 'personal_tax_contribution_fen',
        subject: 'abc',
        period: '2025',
        value: 1,
        source: 'tax_bureau',
      },
      'subject',
      /16–128/,
    ],
    [
      'subject on an enterprise fact',
      { key: 'rnd_expense_fen', subject: SUBJECT, period: '2025', value: 1, source: 'tax_bureau' },
      'subject',
      /not a per-person/,
    ],
    [
      'unknown row field',
      { key: 'rnd_expense_fen', period: '2025', value: 1, source: 'tax_bureau', note: 'x' },
      'note',
      /unknown field/,
    ],
  ])('rejects %s naming %s', (_name, input, path, message) => {
    const result = validateFact(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual(
      expect.arrayContaining([{ path, message: expect.stringMatching(message) }]),
    );
  });

  it('reports every problem of a row at once', () => {
    const result = validateFact({ key: 'rnd_expense_fen', period: 'x', value: -1, source: 'nobody' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.path).sort()).toEqual(['period', 'source', 'value']);
  });

  it('never throws, whatever the row', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const result = validateFact(input);
        return result.ok || result.issues.length > 0;
      }),
    );
    fc.assert(
      fc.property(
        fc.record(
          {
            key: fc.constantFrom(...FACT_KEY_NAMES),
            value: fc.anything(),
            source: fc.constantFrom(...FACT_SOURCES),
          },
          { requiredKeys: [] },
        ),
        (input) => {
          const result = validateFact(input);
          return result.ok || result.issues.length > 0;
        },
      ),
    );
  });
});

describe('earliestFiscalYearOf', () => {
  it('is the period of a fiscal-year fact', () => {
    expect(earliestFiscalYearOf({ key: 'personal_tax_contribution_fen', period: '2023', value: 1 })).toBe(
      2023,
    );
  });

  it('is the earliest date inside a period-less fact (a recognition, a listing)', () => {
    expect(
      earliestFiscalYearOf({
        key: 'talent_recognition',
        period: null,
        value: { tier: 'innovative', programme: 'x', recognisedOn: '2023-05-10' },
      }),
    ).toBe(2023);
    expect(
      earliestFiscalYearOf({
        key: 'listing',
        period: null,
        value: { exchange: 'SSE', ticker: '688123', listedOn: '2021-06-18' },
      }),
    ).toBe(2021);
  });

  it('is null for a fact that names no year', () => {
    expect(earliestFiscalYearOf({ key: 'plot_ratio_milli', period: null, value: 1800 })).toBeNull();
  });
});
