import { factKeyDefinition, isFactKey } from '@huiqi/policies';
import { parse } from 'csv-parse/sync';
import { xlsxRows } from '../finance/statement-decode';
import { MalformedFeedRow, MAX_FEED_ROWS } from './feed-rows';

/** A file the import cannot read at all (not CSV, no usable header, too many rows): a 400 on `file`. */
export class FeedFormatError extends Error {}

type Column = 'uscc' | 'key' | 'period' | 'value' | 'source' | 'idNumber';

const HEADER_NAMES: Readonly<Record<string, Column>> = {
  uscc: 'uscc',
  统一社会信用代码: 'uscc',
  key: 'key',
  period: 'period',
  value: 'value',
  source: 'source',
  idnumber: 'idNumber',
  id_number: 'idNumber',
  身份证号码: 'idNumber',
};

const NUMERIC = new Set(['money_fen', 'integer', 'area_m2']);
const INTEGER_TEXT = /^-?\d{1,16}$/;

/** A cell as the fact's shape wants it: integers for numeric shapes (never a float), text otherwise. */
function scalarCell(type: string, text: string): unknown {
  if (NUMERIC.has(type) && INTEGER_TEXT.test(text)) {
    const n = Number(text);
    if (Number.isSafeInteger(n)) return n;
  }
  return text;
}

interface Header {
  columns: Map<number, Column>;
  valueFields: Map<number, string>;
}

function readHeader(cells: string[]): Header {
  const columns = new Map<number, Column>();
  const valueFields = new Map<number, string>();
  const unknown: string[] = [];
  cells.forEach((raw, i) => {
    const name = raw.trim();
    const field = /^value\.([A-Za-z][A-Za-z0-9]*)$/.exec(name);
    if (field) valueFields.set(i, field[1]);
    else if (HEADER_NAMES[name.toLowerCase()]) columns.set(i, HEADER_NAMES[name.toLowerCase()]);
    else unknown.push(name || `(column ${i + 1})`);
  });
  const seen = [...columns.values()];
  const duplicated = seen.filter((c, i) => seen.indexOf(c) !== i);
  const problems: string[] = [];
  if (unknown.length > 0) problems.push(`unknown columns: ${unknown.join(', ')}`);
  if (duplicated.length > 0) problems.push(`columns given twice: ${[...new Set(duplicated)].join(', ')}`);
  const missing = (['uscc', 'key', 'source'] as const).filter((c) => !seen.includes(c));
  if (!seen.includes('value') && valueFields.size === 0) missing.push('value' as never);
  if (missing.length > 0) problems.push(`missing columns: ${missing.join(', ')}`);
  if (problems.length > 0) {
    throw new FeedFormatError(
      `${problems.join('; ')}. The header is uscc,key,period,value,source,idNumber (value.<field> columns for object values)`,
    );
  }
  return { columns, valueFields };
}

/** The fact value of one CSV line: a scalar cell, a JSON object cell, or `value.<field>` cells. */
function valueOf(key: string, valueCell: string | undefined, fields: [string, string][]): unknown {
  const shape = isFactKey(key) ? factKeyDefinition(key).shape : undefined;
  const given = fields.filter(([, text]) => text !== '');
  if (given.length > 0) {
    if (valueCell) return valueCell;
    const out: Record<string, unknown> = {};
    for (const [name, text] of given) {
      const fieldShape =
        shape?.type === 'object' && Object.hasOwn(shape.fields, name) ? shape.fields[name] : undefined;
      out[name] = fieldShape ? scalarCell(fieldShape.type, text) : text;
    }
    return out;
  }
  if (valueCell === undefined || valueCell === '') return undefined;
  if (valueCell.startsWith('{')) {
    try {
      return JSON.parse(valueCell) as unknown;
    } catch {
      return valueCell;
    }
  }
  return shape && shape.type !== 'object' ? scalarCell(shape.type, valueCell) : valueCell;
}

/**
 * Reads a facts feed in CSV (UTF-8, BOM optional, header row first). Returns one row per data line,
 * shaped like a JSON feed row, so both formats are checked (and hashed) the same way; a line with
 * the wrong number of cells becomes a {@link MalformedFeedRow}. Money is integer fen: `1234.5` is
 * left as text and refused by the fact's validation, never rounded.
 */
export function parseFeedCsv(content: string): unknown[] {
  let lines: string[][];
  try {
    lines = parse(content, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    throw new FeedFormatError(`not a readable CSV file: ${(error as Error).message}`);
  }
  return feedRowsOf(lines);
}

/**
 * Reads a facts feed in XLSX (the first worksheet, header row first, the same columns as the CSV).
 * A spreadsheet leaves out empty cells at the end of a row (a company fact has no idNumber), so rows
 * are padded to the header's width; cells are read as text (dates as YYYY-MM-DD) and then exactly as
 * CSV cells are.
 */
export async function parseFeedXlsx(content: Buffer): Promise<unknown[]> {
  let lines: string[][];
  try {
    lines = await xlsxRows(content);
  } catch (error) {
    throw new FeedFormatError(`not a readable XLSX workbook: ${(error as Error).message}`);
  }
  const width = lines[0]?.length ?? 0;
  return feedRowsOf(
    lines.map((cells) => {
      const trimmed = cells.map((c) => c.trim());
      return trimmed.length < width
        ? [...trimmed, ...new Array<string>(width - trimmed.length).fill('')]
        : trimmed;
    }),
  );
}

function feedRowsOf(lines: string[][]): unknown[] {
  if (lines.length === 0) throw new FeedFormatError('the file is empty');
  if (lines.length - 1 > MAX_FEED_ROWS) throw new FeedFormatError(`at most ${MAX_FEED_ROWS} rows per import`);
  const header = readHeader(lines[0]);
  const width = lines[0].length;
  return lines.slice(1).map((cells) => {
    if (cells.length !== width) {
      return new MalformedFeedRow(cells, `expected ${width} cells as in the header, found ${cells.length}`);
    }
    const row: Record<string, unknown> = {};
    let valueCell: string | undefined;
    for (const [i, column] of header.columns) {
      const text = cells[i];
      if (column === 'value') valueCell = text;
      else if (text !== '') row[column] = text;
    }
    const fields = [...header.valueFields].map(([i, name]): [string, string] => [name, cells[i]]);
    const value = valueOf(typeof row.key === 'string' ? row.key : '', valueCell, fields);
    if (value !== undefined) row.value = value;
    return row;
  });
}
