import chardet from 'chardet';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { fenToYuan } from './money';
import { csvRows, StatementFormatError } from './statement-parser';

/**
 * Turns an uploaded statement file into rows of cells, whatever the bank exported: an XLSX workbook
 * (first worksheet), or CSV text in UTF-8 (BOM optional), UTF-16 with a BOM, or GBK/GB18030 — the
 * encoding Chinese banks' exports and Excel on Chinese Windows use by default.
 */
export async function statementRows(content: string | Buffer): Promise<string[][]> {
  if (typeof content === 'string') return csvRows(content);
  if (isZip(content)) return xlsxRows(content);
  return csvRows(decodeText(content));
}

/** The text of a statement file: UTF-8 when it is valid UTF-8, otherwise the detected encoding. */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(bytes, 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(bytes, 'utf-16be');
  try {
    return UTF8.decode(bytes);
  } catch {
    // Not UTF-8. GB18030 is a superset of GBK and GB2312 and decodes every byte sequence those
    // write; chardet is asked only to recognise the other encodings a bank might use.
    const guess = (chardet.detect(bytes) ?? '').toLowerCase();
    const encoding = OTHER_ENCODINGS[guess] ?? 'gb18030';
    return iconv.decode(bytes, encoding);
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

const OTHER_ENCODINGS: Record<string, string> = {
  big5: 'big5',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
};

/** An XLSX workbook (a zip archive) rather than text. */
export function isZip(bytes: Buffer): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** The first worksheet's rows as text cells (dates as YYYY-MM-DD), empty rows left out. */
export async function xlsxRows(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new StatementFormatError(
      `not a readable XLSX workbook: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new StatementFormatError('the workbook has no worksheet');
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c)));
    rows.push(cells);
  });
  return rows;
}

/** A cell as the bank meant it: dates as YYYY-MM-DD, amounts in yuan with two decimals, text as is. */
function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const y = value.getUTCFullYear();
    const m = String(value.getUTCMonth() + 1).padStart(2, '0');
    const d = String(value.getUTCDate()).padStart(2, '0');
    return `${y}-${m}-${d}`;
  }
  if (typeof value === 'number') {
    // XLSX stores amounts as binary floats: 1234.5 may be 1234.4999999. This is where the float ends:
    // a value within a rounding error of whole fen becomes that integer fen, written out by the money
    // helper (no float division); anything else stays as written, and the parser refuses it.
    if (Number.isInteger(value)) return String(value);
    const fen = Math.round(value * 100);
    if (!Number.isSafeInteger(fen) || Math.abs(value * 100 - fen) >= 1e-6) return String(value);
    return fen < 0 ? `-${fenToYuan(-fen)}` : fenToYuan(fen);
  }
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((t) => t.text).join('');
  if (typeof value === 'object' && 'result' in value) return String(value.result ?? '');
  if (typeof value === 'object' && 'text' in value) return String(value.text);
  return String(cell.text ?? value);
}
