import fc from 'fast-check';
import { api, bearer, createStaff, TestUser } from '../support/api-client';

const HEADER = 'transaction_id,value_date,direction,amount,payment_reference,status,reason';

/** Hostile statement files get a report or a 400 naming `content`: never a 500. */
describe('bank statement import fuzzing (fast-check)', () => {
  let finance: TestUser;
  beforeAll(async () => {
    finance = await createStaff('finance', 'xixian-new-area');
  });

  it('answers 201 with a per-line report or 400 on content, never a 500', async () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(
        '2026-01-31',
        '20260229',
        'debit',
        'credit',
        '贷',
        'failed',
        '1,234.56',
        '1e9',
        '-5',
        '"',
        '\u0000',
      ),
    );
    const content = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 400 }),
      fc
        .array(fc.array(cell, { maxLength: 9 }), { maxLength: 15 })
        .map((rows) => [HEADER, ...rows.map((r) => r.join(','))].join('\r\n')),
    );
    await fc.assert(
      fc.asyncProperty(content, async (text) => {
        const res = await api()
          .post('/bank-statements')
          .set(bearer(finance.token))
          .send({ fileName: 'fuzz.csv', content: text });
        expect([201, 400]).toContain(res.status);
        if (res.status === 400) {
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['content']);
        } else {
          expect(res.body.lines.every((l: { outcome: string }) => l.outcome !== 'matched')).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});
