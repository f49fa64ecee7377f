import fc from 'fast-check';

import { SEED_CATALOG } from './catalog';
import { validateForm } from './form';
import type { FormField } from './program-definition';

const label = { zh: '字段', en: 'Field' };
const program: { formFields: FormField[] } = {
  formFields: [
    { name: 'name', type: 'string', required: true, label, maxLength: 10 },
    { name: 'summary', type: 'text', required: false, label },
    { name: 'count', type: 'integer', required: false, label, min: -5, max: 5 },
    { name: 'amountFen', type: 'money_fen', required: false, label, max: 1_000 },
    { name: 'areaM2', type: 'area_m2', required: false, label },
    { name: 'startedOn', type: 'date', required: false, label },
    { name: 'agreed', type: 'boolean', required: false, label },
    { name: 'tier', type: 'enum', required: false, label, options: ['a', 'b'] },
    { name: 'idNumber', type: 'id_number', required: false, label },
    { name: 'creditCode', type: 'uscc', required: false, label },
  ],
};

describe('validateForm', () => {
  it('accepts a complete form, trimming strings and upper-casing the ID check character', () => {
    const result = validateForm(program, {
      name: '  Zhang San ',
      summary: 'text',
      count: -5,
      amountFen: 1_000,
      areaM2: 0,
      startedOn: '2024-02-29',
      agreed: false,
      tier: 'b',
      idNumber: '11010519491231002x',
      creditCode: '91330100716105852F',
    });
    expect(result).toEqual({
      ok: true,
      form: {
        name: 'Zhang San',
        summary: 'text',
        count: -5,
        amountFen: 1_000,
        areaM2: 0,
        startedOn: '2024-02-29',
        agreed: false,
        tier: 'b',
        idNumber: '11010519491231002X',
        creditCode: '91330100716105852F',
      },
    });
  });

  it('leaves out optional fields that are absent or null', () => {
    expect(validateForm(program, { name: 'x', count: null })).toEqual({ ok: true, form: { name: 'x' } });
  });

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ['missing required field', {}, 'form.name', /required/],
    ['null required field', { name: null }, 'form.name', /required/],
    ['blank required string', { name: '   ' }, 'form.name', /required/],
    ['too long string', { name: '12345678901' }, 'form.name', /at most 10/],
    ['too long string in characters', { name: '一二三四五六七八九十一' }, 'form.name', /at most 10/],
    ['unknown field', { name: 'x', colour: 'red' }, 'form.colour', /unknown field/],
    ['string as integer', { name: 'x', count: '3' }, 'form.count', /integer/],
    ['fractional integer', { name: 'x', count: 1.5 }, 'form.count', /integer/],
    ['integer below min', { name: 'x', count: -6 }, 'form.count', /at least -5/],
    ['integer above max', { name: 'x', count: 6 }, 'form.count', /at most 5/],
    ['negative money', { name: 'x', amountFen: -1 }, 'form.amountFen', /non-negative/],
    ['unsafe money', { name: 'x', amountFen: 2 ** 53 }, 'form.amountFen', /fen/],
    ['money above max', { name: 'x', amountFen: 1_001 }, 'form.amountFen', /at most 1000/],
    ['fractional area', { name: 'x', areaM2: 10.5 }, 'form.areaM2', /whole square metres/],
    ['impossible date', { name: 'x', startedOn: '2025-02-29' }, 'form.startedOn', /real date/],
    ['string as boolean', { name: 'x', agreed: 'true' }, 'form.agreed', /true or false/],
    ['value outside the enum', { name: 'x', tier: 'c' }, 'form.tier', /one of a, b/],
    [
      'bad ID check character',
      { name: 'x', idNumber: '110105194912310021' },
      'form.idNumber',
      /check character/,
    ],
    [
      'bad credit code',
      { name: 'x', creditCode: '91330100716105852G' },
      'form.creditCode',
      /check character/,
    ],
    ['blank optional string', { name: 'x', summary: ' ' }, 'form.summary', /blank/],
  ])('rejects %s at %s', (_name, form, path, message) => {
    const result = validateForm(program, form);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues).toContainEqual({
        path,
        message: expect.stringMatching(message),
        text: expect.anything(),
      });
  });

  it.each([null, undefined, 'form', 42, [], [{ name: 'x' }]])('rejects %p as a whole', (form) => {
    expect(validateForm(program, form)).toEqual({
      ok: false,
      issues: [{ path: 'form', message: 'expected an object of form fields', text: expect.anything() }],
    });
  });

  it('reports every bad field at once', () => {
    const result = validateForm(program, { count: 'x', tier: 'z', extra: 1 });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues.map((i) => i.path).sort()).toEqual([
        'form.count',
        'form.extra',
        'form.name',
        'form.tier',
      ]);
  });

  it('ignores inherited properties', () => {
    const form = Object.create({ colour: 'red' }) as Record<string, unknown>;
    form.name = 'x';
    expect(validateForm(program, form)).toEqual({ ok: true, form: { name: 'x' } });
  });

  it('never throws on arbitrary input', () => {
    const programs = [program, ...SEED_CATALOG];
    fc.assert(
      fc.property(
        fc.constantFrom(...programs),
        fc.anything({ withNullPrototype: true, withObjectString: true }),
        (p, form) => {
          const result = validateForm(p, form);
          return result.ok ? typeof result.form === 'object' : result.issues.length > 0;
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...programs),
        fc.dictionary(
          fc.constantFrom(
            'name',
            'count',
            'tier',
            'idNumber',
            'projectTotalFen',
            'joinedOn',
            '__proto__',
            'constructor',
          ),
          fc.anything(),
        ),
        (p, form) => {
          const result = validateForm(p, form);
          return result.ok || result.issues.every((i) => i.path.startsWith('form'));
        },
      ),
    );
  });
});
