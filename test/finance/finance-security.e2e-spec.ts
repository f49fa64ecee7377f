import {
  api,
  bearer,
  createStaff,
  expectProblem,
  registerEnterprise,
  TestEnterprise,
  TestUser,
} from '../support/api-client';
import { act } from '../support/applications';
import { sql } from '../support/db';
import {
  approvedGrant,
  Grant,
  MUNICIPAL_FEN,
  privateFiscalYear,
  PROGRAM,
  stateOf,
  ZONE,
} from './support/grants';
import { bankDate } from '../support/bank-dates';

const HEADER = 'transaction_id,value_date,direction,amount,payment_reference,status';

/**
 * Only finance staff of the zone see or touch its batches, statements and clawbacks; its auditors
 * read them; other roles get 403 and other zones 404. Clawbacks: an enterprise reads its own notice.
 */
describe('finance: roles, zones and clawbacks', () => {
  let fiscalYear: number;
  let finance: TestUser;
  let auditor: TestUser;
  let officer: TestUser;
  let director: TestUser;
  let otherZoneFinance: TestUser;
  let stranger: TestEnterprise;
  let grant: Grant;
  let batchId: string;
  let statementId: string;
  let paymentReference: string;

  beforeAll(async () => {
    fiscalYear = await privateFiscalYear();
    [finance, auditor, officer, director, otherZoneFinance, stranger] = await Promise.all([
      createStaff('finance', ZONE),
      createStaff('auditor', ZONE),
      createStaff('officer', ZONE),
      createStaff('director', ZONE),
      createStaff('finance', 'changsha-etdz'),
      registerEnterprise(ZONE),
    ]);
    await api()
      .post('/fund-pools')
      .set(bearer(finance.token))
      .send({ programCode: PROGRAM, fiscalYear, allocatedFen: 2 * MUNICIPAL_FEN })
      .expect(201);
    grant = await approvedGrant(officer, fiscalYear);
    const batch = await api()
      .post('/disbursement-batches')
      .set(bearer(finance.token))
      .send({ applicationIds: [grant.id] })
      .expect(201);
    batchId = batch.body.id;
    paymentReference = batch.body.items[0].paymentReference;
    await api().post(`/disbursement-batches/${batchId}/lock`).set(bearer(finance.token)).send().expect(200);
    await api().post(`/disbursement-batches/${batchId}/export`).set(bearer(finance.token)).send().expect(200);
  });

  it('a statement of another zone cannot settle this zone’s payments', async () => {
    const theirs = await api()
      .post('/bank-statements')
      .set(bearer(otherZoneFinance.token))
      .send({
        fileName: 'x.csv',
        content: `${HEADER}\nZ-1,${bankDate()},debit,500000.00,${paymentReference},success`,
      })
      .expect(201);
    expect(theirs.body.lines[0]).toMatchObject({ outcome: 'unknown_reference' });
    expect(await stateOf(finance.token, grant.id)).toBe('disbursing');

    const ours = await api()
      .post('/bank-statements')
      .set(bearer(finance.token))
      .send({
        fileName: 'ours.csv',
        content: `${HEADER}\nZ-1,${bankDate()},debit,500000.00,${paymentReference},success`,
      })
      .expect(201);
    expect(ours.body.lines[0]).toMatchObject({ outcome: 'matched' });
    statementId = ours.body.id;
    expect(await stateOf(finance.token, grant.id)).toBe('paid');
  });

  it('other roles get 403 on every finance endpoint', async () => {
    const calls = (id: string) => [
      api().get('/disbursement-batches'),
      api().get(`/disbursement-batches/${id}`),
      api().get(`/disbursement-batches/${id}/reconciliation`),
      api().post('/disbursement-batches').send({ fiscalYear }),
      api().post('/disbursement-batches/preview').send({ fiscalYear }),
      api().post(`/disbursement-batches/${id}/lock`).send(),
      api().post(`/disbursement-batches/${id}/export`).send(),
      api().post(`/disbursement-batches/${id}/cancel`).send({ reason: 'x' }),
      api().get('/bank-statements'),
      api().get(`/bank-statements/${statementId}`),
      api().post('/bank-statements').send({ fileName: 'a.csv', content: 'value_date,amount' }),
      api().post('/clawbacks').send({ applicationId: grant.id, amountFen: 1, reason: 'x' }),
    ];
    for (const user of [officer, director, grant.enterprise]) {
      for (const call of calls(batchId)) expectProblem(await call.set(bearer(user.token)), 403);
    }
    // The money in summary is also for the zone's directors; not for officers or enterprises.
    for (const user of [officer, grant.enterprise]) {
      expectProblem(await api().get('/finance-reports').set(bearer(user.token)), 403);
    }
    await api().get('/finance-reports').set(bearer(director.token)).expect(200);
    await api().get('/finance-reports/report.csv').set(bearer(director.token)).expect(200);
  });

  it('auditors of the zone read everything and change nothing', async () => {
    for (const path of [
      `/disbursement-batches/${batchId}`,
      `/disbursement-batches/${batchId}/reconciliation`,
      `/disbursement-batches/${batchId}/reconciliation.csv`,
      `/disbursement-batches/${batchId}/history`,
      `/bank-statements/${statementId}`,
      `/bank-statements/${statementId}/report.csv`,
      '/finance-reports',
    ]) {
      await api().get(path).set(bearer(auditor.token)).expect(200);
    }
    for (const call of [
      api().post('/disbursement-batches').send({ fiscalYear }),
      api().post('/disbursement-batches/preview').send({ fiscalYear }),
      api().post(`/disbursement-batches/${batchId}/export`).send(),
      api().post('/bank-statements').send({ fileName: 'a.csv', content: 'value_date,amount' }),
      api().post('/clawbacks').send({ applicationId: grant.id, amountFen: 1, reason: 'x' }),
    ]) {
      expectProblem(await call.set(bearer(auditor.token)), 403);
    }
  });

  it('finance of another zone gets 404 for this zone’s batches and statements, and never lists them', async () => {
    for (const req of [
      api().get(`/disbursement-batches/${batchId}`),
      api().get(`/disbursement-batches/${batchId}/reconciliation.csv`),
      api().post(`/disbursement-batches/${batchId}/lock`).send(),
      api().post(`/disbursement-batches/${batchId}/export`).send(),
      api().post(`/disbursement-batches/${batchId}/cancel`).send({ reason: 'x' }),
      api().get(`/bank-statements/${statementId}`),
      api().get(`/bank-statements/${statementId}/report.csv`),
    ]) {
      expectProblem(await req.set(bearer(otherZoneFinance.token)), 404);
    }
    const batches = await api()
      .get('/disbursement-batches')
      .query({ pageSize: 100 })
      .set(bearer(otherZoneFinance.token));
    expect(batches.body.items.map((b: { id: string }) => b.id)).not.toContain(batchId);
    const statements = await api()
      .get('/bank-statements')
      .query({ pageSize: 100 })
      .set(bearer(otherZoneFinance.token));
    expect(statements.body.items.map((s: { id: string }) => s.id)).not.toContain(statementId);
    const clawback = await api()
      .post('/clawbacks')
      .set(bearer(otherZoneFinance.token))
      .send({ applicationId: grant.id, amountFen: 1, reason: 'x' });
    expectProblem(clawback, 400);
    expect(clawback.body.errors[0].field).toBe('applicationId');
  });

  it('names the bad field of bad finance requests', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['/disbursement-batches', { approvedFrom: '2026-02-30' }, 'approvedFrom'],
      ['/disbursement-batches', { applicationIds: ['nope'] }, 'applicationIds'],
      ['/disbursement-batches', { fiscalYear: 1999 }, 'fiscalYear'],
      ['/bank-statements', { fileName: 'a.csv' }, 'content'],
      ['/bank-statements', { fileName: '../a.csv', content: 'value_date,amount' }, 'fileName'],
      ['/bank-statements', { fileName: 'a.csv', content: 'date;amount\n2026-01-01;1' }, 'content'],
      ['/clawbacks', { applicationId: grant.id, amountFen: 1.5, reason: 'x' }, 'amountFen'],
      ['/clawbacks', { applicationId: grant.id, amountFen: 0, reason: 'x' }, 'amountFen'],
      ['/clawbacks', { applicationId: grant.id, amountFen: MUNICIPAL_FEN + 1, reason: 'x' }, 'amountFen'],
    ];
    for (const [path, body, field] of cases) {
      const res = await api().post(path).set(bearer(finance.token)).send(body);
      expectProblem(res, 400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('a false claim after payment: demand notice to the enterprise, blacklist, partial then full recovery', async () => {
    await act(director.token, grant.id, { type: 'report_false_claim', comment: '虚假申报' }).expect(200);
    expect(await stateOf(finance.token, grant.id)).toBe('clawback_required');
    const blacklisted = await sql('SELECT 1 FROM enterprise_blacklist WHERE enterprise_id = $1', [
      grant.enterprise.enterpriseId,
    ]);
    expect(blacklisted).toHaveLength(1);

    const mine = await api().get('/clawbacks').set(bearer(grant.enterprise.token)).expect(200);
    expect(mine.body.items).toHaveLength(1);
    const clawback = mine.body.items[0];
    expect(clawback).toMatchObject({
      amountFen: MUNICIPAL_FEN,
      outstandingFen: MUNICIPAL_FEN,
      state: 'open',
      source: 'workflow',
    });
    const notice = await api()
      .get(`/clawbacks/${clawback.id}/notice`)
      .set(bearer(grant.enterprise.token))
      .expect(200);
    expect(notice.headers['content-type']).toMatch(/^text\/plain/);
    expect(notice.text).toContain(clawback.reference);
    expect(notice.text).toContain('500000.00');
    expectProblem(await api().get(`/clawbacks/${clawback.id}`).set(bearer(stranger.token)), 404);
    expectProblem(await api().get(`/clawbacks/${clawback.id}`).set(bearer(otherZoneFinance.token)), 404);

    const credit = (txn: string, amount: string) =>
      api()
        .post('/bank-statements')
        .set(bearer(finance.token))
        .send({
          fileName: `${txn}.csv`,
          content: `${HEADER}\n${txn},${bankDate(1)},credit,${amount},${clawback.reference},success`,
        })
        .expect(201);
    expect((await credit('CR-1', '200000.00')).body.lines[0]).toMatchObject({ outcome: 'recovered' });
    expect((await credit('CR-2', '300000.01')).body.lines[0]).toMatchObject({ outcome: 'amount_mismatch' });
    expect(await stateOf(finance.token, grant.id)).toBe('clawback_required');
    expect((await credit('CR-3', '300000.00')).body.lines[0]).toMatchObject({ outcome: 'recovered' });
    expect(await stateOf(finance.token, grant.id)).toBe('clawed_back');

    const settled = await api().get(`/clawbacks/${clawback.id}`).set(bearer(finance.token)).expect(200);
    expect(settled.body).toMatchObject({ state: 'settled', recoveredFen: MUNICIPAL_FEN, outstandingFen: 0 });
    expect(
      settled.body.recoveries.map((r: { amountFen: number; method: string }) => [r.amountFen, r.method]),
    ).toEqual([
      [20_000_000, 'statement-credit'],
      [30_000_000, 'statement-credit'],
    ]);
  });
});
