import ExcelJS from 'exceljs';
import { FeedFormatError, parseFeedCsv, parseFeedXlsx } from './feed-csv';
import { checkFeedRow, MalformedFeedRow } from './feed-rows';

const USCC = '91430124MA4L0EXK55';

describe('parseFeedCsv', () => {
  it('reads scalar, JSON and value.<field> cells into rows shaped like JSON feed rows', () => {
    const csv = [
      '\uFEFFUSCC,Key,Period,Value,Source,idNumber,value.certificateNo,value.grantedOn',
      `${USCC},rnd_expense_fen,2025,1500000000,tax_bureau,,,`,
      `${USCC},high_tech_certificate,,,officer,,GR1,2025-10-11`,
      `${USCC},listing,,"{""exchange"":""SSE"",""ticker"":""688001"",""listedOn"":""2025-01-02""}",stock_exchange,,,`,
      `${USCC},sales_revenue_fen,2025,12.50,tax_bureau,,,`,
      `${USCC},employees,2025`,
    ].join('\n');
    const rows = parseFeedCsv(csv);
    expect(rows.slice(0, 4)).toEqual([
      { uscc: USCC, key: 'rnd_expense_fen', period: '2025', value: 1_500_000_000, source: 'tax_bureau' },
      {
        uscc: USCC,
        key: 'high_tech_certificate',
        value: { certificateNo: 'GR1', grantedOn: '2025-10-11' },
        source: 'officer',
      },
      {
        uscc: USCC,
        key: 'listing',
        value: { exchange: 'SSE', ticker: '688001', listedOn: '2025-01-02' },
        source: 'stock_exchange',
      },
      { uscc: USCC, key: 'sales_revenue_fen', period: '2025', value: '12.50', source: 'tax_bureau' },
    ]);
    expect(rows[4]).toBeInstanceOf(MalformedFeedRow);
  });

  it('never turns a decimal or an unsafe integer into money', () => {
    const rows = parseFeedCsv(
      `uscc,key,period,value,source\n${USCC},rnd_expense_fen,2025,99999999999999999,tax_bureau\n`,
    );
    expect(rows[0]).toMatchObject({ value: '99999999999999999' });
    const checked = checkFeedRow(rows[0], 's');
    expect(checked.ok).toBe(false);
  });

  it.each([
    ['', 'empty'],
    ['uscc,key,value\n', 'missing columns: source'],
    ['uscc,key,value,source,colour\n', 'unknown columns: colour'],
    ['uscc,key,key,value,source\n', 'given twice'],
    ['uscc,key,value,source\n"unterminated,1,2,3\n', 'not a readable CSV'],
  ])('refuses an unusable file: %j', (content, message) => {
    expect(() => parseFeedCsv(content)).toThrow(FeedFormatError);
    expect(() => parseFeedCsv(content)).toThrow(message);
  });
});

describe('checkFeedRow', () => {
  it('upper-cases the USCC and reports every bad field of a row', () => {
    expect(
      checkFeedRow(
        { uscc: USCC.toLowerCase(), key: 'employees', period: 2025, value: 3, source: 'tax_bureau' },
        's',
      ),
    ).toMatchObject({ ok: true, uscc: USCC });
    const bad = checkFeedRow(
      { uscc: 'X', key: 'employees', value: 'many', source: 'nobody', colour: 1 },
      's',
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.issues.map((i) => i.path).sort()).toEqual(['colour', 'period', 'source', 'uscc', 'value']);
    expect(checkFeedRow([1, 2], 's')).toMatchObject({ ok: false, issues: [{ path: '(row)' }] });
  });
});

describe('parseFeedXlsx', () => {
  async function workbook(rows: unknown[][]): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('facts');
    for (const row of rows) sheet.addRow(row);
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  it('reads the first worksheet like a CSV: short rows padded, dates as YYYY-MM-DD, numbers as written', async () => {
    const rows = await parseFeedXlsx(
      await workbook([
        ['uscc', 'key', 'period', 'value', 'source', 'idNumber'],
        ['91430124MA4L8XXXXX', 'rnd_expense_fen', 2025, 120000000, 'tax_bureau'],
        ['91430124MA4L8XXXXX', 'established_on', null, new Date(Date.UTC(2019, 4, 6)), 'market_regulation'],
      ]),
    );
    expect(rows).toEqual([
      {
        uscc: '91430124MA4L8XXXXX',
        key: 'rnd_expense_fen',
        period: '2025',
        value: 120000000,
        source: 'tax_bureau',
      },
      { uscc: '91430124MA4L8XXXXX', key: 'established_on', value: '2019-05-06', source: 'market_regulation' },
    ]);
  });

  it('refuses a file that is no workbook', async () => {
    await expect(parseFeedXlsx(Buffer.from('PK\u0003\u0004 not really a zip'))).rejects.toBeInstanceOf(
      FeedFormatError,
    );
  });
});
