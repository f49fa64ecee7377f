/**
 * CSV files made in the browser from figures already on screen: UTF-8 with a BOM (Excel opens it in
 * Chinese), CRLF lines, quoted cells, and text cells that a spreadsheet would run as a formula
 * (= + - @ tab CR) prefixed with an apostrophe.
 */
export type CsvCell = string | number | null | undefined;

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvText(header: readonly string[], rows: readonly CsvCell[][]): string {
  return '\uFEFF' + [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Offers the CSV as a download named `fileName`. */
export function downloadCsv(fileName: string, header: readonly string[], rows: readonly CsvCell[][]): void {
  const blob = new Blob([csvText(header, rows)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
