import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { api, bearer, createStaff, expectProblem, TestUser } from '../support/api-client';
import { uniqueDocNo } from '../support/applications';
import { e2eEnv } from '../support/test-env';

/**
 * Bodies that once crashed a parser or were taken for something else: JSON nested thousands of levels
 * deep (a 500 from the validation pipe's recursion, even on /auth/login), `null` where an object is
 * expected (POST /disbursement-batches took it as `{}` and batched every payable grant), and broken
 * multipart (a 500 from the multipart parser). Each is a 400 problem+json naming the problem.
 */

const ZONE = 'ningxiang-htz';
const PROGRAM = 'ningxiang-htz.platform-construction';

function deepJson(levels: number): string {
  return '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
}

function deepArray(levels: number): string {
  return '['.repeat(levels) + ']'.repeat(levels);
}

const BOUNDARY = '----huiqi-test-boundary';
/** A multipart body cut off in the middle of its file (no closing boundary). */
const TRUNCATED = Buffer.from(
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n` +
    'Content-Type: application/pdf\r\n\r\n%PDF-1.4\n1 0 obj <<>> endobj\n',
);
const COMPLETE = Buffer.from(
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n` +
    `Content-Type: text/csv\r\n\r\nuscc,key,period,value\r\n\r\n--${BOUNDARY}--\r\n`,
);

describe('hostile bodies: 400 problem+json, never a 500', () => {
  let finance: TestUser;
  let officer: TestUser;
  let enterprise: { token: string };
  let draftId: string;
  let pg: Client;

  beforeAll(async () => {
    [finance, officer] = await Promise.all([createStaff('finance', ZONE), createStaff('officer', ZONE)]);
    const { registerEnterprise } = await import('../support/api-client');
    enterprise = await registerEnterprise(ZONE);
    const created = await api()
      .post('/applications')
      .set(bearer(enterprise.token))
      .send({
        programCode: PROGRAM,
        fiscalYear: 2026,
        form: {
          platformName: '长沙市新材料工程技术研究中心',
          platformType: 'municipal-platform',
          recognisedOn: '2025-09-01',
          approvalDocumentNo: uniqueDocNo(),
        },
      })
      .expect(201);
    draftId = created.body.id as string;
    pg = new Client({ connectionString: e2eEnv().databaseUrl });
    await pg.connect();
  });
  afterAll(() => pg.end());

  describe('JSON nested deeper than 64 levels', () => {
    it.each([
      ['objects, 2,000 levels', deepJson(2000)],
      ['arrays, 5,000 levels', deepArray(5000)],
      ['65 levels', deepJson(65)],
    ])('POST /auth/login, unauthenticated: %s', async (_, body) => {
      const res = await api().post('/auth/login').set('content-type', 'application/json').send(body);
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([
        { field: 'body', messages: [expect.stringContaining('more than 64 levels')] },
      ]);
    });

    it('an idempotent, authenticated create: refused before the key is claimed', async () => {
      const res = await api()
        .post('/applications')
        .set(bearer(enterprise.token))
        .set('idempotency-key', `deep-${randomBytes(4).toString('hex')}`)
        .set('content-type', 'application/json')
        .send(`{"programCode":"${PROGRAM}","form":${deepJson(3000)}}`);
      expectProblem(res, 400);
      expect(res.body.errors[0].field).toBe('body');
    });

    it('64 levels is still an ordinary body (validated field by field)', async () => {
      const res = await api()
        .post('/auth/login')
        .set('content-type', 'application/json')
        .send(`{"username":${deepJson(63)},"password":"x"}`);
      expectProblem(res, 400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('username');
    });
  });

  describe('a body that is not an object where an object is expected', () => {
    it.each(['null', '[]', '[{}]', '42', '"text"', 'true'])(
      'POST /disbursement-batches with %s creates no batch',
      async (raw) => {
        const before = await pg.query('SELECT count(*)::int AS n FROM disbursement_batches');
        const res = await api()
          .post('/disbursement-batches')
          .set(bearer(finance.token))
          .set('content-type', 'application/json')
          .send(raw);
        expectProblem(res, 400);
        expect(res.body.errors).toEqual([
          { field: 'body', messages: [expect.stringMatching(/^body must be a JSON object, not /)] },
        ]);
        const after = await pg.query('SELECT count(*)::int AS n FROM disbursement_batches');
        expect(after.rows[0].n).toBe(before.rows[0].n);
      },
    );

    it.each([
      ['/auth/login', 'null'],
      ['/auth/register-enterprise', '[]'],
    ])('%s with %s', async (path, raw) => {
      const res = await api().post(path).set('content-type', 'application/json').send(raw);
      expectProblem(res, 400);
      expect(res.body.errors[0].field).toBe('body');
    });
  });

  describe('broken multipart', () => {
    const uploads = () => [
      { path: `/applications/${draftId}/documents/recognition-document`, token: enterprise.token },
      { path: '/bank-statements', token: finance.token },
      { path: '/facts/imports', token: officer.token },
    ];

    it('a truncated body on every upload route', async () => {
      for (const { path, token } of uploads()) {
        const res = await api()
          .post(path)
          .set(bearer(token))
          .set('content-type', `multipart/form-data; boundary=${BOUNDARY}`)
          .send(TRUNCATED);
        expectProblem(res, 400);
        expect(res.body.errors).toEqual([{ field: 'file', messages: [expect.stringMatching(/multipart/i)] }]);
      }
    });

    it('a multipart content type without a boundary on every upload route', async () => {
      for (const { path, token } of uploads()) {
        const res = await api()
          .post(path)
          .set(bearer(token))
          .set('content-type', 'multipart/form-data')
          .send(COMPLETE);
        expectProblem(res, 400);
        expect(res.body.errors).toEqual([{ field: 'file', messages: [expect.stringMatching(/boundary/i)] }]);
      }
    });

    it('the truncated upload left no document behind', async () => {
      const docs = await api().get(`/applications/${draftId}/documents`).set(bearer(enterprise.token));
      expect(docs.status).toBe(200);
      expect(docs.body.items ?? docs.body).toEqual([]);
    });
  });
});
