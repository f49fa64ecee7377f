import fc from 'fast-check';

import { indexFacts } from './fact-index';
import type { FactRecord } from './facts';
import { fact, personId } from './testing';

describe('indexFacts', () => {
  it('keeps the most recently received record per key, subject and period', () => {
    const original = fact('rnd_expense_fen', 100, {
      period: 2025,
      receivedAt: '2026-01-01T00:00:00Z',
      id: 'a',
    });
    const correction = fact('rnd_expense_fen', 90, {
      period: 2025,
      receivedAt: '2026-02-01T00:00:00Z',
      id: 'b',
    });
    const otherYear = fact('rnd_expense_fen', 80, {
      period: 2024,
      receivedAt: '2025-01-01T00:00:00Z',
      id: 'c',
    });
    const index = indexFacts([correction, original, otherYear]);
    expect(index.get('rnd_expense_fen', null, '2025')?.id).toBe('b');
    expect(index.get('rnd_expense_fen', null, '2024')?.id).toBe('c');
    expect(index.get('rnd_expense_fen', null, '2023')).toBeUndefined();
    expect(index.records().map((r) => r.id)).toEqual(['b', 'c']);
  });

  it('compares timestamps as instants, not strings', () => {
    const earlier = fact('employees', 10, { period: 2025, receivedAt: '2026-01-01T10:00:00+08:00', id: 'z' });
    const later = fact('employees', 12, { period: 2025, receivedAt: '2026-01-01T03:00:00Z', id: 'a' });
    expect(indexFacts([later, earlier]).get('employees', null, '2025')?.value).toBe(12);
  });

  it('breaks equal timestamps by id, whatever the input order', () => {
    const a = fact('employees', 1, { period: 2025, receivedAt: '2026-01-01T00:00:00Z', id: 'x-1' });
    const b = fact('employees', 2, { period: 2025, receivedAt: '2026-01-01T00:00:00Z', id: 'x-2' });
    expect(indexFacts([a, b]).get('employees', null, '2025')?.id).toBe('x-2');
    expect(indexFacts([b, a]).get('employees', null, '2025')?.id).toBe('x-2');
  });

  it('reads the latest fiscal year not after the one evaluated', () => {
    const index = indexFacts([
      fact('employees', 10, { period: 2023 }),
      fact('employees', 20, { period: 2024 }),
      fact('employees', 30, { period: 2026 }),
    ]);
    expect(index.latest('employees', null, 2025)?.value).toBe(20);
    expect(index.latest('employees', null, 2026)?.value).toBe(30);
    expect(index.latest('employees', null, 2022)).toBeUndefined();
  });

  it('can ignore self-declared records, falling back to the newest authoritative one', () => {
    const taxed = fact('rnd_expense_fen', 100, {
      period: 2025,
      source: 'tax_bureau',
      receivedAt: '2026-01-01T00:00:00Z',
    });
    const declared = fact('rnd_expense_fen', 500, {
      period: 2025,
      source: 'self_declared',
      receivedAt: '2026-02-01T00:00:00Z',
    });
    const onlyDeclared = fact('rnd_expense_fen', 700, { period: 2026, source: 'self_declared' });
    const index = indexFacts([taxed, declared, onlyDeclared]);
    expect(index.get('rnd_expense_fen', null, '2025')?.value).toBe(500);
    expect(index.get('rnd_expense_fen', null, '2025', { authoritativeOnly: true })?.value).toBe(100);
    expect(index.latest('rnd_expense_fen', null, 2026, { authoritativeOnly: true })?.value).toBe(100);
    expect(index.latest('rnd_expense_fen', null, 2026)?.value).toBe(700);
  });

  it('keeps persons apart and lists them', () => {
    const index = indexFacts([
      fact('personal_tax_contribution_fen', 1, { period: 2025, subject: personId(2) }),
      fact('personal_tax_contribution_fen', 2, { period: 2025, subject: personId(1) }),
      fact('rnd_expense_fen', 3, { period: 2025 }),
    ]);
    expect(index.get('personal_tax_contribution_fen', personId(1), '2025')?.value).toBe(2);
    expect(index.get('personal_tax_contribution_fen', null, '2025')).toBeUndefined();
    expect(index.subjects('personal_tax_contribution_fen')).toEqual([personId(1), personId(2)]);
    expect(index.subjects('rnd_expense_fen')).toEqual([]);
  });

  it('ignores unknown keys and rejects malformed timestamps', () => {
    const unknown = {
      ...fact('employees', 1, { period: 2025 }),
      key: 'retired_key',
    } as unknown as FactRecord;
    expect(indexFacts([unknown]).records()).toEqual([]);
    expect(() => indexFacts([fact('employees', 1, { period: 2025, receivedAt: 'yesterday' })])).toThrow(
      TypeError,
    );
  });

  it('does not depend on the order of the records', () => {
    const records = fc.array(
      fc.record({
        value: fc.nat(1000),
        period: fc.integer({ min: 2022, max: 2025 }),
        at: fc.integer({ min: 0, max: 5 }),
        source: fc.constantFrom('tax_bureau' as const, 'self_declared' as const),
      }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(records, fc.infiniteStream(fc.nat()), (rows, randomness) => {
        const facts = rows.map((r, i) =>
          fact('rnd_expense_fen', r.value, {
            period: r.period,
            source: r.source,
            receivedAt: `2026-01-0${r.at + 1}T00:00:00Z`,
            id: `id-${String(i).padStart(3, '0')}`,
          }),
        );
        const shuffled = [...facts].sort(() => (randomness.next().value % 3) - 1);
        const a = indexFacts(facts);
        const b = indexFacts(shuffled);
        for (const year of [2022, 2023, 2024, 2025]) {
          for (const authoritativeOnly of [false, true]) {
            if (
              a.get('rnd_expense_fen', null, String(year), { authoritativeOnly })?.id !==
              b.get('rnd_expense_fen', null, String(year), { authoritativeOnly })?.id
            ) {
              return false;
            }
          }
        }
        return true;
      }),
    );
  });
});
