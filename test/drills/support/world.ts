import { randomBytes } from 'node:crypto';
import { rndProgram } from '../../catalog/support/catalog-fixtures';
import {
  createStaff,
  Enterprise,
  fileForm,
  login,
  PLATFORM,
  platformForm,
  registerEnterprise,
  User,
  yuan,
} from './actors';
import { FISCAL_YEAR, waitForState } from './flows';
import { DrillHttp, expectStatus, sleep } from './http';
import { DrillStack } from './stack';
import { bankDate } from '../../support/bank-dates';

export const ZONE_A = PLATFORM.zone; // ningxiang-htz: where the objects live
export const ZONE_B = 'changsha-etdz'; // the other zone
export const ZONE_X = 'xixian-new-area'; // the talent plan's zone (installment plans, sweeps)
export const STAFF_ROLES = ['officer', 'director', 'expert', 'finance', 'policy_admin', 'auditor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

const TALENT_PLAN = 'xixian-new-area.innovative-talents-plan';

/** A valid resident ID number (GB 11643 check character) for a random person. */
export function idNumber(): string {
  const first17 = `610402198${Math.floor(Math.random() * 10)}0${1 + Math.floor(Math.random() * 9)}1${Math.floor(
    Math.random() * 10,
  )}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

/**
 * Real objects of every kind the api has, created through the api on a drill stack: most in zone A
 * (owned by enterprise A), the talent plan's in zone X, and the callers that must not see them: another
 * enterprise of zone A, and staff of every role in zone B.
 */
export interface World {
  http: DrillHttp;
  admin: User;
  staffA: Record<StaffRole, User>;
  staffB: Record<StaffRole, User>;
  staffX: Record<StaffRole, User>;
  entA: Enterprise;
  entB: Enterprise;
  entZoneB: Enterprise;
  entX: Enterprise;
  ids: Record<string, string>;
}

async function staffOf(http: DrillHttp, admin: string, zone: string): Promise<Record<StaffRole, User>> {
  const users = await Promise.all(STAFF_ROLES.map((role) => createStaff(http, admin, role, zone)));
  return Object.fromEntries(STAFF_ROLES.map((r, i) => [r, users[i]])) as Record<StaffRole, User>;
}

async function eventually<T>(
  what: string,
  read: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await read();
    if (value !== undefined) return value;
    await sleep(200);
  }
  throw new Error(`${what} did not appear within ${timeoutMs} ms`);
}

export async function buildWorld(stack: DrillStack, options: { routes: Set<string> }): Promise<World> {
  const http = stack.http();
  const adminToken = await login(http, stack.adminUsername, stack.adminPassword);
  const adminUser = expectStatus(await http.get('/auth/me', { token: adminToken }), 200).body;
  const admin: User = {
    id: adminUser.id,
    username: stack.adminUsername,
    password: stack.adminPassword,
    token: adminToken,
    role: 'admin',
    zoneCode: '',
  };
  // One zone's staff at a time: 18 password hashes at once outlast the 30 s request timeout on a
  // loaded 2-core machine.
  const staffA = await staffOf(http, adminToken, ZONE_A);
  const staffB = await staffOf(http, adminToken, ZONE_B);
  const staffX = await staffOf(http, adminToken, ZONE_X);
  // Each registers with a bank account its zone's finance verifies (payments use verified accounts only).
  const [entA, entB, entZoneB, entX] = await Promise.all([
    registerEnterprise(http, ZONE_A, undefined, staffA.finance.token),
    registerEnterprise(http, ZONE_A, undefined, staffA.finance.token),
    registerEnterprise(http, ZONE_B, undefined, staffB.finance.token),
    registerEnterprise(http, ZONE_X, undefined, staffX.finance.token),
  ]);
  const ids: Record<string, string> = {
    enterprise: entA.enterpriseId,
    user: staffA.officer.id,
    calendarScope: ZONE_A,
    documentType: PLATFORM.document,
  };
  const A = staffA;

  // A change of enterprise A's bank account, waiting for zone A's finance to verify it.
  ids.bankAccountChange = expectStatus(
    await http.request('PUT', `/enterprises/${entA.enterpriseId}/bank-account`, {
      token: entA.token,
      body: { bankName: '长沙银行宁乡支行', accountName: entA.name, accountNo: '6222020100009999' },
    }),
    200,
  ).body.bankAccountChange.id;

  // A colleague of enterprise A.
  ids.colleague = expectStatus(
    await http.post(
      `/enterprises/${entA.enterpriseId}/users`,
      { username: `colleague-${randomBytes(4).toString('hex')}`, password: 'colleague-password' },
      { token: entA.token },
    ),
    201,
  ).body.id;

  // A fact enterprise A declared (一企一档), pending, with its evidence.
  ids.declaredFact = expectStatus(
    await http.post(
      `/enterprises/${entA.enterpriseId}/declared-facts`,
      { key: 'employees', period: '2026', value: 50 },
      { token: entA.token },
    ),
    201,
  ).body.id;
  ids.evidence = expectStatus(
    await http.request(
      'POST',
      `/enterprises/${entA.enterpriseId}/declared-facts/${ids.declaredFact}/evidence`,
      {
        token: entA.token,
        form: fileForm(),
      },
    ),
    201,
  ).body.id;

  // Applications of enterprise A: one in first review (with its document), two approved grants.
  expectStatus(
    await http.post(
      '/fund-pools',
      { programCode: PLATFORM.program, fiscalYear: FISCAL_YEAR, allocatedFen: 20 * 50_000_000 },
      { token: A.finance.token },
    ),
    201,
  );
  ids.pool = (
    await http.get('/fund-pools', { token: A.finance.token, query: { fiscalYear: FISCAL_YEAR } })
  ).body.items[0].id;
  const apply = async () => {
    const created = expectStatus(
      await http.post(
        '/applications',
        {
          programCode: PLATFORM.program,
          fiscalYear: FISCAL_YEAR,
          form: platformForm('municipal-platform', randomBytes(4).toString('hex')),
        },
        { token: entA.token },
      ),
      201,
    );
    const doc = expectStatus(
      await http.request('POST', `/applications/${created.body.id}/documents/${PLATFORM.document}`, {
        token: entA.token,
        form: fileForm(),
      }),
      201,
    );
    expectStatus(await http.post(`/applications/${created.body.id}/submit`, {}, { token: entA.token }), 200);
    await waitForState(stack, created.body.id, 'first_review');
    return { id: created.body.id as string, docId: doc.body.id as string };
  };
  const approved = async () => {
    const { id } = await apply();
    expectStatus(
      await http.post(
        `/applications/${id}/actions`,
        { type: 'approve', comment: '同意' },
        { token: A.officer.token },
      ),
      200,
    );
    await stack.query(
      `UPDATE outbox SET available_at = now() - interval '1 second'
       WHERE queue = 'deadlines' AND payload->>'applicationId' = $1 AND payload->>'kind' = 'publicity-end'`,
      [id],
    );
    await stack.query(`SELECT pg_notify('huiqi_outbox', '')`);
    await waitForState(stack, id, 'approved');
    return id;
  };
  const [review, paidId, draftBatchApp] = await Promise.all([apply(), approved(), approved()]);
  ids.application = review.id;
  ids.document = review.docId;

  // A batch paid through a bank statement, a clawback on that grant; a second batch left in draft.
  const paidBatch = expectStatus(
    await http.post('/disbursement-batches', { applicationIds: [paidId] }, { token: A.finance.token }),
    201,
  );
  ids.paidBatch = paidBatch.body.id;
  // A bulk action of zone A (returning a paid grant: refused per case, so it changes nothing).
  ids.bulkAction = expectStatus(
    await http.post(
      '/bulk-actions',
      { action: 'return', comment: '批量退回', applicationIds: [paidId] },
      { token: A.officer.token },
    ),
    202,
  ).body.id;
  expectStatus(
    await http.post(`/disbursement-batches/${ids.paidBatch}/lock`, {}, { token: A.finance.token }),
    200,
  );
  expectStatus(
    await http.post(`/disbursement-batches/${ids.paidBatch}/export`, {}, { token: A.finance.token }),
    200,
  );
  const statement = expectStatus(
    await http.post(
      '/bank-statements',
      {
        fileName: 'sweep.csv',
        content: [
          'transaction_id,value_date,direction,amount,payment_reference,status,reason',
          `SWEEP-1,${bankDate()},debit,${yuan(50_000_000)},${paidBatch.body.items[0].paymentReference},success,`,
          // Line 3: a repayment the bank reported without a reference, matched by hand below.
          'SWEEP-2,2026-05-07,credit,1000.00,,success,',
        ].join('\r\n'),
      },
      { token: A.finance.token },
    ),
    201,
  );
  ids.statement = statement.body.id;
  const clawback = expectStatus(
    await http.post(
      '/clawbacks',
      { applicationId: paidId, amountFen: 10_000_000, reason: '虚报平台认定' },
      { token: A.finance.token },
    ),
    201,
  ).body;
  ids.clawback = clawback.id;
  ids.statementLine = '3';
  ids.matchProposal = expectStatus(
    await http.post(
      `/bank-statements/${ids.statement}/lines/3/match-proposals`,
      { clawbackReference: clawback.reference, comment: '回单核对' },
      { token: A.finance.token },
    ),
    201,
  ).body.id;
  const draftBatch = expectStatus(
    await http.post('/disbursement-batches', { applicationIds: [draftBatchApp] }, { token: A.finance.token }),
    201,
  );
  ids.draftBatch = draftBatch.body.id;
  ids.draftBatchItem = draftBatch.body.items[0].id;

  // A program of zone A with a published version 1, a draft version 2 and a sandbox run of the draft.
  const code = `${ZONE_A}.sweep-${randomBytes(3).toString('hex')}`;
  ids.programCode = code;
  expectStatus(await http.post('/programs', rndProgram(ZONE_A, code), { token: A.policy_admin.token }), 201);
  expectStatus(
    await http.post(`/programs/${code}/versions/1/publish`, {}, { token: A.policy_admin.token }),
    200,
  );
  expectStatus(
    await http.post(
      `/programs/${code}/versions`,
      rndProgram(ZONE_A, code, { version: 2, rateBasisPoints: 1_500 }),
      {
        token: A.policy_admin.token,
      },
    ),
    201,
  );
  ids.draftVersion = '2';
  ids.publishedVersion = '1';
  ids.sandboxRun = expectStatus(
    await http.post(`/programs/${code}/versions/2/sandbox-runs`, {}, { token: A.policy_admin.token }),
    202,
  ).body.id;

  // Facts of enterprise A, one recorded and one imported feed.
  expectStatus(
    await http.post(
      `/enterprises/${entA.enterpriseId}/facts`,
      { key: 'rnd_expense_fen', period: '2025', value: 900_000_000, source: 'tax_bureau' },
      { token: A.policy_admin.token },
    ),
    201,
  );
  ids.factImport = expectStatus(
    await http.post(
      '/facts/imports',
      {
        rows: [
          {
            uscc: entA.uscc,
            key: 'sales_revenue_fen',
            period: '2025',
            value: 6_000_000_000,
            source: 'tax_bureau',
          },
        ],
      },
      { token: A.policy_admin.token },
    ),
    201,
  ).body.id;

  // Zone X: a recognised talent, a sweep of the talent plan, the offer it made = the installment plan.
  const X = staffX;
  const person = idNumber();
  const recognised = new Date().getUTCFullYear() - 3;
  for (const fact of [
    {
      key: 'talent_recognition',
      idNumber: person,
      value: {
        tier: 'innovative',
        programme: 'qinchuangyuan-innovative-talents',
        recognisedOn: `${recognised}-05-10`,
      },
      source: 'human_resources',
    },
    {
      key: 'personal_tax_contribution_fen',
      idNumber: person,
      period: String(recognised),
      value: 1_234_567,
      source: 'tax_bureau',
    },
  ])
    expectStatus(
      await http.post(`/enterprises/${entX.enterpriseId}/facts`, fact, { token: X.policy_admin.token }),
      201,
    );
  ids.sweep = expectStatus(
    await http.post(
      '/auto-grant-sweeps',
      { programCode: TALENT_PLAN, fiscalYear: recognised + 1 },
      { token: X.policy_admin.token },
    ),
    202,
    201,
  ).body.id;
  ids.installmentPlan = await eventually('the talent offer', async () => {
    const list = await http.get('/applications', {
      token: entX.token,
      query: { mode: 'auto', programCode: TALENT_PLAN, pageSize: 10 },
    });
    return (list.body.items as { id: string }[] | undefined)?.[0]?.id;
  });

  // Admin-side objects: an outbox row, a webhook, a notification and a delivery (when those routes exist).
  ids.outbox = (await stack.query<{ id: string }>('SELECT id FROM outbox ORDER BY id LIMIT 1'))[0].id;
  if ([...options.routes].some((r) => r.includes('/admin/webhooks/'))) {
    ids.webhook = expectStatus(
      await http.post(
        '/admin/webhooks',
        { zoneCode: ZONE_A, url: 'http://127.0.0.1:9/hook' },
        { token: adminToken },
      ),
      201,
    ).body.id;
  }
  if ([...options.routes].some((r) => r.includes('/notifications/{id}'))) {
    ids.notification = await eventually('a notification for enterprise A', async () => {
      const res = await http.get('/notifications', { token: entA.token, query: { pageSize: 1 } });
      return (res.body.items as { id: string }[] | undefined)?.[0]?.id;
    });
  }
  if ([...options.routes].some((r) => r.includes('/admin/notification-deliveries/'))) {
    // The webhook above gets a delivery for the next event of zone A.
    await apply();
    ids.delivery = await eventually('a webhook delivery', async () => {
      const res = await http.get('/admin/notification-deliveries', {
        token: adminToken,
        query: { pageSize: 1 },
      });
      return (res.body.items as { id: string }[] | undefined)?.[0]?.id;
    });
  }
  return { http, admin, staffA, staffB, staffX, entA, entB, entZoneB, entX, ids };
}
