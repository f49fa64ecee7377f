import { CsvError, parse } from 'csv-parse/sync';

/**
 * Reads a bank statement's CSV with csv-parse (a well-kept library rather than a reader of our own):
 * RFC 4180 as spreadsheet software and bank exports write it, a leading BOM ignored, fields trimmed,
 * empty lines skipped, rows of any length (the header mapping checks the columns it needs).
 */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    /** 1-based physical line of the file where the problem is. */
    readonly line: number,
  ) {
    super(`${message} at line ${line}`);
    this.name = 'CsvSyntaxError';
  }
}

/** Every record of `text` as arrays of fields; a malformed file throws a CsvSyntaxError with its line. */
export function readCsv(text: string): string[][] {
  // Some banks export "CSV" separated by tabs: the header line tells.
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  try {
    return parse(text, {
      delimiter,
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) {
      const line =
        typeof (error as CsvError & { lines?: number }).lines === 'number'
          ? (error as CsvError & { lines: number }).lines
          : 1;
      throw new CsvSyntaxError(
        error.message.replace(/^[A-Za-z ]*:\s*/, '').replace(/ at line \d+.*$/, ''),
        line,
      );
    }
    throw error;
  }
}
