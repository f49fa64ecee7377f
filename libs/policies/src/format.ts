import type { LocalizedText } from './localized-text';
import { formatBasisPointsAsPercent, formatFenAsYuan, formatInteger } from './money';
import type { ProgramParameter } from './program-definition';
import type { ValueKind } from './value-shape';

/** Formats thousandths as a decimal without trailing zeros: `1500` → `"1.5"`, `1510` → `"1.51"`. */
export function formatMilli(milli: number): string {
  if (!Number.isSafeInteger(milli)) throw new RangeError(`expected a safe integer, got ${String(milli)}`);
  const sign = milli < 0 ? '-' : '';
  const abs = Math.abs(milli);
  const fraction = String(abs % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return `${sign}${formatInteger(Math.floor(abs / 1000))}${fraction ? `.${fraction}` : ''}`;
}

/**
 * Renders a parameter's value for a human: `fen` as yuan (`1,000,000.00`), `bp` as a percentage
 * (`10%`), `milli` as a decimal (`1.5`); anything else as is.
 */
export function renderParameterValue(parameter: ProgramParameter): string {
  const { value, unit } = parameter;
  if (typeof value !== 'number') return String(value);
  if (unit === 'fen') return formatFenAsYuan(value);
  if (unit === 'bp') return formatBasisPointsAsPercent(value);
  if (unit === 'milli') return formatMilli(value);
  return String(value);
}

/** Renders a value of a known kind with its unit, in both languages (`1,200 m²`, `5,000.00 yuan`). */
export function formatValue(kind: ValueKind, value: unknown): LocalizedText {
  if (typeof value === 'number' && Number.isSafeInteger(value)) {
    if (kind === 'money_fen') {
      const yuan = formatFenAsYuan(value);
      return { zh: `${yuan} 元`, en: `${yuan} yuan` };
    }
    if (kind === 'area_m2') {
      const area = formatInteger(value);
      return { zh: `${area} 平方米`, en: `${area} m²` };
    }
    const n = formatInteger(value);
    return { zh: n, en: n };
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return { zh: text, en: text };
}

/** Names a fiscal year in both languages. */
export function fiscalYearLabel(year: number): LocalizedText {
  return { zh: `${year}年度`, en: `fiscal year ${year}` };
}
