import { analyseRule } from './rule-analysis';
import { applyRule, isTruthy, RULE_OPERATIONS } from './rule-operations';

describe('analyseRule', () => {
  it('collects root variables with where they appear', () => {
    const result = analyseRule({
      and: [
        { '>': [{ var: 'facts.employees.fy' }, 10] },
        { missing: ['form.a', 'params.b'] },
        { var: ['fy', 2025] },
      ],
    });
    expect(result.issues).toEqual([]);
    expect(result.variables).toEqual([
      { path: 'facts.employees.fy', at: 'and.0.>.0.var' },
      { path: 'form.a', at: 'and.1.missing.0' },
      { path: 'params.b', at: 'and.1.missing.1' },
      { path: 'fy', at: 'and.2.var.0' },
    ]);
  });

  it('treats variables inside array operations as element-relative', () => {
    const result = analyseRule({
      reduce: [
        { var: 'facts.employees.fy' },
        { '+': [{ var: 'current' }, { var: 'accumulator' }] },
        { var: 'params.start' },
      ],
    });
    expect(result.issues).toEqual([]);
    expect(result.variables.map((v) => v.path)).toEqual(['facts.employees.fy', 'params.start']);
  });

  it.each([
    [{ log: 1 }, 'log'],
    [{ nope: 1 }, 'nope'],
    [{ var: '' }, 'var'],
    [{ var: 3 }, 'var'],
    [{ var: ['a', 1, 2] }, 'var'],
    [{ missing: [{ var: 'x' }] }, 'missing.0'],
    [{ missing_some: [1, 'x'] }, 'missing_some'],
    [{ a: 1, b: 2 }, '(root)'],
    [{}, '(root)'],
  ])('rejects %j at %s', (rule, path) => {
    expect(analyseRule(rule).issues.map((i) => i.path)).toContain(path);
  });

  it('bounds nesting', () => {
    let rule: unknown = true;
    for (let i = 0; i < 100; i++) rule = { '!': [rule] };
    expect(analyseRule(rule as never).issues[0].message).toMatch(/deeper than/);
  });
});

describe('rule operations', () => {
  it.each<[string, unknown[], unknown]>([
    ['date_in_fiscal_year', ['2025-12-31', 2025], true],
    ['date_in_fiscal_year', ['2026-01-01', 2025], false],
    ['date_in_fiscal_year', [null, 2025], false],
    ['date_in_fiscal_year', ['2025-02-30', 2025], false],
    ['date_before', ['2025-01-01', '2025-01-02'], true],
    ['date_before', ['2025-01-02', '2025-01-02'], false],
    ['date_on_or_before', ['2025-01-02', '2025-01-02'], true],
    ['date_after', ['2025-01-03', '2025-01-02'], true],
    ['date_on_or_after', ['2025-01-02', '2025-01-02'], true],
    ['date_on_or_after', [null, '2025-01-02'], false],
    ['year_of', ['2024-06-30'], 2024],
    ['year_of', ['junk'], null],
    ['fiscal_year_start', [2025], '2025-01-01'],
    ['fiscal_year_end', [2025], '2025-12-31'],
    ['fiscal_year_end', ['2025'], null],
    ['date_add_months', ['2022-03-15', 36], '2025-03-15'],
    ['date_add_months', ['2022-03-15', 1.5], null],
    ['date_add_months', [null, 1], null],
  ])('%s(%j) = %p', (name, args, expected) => {
    expect(applyRule({ [name]: args }, {})).toEqual(expected);
  });

  it('are registered with JSON Logic and see the data', () => {
    const data = { facts: { cert: { latest: { grantedOn: '2025-05-01' } } }, fy: 2025 };
    expect(
      isTruthy(
        applyRule({ date_in_fiscal_year: [{ var: 'facts.cert.latest.grantedOn' }, { var: 'fy' }] }, data),
      ),
    ).toBe(true);
  });

  it('are all total functions', () => {
    const junk = [undefined, null, 0, -1, 'x', '2025-13-01', {}, [], true];
    for (const op of Object.values(RULE_OPERATIONS) as ((...args: unknown[]) => unknown)[]) {
      for (const a of junk) for (const b of junk) expect(() => op(a, b)).not.toThrow();
    }
  });
});
