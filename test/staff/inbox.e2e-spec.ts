import { Workbook } from 'exceljs';
import {
  api,
  bearer,
  createStaff,
  expectProblem,
  registerEnterprise,
  TestEnterprise,
  TestUser,
  uniqueName,
} from '../support/api-client';
import { ensurePool } from '../support/applications';
import { caseInFirstReview, PLATFORM } from './cases';

interface Item {
  id: string;
  reference: string;
  enterpriseName: string;
  state: string;
  assigneeId: string | null;
  deadline: { stage: string; dueAt: string; workingDaysLeft: number } | null;
}

/** Collects a response body as a Buffer (supertest only buffers text types by default). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function binary(res: any, cb: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

describe('staff inbox: search, filters, sort, pages, countdowns, export', () => {
  let officer: TestUser;
  let officer2: TestUser;
  let otherZoneOfficer: TestUser;
  let formulaEnterprise: TestEnterprise;
  let plainEnterprise: TestEnterprise;
  const ids: string[] = [];
  const token = uniqueName('检索').replace('-', '');

  beforeAll(async () => {
    [officer, officer2, otherZoneOfficer] = await Promise.all([
      createStaff('officer', 'ningxiang-htz'),
      createStaff('officer', 'ningxiang-htz'),
      createStaff('officer', 'changsha-etdz'),
    ]);
    const finance = await createStaff('finance', 'ningxiang-htz');
    await ensurePool(finance.token, PLATFORM, 2026, 10_000_000_000);
    // A name a spreadsheet would run as a formula, and a plain one; both carry the test's search token.
    formulaEnterprise = await registerEnterprise('ningxiang-htz', {
      name: `=HYPERLINK("x")${token}科技有限公司`,
    });
    plainEnterprise = await registerEnterprise('ningxiang-htz', { name: `长沙${token}储能材料有限公司` });
    ids.push(await caseInFirstReview(formulaEnterprise, officer));
    ids.push(await caseInFirstReview(plainEnterprise, officer));
    ids.push(await caseInFirstReview(plainEnterprise, officer2));
  });

  const inbox = (user: TestUser, query: Record<string, unknown>) =>
    api().get('/applications').query(query).set(bearer(user.token));

  it('finds cases by case number (whole or beginning), USCC and any part of the enterprise name', async () => {
    const all = await inbox(officer, { q: token, pageSize: 100 }).expect(200);
    expect(all.body.items.map((i: Item) => i.id).sort()).toEqual([...ids].sort());
    expect(all.body.total).toBe(3);

    const first = all.body.items.find((i: Item) => i.id === ids[1]) as Item;
    const byRef = await inbox(officer, { q: first.reference }).expect(200);
    expect(byRef.body.items.map((i: Item) => i.id)).toEqual([ids[1]]);
    const byRefLower = await inbox(officer, { q: first.reference.toLowerCase() }).expect(200);
    expect(byRefLower.body.items.map((i: Item) => i.id)).toEqual([ids[1]]);

    const byUscc = await inbox(officer, { q: plainEnterprise.uscc, pageSize: 100 }).expect(200);
    expect(byUscc.body.items.map((i: Item) => i.id).sort()).toEqual([ids[1], ids[2]].sort());

    const byNamePart = await inbox(officer, { q: `${token}储能`, pageSize: 100 }).expect(200);
    expect(byNamePart.body.items.map((i: Item) => i.id).sort()).toEqual([ids[1], ids[2]].sort());

    // LIKE wildcards are text, not patterns.
    const wildcard = await inbox(officer, { q: '%_%' }).expect(200);
    expect(wildcard.body.items.every((i: Item) => i.enterpriseName.includes('%_%'))).toBe(true);
  });

  it('never shows another zone: search, USCC and the export of another zone are empty', async () => {
    for (const q of [token, plainEnterprise.uscc]) {
      const res = await inbox(otherZoneOfficer, { q }).expect(200);
      expect(res.body).toMatchObject({ items: [], total: 0 });
    }
    const csv = await api()
      .get('/applications/export')
      .query({ q: token, format: 'csv' })
      .set(bearer(otherZoneOfficer.token))
      .expect(200);
    expect(csv.text.trim().split('\r\n')).toHaveLength(1); // the header only
    // The enterprise sees its own cases only, search included.
    const own = await inbox(plainEnterprise as TestUser, { q: token, pageSize: 100 }).expect(200);
    expect(own.body.items.map((i: Item) => i.id).sort()).toEqual([ids[1], ids[2]].sort());
  });

  it('filters by stage and assignee (mine, unassigned, a colleague), sorts, and pages without overlap', async () => {
    const mine = await inbox(officer2, { q: token, assignee: 'mine' }).expect(200);
    expect(mine.body.items.map((i: Item) => i.id)).toEqual([ids[2]]);
    const colleague = await inbox(officer2, { q: token, assignee: officer.id, pageSize: 100 }).expect(200);
    expect(colleague.body.items.map((i: Item) => i.id).sort()).toEqual([ids[0], ids[1]].sort());
    const unassigned = await inbox(officer, { q: token, assignee: 'unassigned' }).expect(200);
    expect(unassigned.body.total).toBe(0);
    const stage = await inbox(officer, { q: token, stage: 'first_review', pageSize: 100 }).expect(200);
    expect(stage.body.total).toBe(3);
    const other = await inbox(officer, { q: token, stage: 'director_approval' }).expect(200);
    expect(other.body.total).toBe(0);

    const byRef = await inbox(officer, { q: token, sort: '-reference', pageSize: 100 }).expect(200);
    const refs = byRef.body.items.map((i: Item) => i.reference);
    expect(refs).toEqual([...refs].sort().reverse());

    const pages = [];
    for (const page of [1, 2, 3]) {
      const res = await inbox(officer, { q: token, sort: 'reference', pageSize: 1, page }).expect(200);
      expect(res.body).toMatchObject({ total: 3, page, pageSize: 1 });
      pages.push(res.body.items[0].reference);
    }
    expect(pages).toEqual([...refs].reverse());
  });

  it('shows each deadline as working days left', async () => {
    const res = await inbox(officer, { q: token, pageSize: 100 }).expect(200);
    for (const item of res.body.items as Item[]) {
      expect(item.deadline).toMatchObject({ stage: 'first_review' });
      expect(Number.isInteger(item.deadline!.workingDaysLeft)).toBe(true);
      expect(item.deadline!.workingDaysLeft).toBeGreaterThanOrEqual(1);
    }
  });

  it('names the bad parameter: unknown sort, assignee or stage is a 400', async () => {
    for (const [field, value] of [
      ['sort', 'name; drop table'],
      ['assignee', 'everyone'],
      ['stage', 'nowhere'],
      ['q', 'x'.repeat(101)],
    ]) {
      const res = await inbox(officer, { [field]: value });
      expectProblem(res, 400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('exports the current list as XLSX with Chinese headers and text cells, and as formula-safe CSV', async () => {
    const xlsx = await api()
      .get('/applications/export')
      .query({ q: token, sort: 'reference' })
      .set(bearer(officer.token))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const book = new Workbook();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await book.xlsx.load(xlsx.body as any);
    const sheet = book.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('案件编号');
    expect(sheet.getRow(1).getCell(3).value).toBe('统一社会信用代码');
    expect(sheet.rowCount).toBe(4);
    const usccs = [2, 3, 4].map((r) => sheet.getRow(r).getCell(3).value);
    for (const uscc of usccs) expect(typeof uscc).toBe('string');
    expect(usccs).toContain(plainEnterprise.uscc);
    expect(sheet.getRow(2).getCell(10).value).toBe('2000000.00');

    const csv = await api()
      .get('/applications/export')
      .query({ q: token, format: 'csv' })
      .set(bearer(officer.token))
      .expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.startsWith('\uFEFF案件编号,企业名称,统一社会信用代码')).toBe(true);
    expect(csv.text).toContain(`'=HYPERLINK`);
    expect(csv.text).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('is staff only: an enterprise user cannot export', async () => {
    const res = await api().get('/applications/export').set(bearer(plainEnterprise.token));
    expectProblem(res, 403);
  });
});
