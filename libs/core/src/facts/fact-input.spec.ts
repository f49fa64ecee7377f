import { hashPersonId } from '../identity/person-id';
import { factIdentity, toValidatedFact } from './fact-input';

const SECRET = 'unit-test-secret-0123456789abcdef';
const ID = '11010519491231002X';

describe('toValidatedFact', () => {
  it('accepts an enterprise fact, a numeric period included', () => {
    expect(
      toValidatedFact({ key: 'employees', period: 2025, value: 12, source: 'tax_bureau' }, SECRET),
    ).toEqual({
      ok: true,
      fact: { key: 'employees', subject: null, period: '2025', value: 12, source: 'tax_bureau' },
    });
  });

  it('hashes the ID number of a per-person fact into the subject (normalised first)', () => {
    const value = { tier: 'leading', programme: 'p', recognisedOn: '2025-01-01' };
    const result = toValidatedFact(
      { key: 'talent_recognition', value, source: 'officer', idNumber: ` ${ID.toLowerCase()} ` },
      SECRET,
    );
    expect(result).toEqual({
      ok: true,
      fact: {
        key: 'talent_recognition',
        subject: hashPersonId(ID, SECRET),
        period: null,
        value,
        source: 'officer',
      },
    });
    expect(JSON.stringify(result)).not.toContain('110105');
  });

  it.each([
    [
      {
        key: 'talent_recognition',
        value: { tier: 'a', programme: 'b', recognisedOn: '2025-01-01' },
        source: 'officer',
      },
      ['idNumber'],
    ],
    [{ key: 'employees', period: '2025', value: 1, source: 'tax_bureau', idNumber: ID }, ['idNumber']],
    [
      {
        key: 'talent_recognition',
        value: { tier: 'a', programme: 'b', recognisedOn: '2025-01-01' },
        source: 'officer',
        idNumber: '110105194912310021',
      },
      ['idNumber'],
    ],
    [
      { key: 'rnd_expense_fen', period: '25', value: -1, source: 'stock_exchange' },
      ['period', 'source', 'value'],
    ],
    [
      {
        key: 'listing',
        value: { exchange: 'LSE', ticker: 'X', listedOn: '2025-01-01' },
        source: 'stock_exchange',
      },
      ['value.exchange'],
    ],
    [
      { key: 'employees', period: '2025', value: 1, source: 'tax_bureau', subject: 'abc' } as never,
      ['subject'],
    ],
    [{ key: 42, value: 1, source: 'officer' }, ['key']],
  ])('names every bad field: %j', (input, fields) => {
    const result = toValidatedFact(input, SECRET);
    expect(result.ok).toBe(false);
    if (!result.ok) expect([...new Set(result.issues.map((i) => i.path))].sort()).toEqual(fields);
  });

  it('identifies a fact slot by enterprise, key, subject and period', () => {
    expect(factIdentity('e1', { key: 'employees', subject: null, period: '2025' })).toBe(
      'e1|employees||2025',
    );
    expect(factIdentity('e1', { key: 'employees', subject: null, period: '2025' })).not.toBe(
      factIdentity('e1', { key: 'employees', subject: null, period: '2024' }),
    );
  });
});
