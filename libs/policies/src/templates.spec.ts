import type { ProgramParameter } from './program-definition';
import { checkTemplate, compileTemplate, renderTemplate } from './templates';

const parameters: Record<string, ProgramParameter> = {
  capFen: { value: 200_000_000, unit: 'fen', description: { zh: '上限', en: 'Cap' }, origin: 'source' },
  rate: { value: 1000, unit: 'bp', description: { zh: '比例', en: 'Rate' }, origin: 'source' },
  ratio: { value: 1500, unit: 'milli', description: { zh: '容积率', en: 'Plot ratio' }, origin: 'source' },
  months: { value: 36, unit: 'months', description: { zh: '月', en: 'Months' }, origin: 'source' },
  since: { value: '2021-05-24', unit: 'date', description: { zh: '日期', en: 'Date' }, origin: 'source' },
};

describe('reason templates', () => {
  it('renders parameters by unit and runtime placeholders per evaluation', () => {
    const template = compileTemplate(
      '{fy}/{prev}/{asOf}: {params.capFen} yuan, {params.rate}, ratio {params.ratio}, {params.months} months since {params.since}',
      parameters,
    );
    expect(renderTemplate(template, { fy: 2025, asOf: '2026-03-31' })).toBe(
      '2025/2024/2026-03-31: 2,000,000.00 yuan, 10%, ratio 1.5, 36 months since 2021-05-24',
    );
  });

  it('pre-renders parameters once, leaving only runtime tokens', () => {
    expect(compileTemplate('上限 {params.capFen} 元（{fy}年度）', parameters)).toEqual([
      '上限 2,000,000.00 元（',
      { token: 'fy' },
      '年度）',
    ]);
  });

  it('leaves text without placeholders alone', () => {
    expect(compileTemplate('plain', parameters)).toEqual(['plain']);
    expect(compileTemplate('', parameters)).toEqual([]);
  });

  it('reports unknown placeholders', () => {
    expect(checkTemplate('{fy} {params.capFen}', parameters)).toEqual([]);
    expect(checkTemplate('{year} {params.nope} {}', parameters)).toHaveLength(3);
  });
});
