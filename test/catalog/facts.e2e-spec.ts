import { Client } from 'pg';
import {
  api,
  bearer,
  createStaff,
  expectProblem,
  makeUscc,
  registerEnterprise,
  TestEnterprise,
  TestUser,
} from '../support/api-client';
import { connectPg, importRows, makeIdNumber } from './support/catalog-fixtures';

const ZONE = 'ningxiang-htz';

describe('enterprise facts: record, correct, read with history, import feeds', () => {
  let pg: Client;
  let officer: TestUser;
  let policyAdmin: TestUser;
  let otherOfficer: TestUser;
  let director: TestUser;
  let a: TestEnterprise;
  let b: TestEnterprise;
  let foreign: TestEnterprise;

  beforeAll(async () => {
    pg = await connectPg();
    [officer, policyAdmin, otherOfficer, director, a, b, foreign] = await Promise.all([
      createStaff('officer', ZONE),
      createStaff('policy_admin', ZONE),
      createStaff('officer', 'changsha-etdz'),
      createStaff('director', ZONE),
      registerEnterprise(ZONE),
      registerEnterprise(ZONE),
      registerEnterprise('changsha-etdz'),
    ]);
  });
  afterAll(() => pg.end());

  const factRows = async (enterpriseId: string) =>
    (
      await pg.query(`SELECT * FROM enterprise_facts WHERE enterprise_id = $1 ORDER BY received_at`, [
        enterpriseId,
      ])
    ).rows;

  it('records a fact, keeps corrections as history, and does not re-record an unchanged value', async () => {
    const fact = { key: 'rnd_expense_fen', period: '2025', value: 1_200_000_000, source: 'tax_bureau' };
    const first = await api()
      .post(`/enterprises/${a.enterpriseId}/facts`)
      .set(bearer(officer.token))
      .send(fact);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      changed: true,
      fact: {
        key: 'rnd_expense_fen',
        period: '2025',
        value: 1_200_000_000,
        source: 'tax_bureau',
        subject: null,
        current: true,
        recordedBy: { id: officer.id, username: officer.username, role: 'officer' },
        label: { zh: '研发费用', en: 'R&D expense' },
      },
    });
    const same = await api()
      .post(`/enterprises/${a.enterpriseId}/facts`)
      .set(bearer(policyAdmin.token))
      .send(fact);
    expect(same.status).toBe(201);
    expect(same.body).toMatchObject({ changed: false, fact: { id: first.body.fact.id } });

    const corrected = await api()
      .post(`/enterprises/${a.enterpriseId}/facts`)
      .set(bearer(policyAdmin.token))
      .send({ ...fact, value: 1_250_000_000 });
    expect(corrected.body).toMatchObject({ changed: true, fact: { value: 1_250_000_000 } });
    // Another source with the same value is a new version too: the source matters (auto programs trust only some).
    const declared = await api()
      .post(`/enterprises/${a.enterpriseId}/facts`)
      .set(bearer(officer.token))
      .send({ key: 'employees', period: 2025, value: 120, source: 'self_declared' });
    expect(declared.body).toMatchObject({ changed: true, fact: { period: '2025' } });

    expect(await factRows(a.enterpriseId)).toHaveLength(3);

    const current = await api().get(`/enterprises/${a.enterpriseId}/facts`).set(bearer(a.token)).expect(200);
    expect(current.body.history).toBe(false);
    expect(current.body.items).toEqual([
      expect.objectContaining({ key: 'employees', value: 120, current: true }),
      expect.objectContaining({ key: 'rnd_expense_fen', value: 1_250_000_000, current: true }),
    ]);
    const history = await api()
      .get(`/enterprises/${a.enterpriseId}/facts?history=true&key=rnd_expense_fen`)
      .set(bearer(director.token))
      .expect(200);
    expect(history.body.items).toEqual([
      expect.objectContaining({
        value: 1_250_000_000,
        current: true,
        recordedBy: expect.objectContaining({ id: policyAdmin.id }),
      }),
      expect.objectContaining({
        value: 1_200_000_000,
        current: false,
        recordedBy: expect.objectContaining({ id: officer.id }),
      }),
    ]);
    for (const item of history.body.items) expect(Date.parse(item.receivedAt)).not.toBeNaN();

    // Every write asks for an auto-grant check of the enterprise, through the outbox.
    const { rows } = await pg.query(
      `SELECT payload FROM outbox WHERE queue = 'auto-grants' AND payload->>'enterpriseId' = $1`,
      [a.enterpriseId],
    );
    expect(rows).toHaveLength(3);
    // The facts are about fiscal year 2025: once that year is past, the check re-checks it too.
    const thisYear = Number(new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 4));
    expect(rows[0].payload).toEqual({
      kind: 'check-enterprise',
      enterpriseId: a.enterpriseId,
      reason: 'facts-changed',
      ...(thisYear > 2025 ? { fromFiscalYear: 2025 } : {}),
    });
    const audit = await pg.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE stream = $1 AND action = 'enterprise.fact-recorded'`,
      [`enterprise:${a.enterpriseId}`],
    );
    expect(audit.rows[0].n).toBe(3);
  });

  it('hashes the ID number of per-person facts and never stores it', async () => {
    const idNumber = makeIdNumber();
    const res = await api()
      .post(`/enterprises/${b.enterpriseId}/facts`)
      .set(bearer(officer.token))
      .send({
        key: 'talent_recognition',
        value: { tier: 'leading', programme: 'ningxiang-talent', recognisedOn: '2025-04-01' },
        source: 'human_resources',
        idNumber: idNumber.toLowerCase(),
      });
    expect(res.status).toBe(201);
    expect(res.body.fact.subject).toMatch(/^[0-9a-f]{64}$/);
    const stored = await pg.query(`SELECT * FROM enterprise_facts WHERE enterprise_id = $1`, [
      b.enterpriseId,
    ]);
    expect(JSON.stringify(stored.rows)).not.toContain(idNumber.slice(0, 17));
    const outbox = await pg.query(
      `SELECT payload::text AS p FROM outbox WHERE payload->>'enterpriseId' = $1`,
      [b.enterpriseId],
    );
    expect(outbox.rows.map((r) => r.p).join()).not.toContain(idNumber.slice(0, 17));

    const byPerson = await api()
      .get(`/enterprises/${b.enterpriseId}/facts?idNumber=${idNumber}`)
      .set(bearer(officer.token))
      .expect(200);
    expect(byPerson.body.items).toEqual([expect.objectContaining({ subject: res.body.fact.subject })]);
    const nobody = await api()
      .get(`/enterprises/${b.enterpriseId}/facts?idNumber=${makeIdNumber()}`)
      .set(bearer(officer.token))
      .expect(200);
    expect(nobody.body.items).toEqual([]);
  });

  it('names every bad field of a fact and writes nothing', async () => {
    const before = (await factRows(b.enterpriseId)).length;
    const cases: [Record<string, unknown>, string[]][] = [
      [{ key: 'no_such_fact', value: 1, source: 'officer' }, ['key']],
      [{ key: 'rnd_expense_fen', period: '2025', value: 12.5, source: 'tax_bureau' }, ['value']],
      [{ key: 'rnd_expense_fen', value: 100, source: 'stock_exchange' }, ['period', 'source']],
      [
        {
          key: 'high_tech_certificate',
          value: { certificateNo: 'GR2025', grantedOn: '2025-02-30' },
          source: 'officer',
        },
        ['value.grantedOn'],
      ],
      [
        {
          key: 'talent_recognition',
          value: { tier: 'a', programme: 'b', recognisedOn: '2025-01-01' },
          source: 'officer',
        },
        ['idNumber'],
      ],
      [
        { key: 'employees', period: '2025', value: 3, source: 'human_resources', idNumber: makeIdNumber() },
        ['idNumber'],
      ],
      [
        { key: 'employees', period: '2025', value: 3, source: 'human_resources', subject: 'x'.repeat(20) },
        ['subject'],
      ],
    ];
    for (const [body, fields] of cases) {
      const res = await api()
        .post(`/enterprises/${b.enterpriseId}/facts`)
        .set(bearer(officer.token))
        .send(body);
      expectProblem(res, 400);
      expect((res.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(fields);
    }
    expect(await factRows(b.enterpriseId)).toHaveLength(before);
  });

  it('keeps facts within scope: other zones and other enterprises get 404, readers cannot write', async () => {
    const fact = { key: 'employees', period: '2025', value: 10, source: 'human_resources' };
    expectProblem(
      await api().post(`/enterprises/${a.enterpriseId}/facts`).set(bearer(otherOfficer.token)).send(fact),
      404,
    );
    expectProblem(
      await api().get(`/enterprises/${a.enterpriseId}/facts`).set(bearer(otherOfficer.token)),
      404,
    );
    expectProblem(await api().get(`/enterprises/${a.enterpriseId}/facts`).set(bearer(b.token)), 404);
    expectProblem(
      await api().post(`/enterprises/${a.enterpriseId}/facts`).set(bearer(a.token)).send(fact),
      403,
    );
    expectProblem(
      await api().post(`/enterprises/${a.enterpriseId}/facts`).set(bearer(director.token)).send(fact),
      403,
    );
    expectProblem(await api().get(`/enterprises/not-a-uuid/facts`).set(bearer(officer.token)), 404);
  });

  it('imports a JSON feed: bad rows reported by row and field, good rows written, once', async () => {
    const [c, d] = await Promise.all([registerEnterprise(ZONE), registerEnterprise(ZONE)]);
    const idNumber = makeIdNumber();
    const rows = [
      { uscc: c.uscc, key: 'rnd_expense_fen', period: '2025', value: 900_000_000, source: 'tax_bureau' },
      {
        uscc: d.uscc.toLowerCase(),
        key: 'listing',
        value: { exchange: 'SSE', ticker: '688001', listedOn: '2025-07-01' },
        source: 'stock_exchange',
      },
      {
        uscc: c.uscc,
        key: 'talent_recognition',
        value: { tier: 'leading', programme: 'p', recognisedOn: '2025-01-02' },
        source: 'officer',
        idNumber,
      },
      {
        uscc: c.uscc.slice(0, 17) + (c.uscc[17] === '0' ? '1' : '0'),
        key: 'employees',
        period: 2025,
        value: 5,
        source: 'tax_bureau',
      },
      { uscc: makeUscc(), key: 'employees', period: 2025, value: 5, source: 'tax_bureau' },
      { uscc: foreign.uscc, key: 'employees', period: 2025, value: 5, source: 'tax_bureau' },
      {
        uscc: d.uscc,
        key: 'high_tech_certificate',
        value: { certificateNo: 'GR1', grantedOn: 'soon' },
        source: 'officer',
      },
      { uscc: c.uscc, key: 'rnd_expense_fen', period: '2025', value: 900_000_000, source: 'tax_bureau' },
      { uscc: c.uscc, key: 'rnd_expense_fen', period: '2025', value: 1, source: 'tax_bureau' },
      'not a row',
      { uscc: d.uscc, key: 'employees', period: 2025, value: 7, source: 'tax_bureau', colour: 'red' },
    ];
    const res = await importRows(officer.token, rows);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      zoneCode: ZONE,
      format: 'json',
      rows: 11,
      written: 3,
      unchanged: 0,
      duplicates: 1,
      rejected: 7,
      enterprises: 2,
      replayed: false,
      errorsTruncated: false,
    });
    expect(res.body.errors).toEqual([
      { row: 4, field: 'uscc', message: expect.stringContaining('check character') },
      { row: 5, field: 'uscc', message: expect.stringContaining('your zone') },
      { row: 6, field: 'uscc', message: expect.stringContaining('your zone') },
      { row: 7, field: 'value.grantedOn', message: expect.any(String) },
      { row: 9, field: 'value', message: expect.stringContaining('row 1') },
      { row: 10, field: '(row)', message: expect.any(String) },
      { row: 11, field: 'colour', message: 'unknown field' },
    ]);
    const stored = await pg.query(
      `SELECT enterprise_id, key, subject, feed_id FROM enterprise_facts WHERE feed_id = $1`,
      [res.body.id],
    );
    expect(stored.rows).toHaveLength(3);
    expect(stored.rows.find((r) => r.key === 'talent_recognition')?.subject).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored.rows)).not.toContain(idNumber.slice(0, 17));

    // The feed had rejected rows, so sending it again runs again: nothing new is written.
    const again = await importRows(officer.token, rows);
    expect(again.body).toMatchObject({
      written: 0,
      unchanged: 3,
      duplicates: 1,
      rejected: 7,
      replayed: false,
    });
    expect(again.body.id).not.toBe(res.body.id);

    const view = await api().get(`/facts/imports/${res.body.id}`).set(bearer(policyAdmin.token)).expect(200);
    expect(view.body).toMatchObject({ id: res.body.id, written: 3, errors: res.body.errors });
    expectProblem(await api().get(`/facts/imports/${res.body.id}`).set(bearer(otherOfficer.token)), 404);
    const list = await api().get('/facts/imports').set(bearer(officer.token)).expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual(
      expect.arrayContaining([res.body.id, again.body.id]),
    );
  });

  it('replays a clean feed and refuses a feedRef reused for other content', async () => {
    const e = await registerEnterprise(ZONE);
    const rows = [
      { uscc: e.uscc, key: 'sales_revenue_fen', period: '2024', value: 5_000_000_000, source: 'tax_bureau' },
      { uscc: e.uscc, key: 'sales_revenue_fen', period: '2025', value: 6_000_000_000, source: 'tax_bureau' },
    ];
    const feedRef = `tax-bureau-${e.uscc}`;
    const first = await importRows(policyAdmin.token, rows, feedRef);
    expect(first.body).toMatchObject({ written: 2, rejected: 0, replayed: false, feedRef });
    const replay = await importRows(policyAdmin.token, rows, feedRef);
    expect(replay.body).toMatchObject({ id: first.body.id, written: 2, replayed: true });
    // Without a feedRef the content identifies the feed.
    const anonymous = await importRows(policyAdmin.token, rows.slice(0, 1));
    expect(anonymous.body).toMatchObject({ written: 0, unchanged: 1, replayed: false });
    const anonymousAgain = await importRows(policyAdmin.token, rows.slice(0, 1));
    expect(anonymousAgain.body).toMatchObject({ id: anonymous.body.id, replayed: true });

    const changed = await importRows(policyAdmin.token, [{ ...rows[0], value: 5_100_000_000 }], feedRef);
    expectProblem(changed, 409);
    expect(changed.body.errors).toEqual([{ field: 'feedRef', messages: [expect.any(String)] }]);
    expect(await factRows(e.enterpriseId)).toHaveLength(2);

    const auditRows = await pg.query(
      `SELECT data FROM audit_events WHERE action = 'facts.feed-imported' AND data->>'importId' = $1`,
      [first.body.id],
    );
    expect(auditRows.rows).toHaveLength(1);
  });

  it('imports a CSV feed (multipart) with scalar, JSON and value.<field> cells', async () => {
    const e = await registerEnterprise(ZONE);
    const idNumber = makeIdNumber();
    const csv = [
      'uscc,key,period,value,source,idNumber,value.certificateNo,value.grantedOn',
      `${e.uscc},rnd_expense_fen,2025,1500000000,tax_bureau,,,`,
      `${e.uscc},high_tech_certificate,,,science_technology_bureau,,GR202543000123,2025-10-11`,
      `${e.uscc},listing,,"{""exchange"":""SZSE"",""ticker"":""300001"",""listedOn"":""2025-03-03""}",stock_exchange,,,`,
      `${e.uscc},talent_recognition,,"{""tier"":""research"",""programme"":""p"",""recognisedOn"":""2025-05-05""}",officer,${idNumber},,`,
      `${e.uscc},sales_revenue_fen,2025,1234.5,tax_bureau,,,`,
      `${e.uscc},employees,2025,12`,
      '',
    ].join('\r\n');
    const res = await api()
      .post('/facts/imports?feedRef=csv-feed-' + e.uscc)
      .set(bearer(officer.token))
      .attach('file', Buffer.from(`\uFEFF${csv}`, 'utf8'), { filename: 'feed.csv', contentType: 'text/csv' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ format: 'csv', fileName: 'feed.csv', rows: 6, written: 4, rejected: 2 });
    expect(res.body.errors).toEqual([
      { row: 5, field: 'value', message: expect.any(String) },
      { row: 6, field: '(row)', message: expect.stringContaining('cells') },
    ]);
    const facts = await api().get(`/enterprises/${e.enterpriseId}/facts`).set(bearer(e.token)).expect(200);
    expect(facts.body.items.map((f: { key: string }) => f.key).sort()).toEqual([
      'high_tech_certificate',
      'listing',
      'rnd_expense_fen',
      'talent_recognition',
    ]);
    expect(facts.body.items.find((f: { key: string }) => f.key === 'high_tech_certificate').value).toEqual({
      certificateNo: 'GR202543000123',
      grantedOn: '2025-10-11',
    });

    const headerless = await api()
      .post('/facts/imports')
      .set(bearer(officer.token))
      .attach('file', Buffer.from('a,b,c\n1,2,3\n'), 'bad.csv');
    expectProblem(headerless, 400);
    expect(headerless.body.errors[0].field).toBe('file');
    const latin1 = await api()
      .post('/facts/imports')
      .set(bearer(officer.token))
      .attach('file', Buffer.from([0x75, 0x73, 0x63, 0x63, 0xff, 0xfe, 0x0a]), 'gbk.csv');
    expectProblem(latin1, 400);
    expectProblem(await api().post('/facts/imports').set(bearer(officer.token)).send({ rows: [] }), 400);
    expectProblem(
      await api()
        .post('/facts/imports')
        .set(bearer(a.token))
        .send({ rows: [{}] }),
      403,
    );
  });
});
