import { stringify } from 'csv-stringify/sync';

/**
 * Spreadsheet programs run cells that start with =, +, -, @ or a control character as formulas; a
 * leading apostrophe makes them text (OWASP "CSV injection"). Only free text needs it, never digits.
 */
export function spreadsheetSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Excel recognises UTF-8 only with a byte order mark. */
export const UTF8_BOM = '\uFEFF';

/** A CSV document for people: BOM, CRLF, a header row; free text made spreadsheet-safe. */
export function csvDocument(header: readonly string[], rows: readonly (string | number | null)[][]): string {
  const safe = rows.map((row) =>
    row.map((v) => (v === null ? '' : typeof v === 'number' ? String(v) : spreadsheetSafe(v))),
  );
  return UTF8_BOM + stringify([[...header], ...safe], { record_delimiter: 'windows' });
}
