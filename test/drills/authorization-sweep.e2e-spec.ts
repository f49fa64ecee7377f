import { reapOrphans } from '../support/processes';
import { Enterprise, fileForm, PLATFORM, platformForm, User } from './support/actors';
import { HttpResult } from './support/http';
import { DrillStack } from './support/stack';
import { buildWorld, STAFF_ROLES, StaffRole, World } from './support/world';
import { rndProgram } from '../catalog/support/catalog-fixtures';

/**
 * Every route of the OpenAPI document that takes an id, called with the id of a real object of
 * enterprise A / zone A by (a) another enterprise and (b) staff of another zone. Each answers 404,
 * exactly like a missing row (or 403 when the caller's role may not call the route at all; then a
 * caller whose role may is tried too, so the object scope itself is tested). A positive control with
 * the object's own caller proves each id is real. A route the table below does not know fails the
 * sweep: teach it how to feed the new route an id.
 */

type Roles = readonly string[] | 'authenticated';

interface RouteSpec {
  /** Who may call the route at all (its @Roles); `authenticated`: anyone logged in. */
  roles: Roles;
  /** The path parameters: ids of the world's objects. */
  params: (w: World) => Record<string, string>;
  body?: (w: World) => unknown;
  /** A multipart upload (the documents endpoint). */
  upload?: boolean;
  /**
   * `scoped` (default): the object belongs to an enterprise and a zone: others get 404.
   * `public`: readable by design by anyone logged in (published catalog, the holiday calendar), so a
   * stranger's read is a 200 and a write by another zone's role is a 403 (it may see it, not change it).
   * `global`: admins only, who see every zone; everyone else gets 403.
   */
  kind?: 'scoped' | 'public' | 'global';
  /** The object's zone: A (default) or X (the talent plan's objects). */
  zone?: 'A' | 'X';
  /** Who sees the object in the positive control (default: its enterprise if admitted, else zone staff). */
  control?: 'enterprise' | StaffRole;
  why?: string;
}

const FINANCE_READERS = ['finance', 'auditor'];
const ALL = 'authenticated' as const;
const ENTERPRISE_READERS = [
  'enterprise',
  'officer',
  'director',
  'finance',
  'policy_admin',
  'auditor',
  'admin',
];
const DECLARED_FACT_READERS = ['enterprise', 'officer', 'director', 'auditor', 'admin'];
const withdraw = () => ({ type: 'withdraw', comment: '撤回申请' });

const ROUTES: Record<string, RouteSpec> = {
  'POST /admin/users/{id}/deactivate': {
    roles: ['admin'],
    kind: 'global',
    params: (w) => ({ id: w.ids.user }),
  },
  'GET /enterprises/{id}': { roles: ENTERPRISE_READERS, params: (w) => ({ id: w.ids.enterprise }) },
  'PUT /enterprises/{id}/bank-account': {
    roles: ['enterprise'],
    params: (w) => ({ id: w.ids.enterprise }),
    body: () => ({
      bankName: '中国银行长沙分行',
      accountName: '某科技有限公司',
      accountNo: '6013820100001234567',
    }),
  },
  'POST /bank-account-changes/{changeId}/verify': {
    roles: ['finance'],
    params: (w) => ({ changeId: w.ids.bankAccountChange }),
    body: () => ({}),
  },
  'POST /bank-account-changes/{changeId}/refuse': {
    roles: ['finance'],
    params: (w) => ({ changeId: w.ids.bankAccountChange }),
    body: () => ({ reason: 'intruder' }),
  },
  'GET /enterprises/{id}/history': { roles: ENTERPRISE_READERS, params: (w) => ({ id: w.ids.enterprise }) },
  'GET /enterprises/{id}/declarable-facts': {
    roles: DECLARED_FACT_READERS,
    params: (w) => ({ id: w.ids.enterprise }),
  },
  'GET /enterprises/{id}/declared-facts': {
    roles: DECLARED_FACT_READERS,
    params: (w) => ({ id: w.ids.enterprise }),
  },
  'POST /enterprises/{id}/declared-facts': {
    roles: ['enterprise'],
    params: (w) => ({ id: w.ids.enterprise }),
    body: () => ({ key: 'employees', period: '2026', value: 1 }),
  },
  'POST /enterprises/{id}/declared-facts/{factId}/evidence': {
    roles: ['enterprise'],
    params: (w) => ({ id: w.ids.enterprise, factId: w.ids.declaredFact }),
    upload: true,
  },
  'GET /enterprises/{id}/declared-facts/{factId}/evidence/{docId}/content': {
    roles: DECLARED_FACT_READERS,
    params: (w) => ({ id: w.ids.enterprise, factId: w.ids.declaredFact, docId: w.ids.evidence }),
  },
  'POST /declared-facts/{factId}/verify': {
    roles: ['officer', 'director'],
    params: (w) => ({ factId: w.ids.declaredFact }),
    body: () => ({}),
  },
  'POST /declared-facts/{factId}/refuse': {
    roles: ['officer', 'director'],
    params: (w) => ({ factId: w.ids.declaredFact }),
    body: () => ({ reason: '与证明材料不符' }),
  },
  'GET /enterprises/{id}/users': { roles: ENTERPRISE_READERS, params: (w) => ({ id: w.ids.enterprise }) },
  'POST /enterprises/{id}/users': {
    roles: ['enterprise'],
    params: (w) => ({ id: w.ids.enterprise }),
    body: () => ({
      username: `intruder-${Math.random().toString(36).slice(2, 10)}`,
      password: 'long-enough-pw',
    }),
  },
  'DELETE /enterprises/{id}/users/{userId}': {
    roles: ['enterprise'],
    params: (w) => ({ id: w.ids.enterprise, userId: w.ids.colleague }),
  },
  'GET /applications/{id}': { roles: ALL, params: (w) => ({ id: w.ids.application }) },
  'GET /bulk-actions/{id}': {
    roles: ['officer', 'director', 'auditor'],
    params: (w) => ({ id: w.ids.bulkAction }),
    control: 'officer',
  },
  'POST /applications/{id}/reassignment': {
    roles: ['director'],
    params: (w) => ({ id: w.ids.application }),
    body: (w) => ({ toOfficerId: w.staffA.officer.id }),
    control: 'director',
  },
  'POST /officers/{officerId}/queue/reassignment': {
    roles: ['director'],
    params: (w) => ({ officerId: w.staffA.officer.id }),
    body: (w) => ({ toOfficerId: w.staffA.officer.id }),
    control: 'director',
  },
  'PATCH /applications/{id}': {
    roles: ['enterprise'],
    params: (w) => ({ id: w.ids.application }),
    body: () => ({ form: platformForm('municipal-platform', 'intruder') }),
  },
  'POST /applications/{id}/submit': {
    roles: ['enterprise'],
    params: (w) => ({ id: w.ids.application }),
    body: () => ({}),
  },
  'POST /applications/{id}/actions': {
    roles: ALL,
    params: (w) => ({ id: w.ids.application }),
    body: withdraw,
  },
  'GET /applications/{id}/history': { roles: ALL, params: (w) => ({ id: w.ids.application }) },
  'GET /applications/{id}/objections': { roles: ALL, params: (w) => ({ id: w.ids.application }) },
  'POST /applications/{id}/objection-answers': {
    roles: ['enterprise'],
    params: (w) => ({ id: w.ids.application }),
    body: () => ({ comment: '冒名答复' }),
  },
  'GET /applications/{id}/history/verify': {
    roles: [...STAFF_ROLES, 'admin'],
    params: (w) => ({ id: w.ids.application }),
  },
  'POST /applications/{id}/assignment': {
    roles: ['officer'],
    params: (w) => ({ id: w.ids.application }),
    body: () => ({ action: 'take' }),
  },
  'POST /applications/{id}/documents/{documentType}': {
    roles: ['enterprise'],
    params: (w) => ({ id: w.ids.application, documentType: w.ids.documentType }),
    upload: true,
  },
  'GET /applications/{id}/documents': { roles: ALL, params: (w) => ({ id: w.ids.application }) },
  'GET /applications/{id}/documents/{documentId}/content': {
    roles: ALL,
    params: (w) => ({ id: w.ids.application, documentId: w.ids.document }),
  },
  'DELETE /applications/{id}/documents/{documentId}': {
    roles: ['enterprise'],
    params: (w) => ({ id: w.ids.application, documentId: w.ids.document }),
  },
  'GET /admin/calendars/{scope}': {
    roles: ['admin', 'director', 'auditor'],
    params: (w) => ({ scope: w.ids.calendarScope }),
  },
  'PUT /admin/calendars/{scope}': {
    roles: ['admin'],
    kind: 'global',
    params: (w) => ({ scope: w.ids.calendarScope }),
    body: () => ({ holidays: [], extraWorkdays: [] }),
  },
  'GET /fund-pools/{id}': { roles: FINANCE_READERS, params: (w) => ({ id: w.ids.pool }) },
  'PUT /fund-pools/{id}/allocation': {
    roles: ['finance'],
    params: (w) => ({ id: w.ids.pool }),
    body: () => ({ allocatedFen: 20 * 50_000_000 + 1, comment: 'intruder' }),
  },
  'GET /fund-pools/{id}/ledger': { roles: FINANCE_READERS, params: (w) => ({ id: w.ids.pool }) },
  'GET /fund-pools/{id}/history': { roles: FINANCE_READERS, params: (w) => ({ id: w.ids.pool }) },
  'GET /disbursement-batches/{id}': { roles: FINANCE_READERS, params: (w) => ({ id: w.ids.paidBatch }) },
  'POST /disbursement-batches/{id}/items/{itemId}/remove': {
    roles: ['finance'],
    params: (w) => ({ id: w.ids.draftBatch, itemId: w.ids.draftBatchItem }),
    body: () => ({ reason: 'intruder' }),
  },
  'POST /disbursement-batches/{id}/lock': {
    roles: ['finance'],
    params: (w) => ({ id: w.ids.draftBatch }),
    body: () => ({}),
  },
  'POST /disbursement-batches/{id}/export': {
    roles: ['finance'],
    params: (w) => ({ id: w.ids.paidBatch }),
    body: () => ({}),
  },
  'POST /disbursement-batches/{id}/cancel': {
    roles: ['finance'],
    params: (w) => ({ id: w.ids.draftBatch }),
    body: () => ({ reason: 'intruder' }),
  },
  'GET /disbursement-batches/{id}/reconciliation': {
    roles: FINANCE_READERS,
    params: (w) => ({ id: w.ids.paidBatch }),
  },
  'GET /disbursement-batches/{id}/reconciliation.csv': {
    roles: FINANCE_READERS,
    params: (w) => ({ id: w.ids.paidBatch }),
  },
  'GET /disbursement-batches/{id}/history': {
    roles: FINANCE_READERS,
    params: (w) => ({ id: w.ids.paidBatch }),
  },
  'GET /bank-statements/{id}': { roles: FINANCE_READERS, params: (w) => ({ id: w.ids.statement }) },
  'GET /bank-statements/{id}/report.csv': {
    roles: FINANCE_READERS,
    params: (w) => ({ id: w.ids.statement }),
  },
  'POST /bank-statements/{id}/lines/{lineNo}/match-proposals': {
    roles: ['finance'],
    params: (w) => ({ id: w.ids.statement, lineNo: w.ids.statementLine }),
    body: () => ({ paymentReference: 'HQ000000001P1', comment: 'sweep' }),
  },
  'POST /bank-statements/{id}/lines/{lineNo}/match-proposals/{proposalId}/confirm': {
    roles: ['finance'],
    params: (w) => ({ id: w.ids.statement, lineNo: w.ids.statementLine, proposalId: w.ids.matchProposal }),
  },
  'POST /bank-statements/{id}/lines/{lineNo}/match-proposals/{proposalId}/reject': {
    roles: ['finance'],
    params: (w) => ({ id: w.ids.statement, lineNo: w.ids.statementLine, proposalId: w.ids.matchProposal }),
    body: () => ({ comment: 'sweep' }),
  },
  'GET /clawbacks/{id}': {
    roles: [...FINANCE_READERS, 'enterprise'],
    params: (w) => ({ id: w.ids.clawback }),
  },
  'GET /clawbacks/{id}/notice': {
    roles: [...FINANCE_READERS, 'enterprise'],
    params: (w) => ({ id: w.ids.clawback }),
  },
  'GET /clawbacks/{id}/history': { roles: FINANCE_READERS, params: (w) => ({ id: w.ids.clawback }) },
  'GET /programs/{code}': {
    roles: ALL,
    kind: 'public',
    params: (w) => ({ code: w.ids.programCode }),
    why: 'published programs are the public policy catalog (drafts are hidden: see the version routes)',
  },
  'GET /programs/{code}/versions/{version}': {
    roles: ALL,
    control: 'policy_admin', // a draft: only its zone's policy admins and auditors see it
    params: (w) => ({ code: w.ids.programCode, version: w.ids.draftVersion }),
  },
  'PUT /programs/{code}/versions/{version}': {
    roles: ['policy_admin'],
    params: (w) => ({ code: w.ids.programCode, version: w.ids.draftVersion }),
    body: (w) => rndProgram('ningxiang-htz', w.ids.programCode, { version: 2, rateBasisPoints: 3_000 }),
  },
  // Another zone's program is out of scope for its policy admins (404), even though it is public to read.
  'POST /programs/{code}/versions': {
    roles: ['policy_admin'],
    params: (w) => ({ code: w.ids.programCode }),
    body: (w) => rndProgram('ningxiang-htz', w.ids.programCode, { version: 3 }),
  },
  'POST /programs/{code}/versions/{version}/publish': {
    roles: ['policy_admin'],
    params: (w) => ({ code: w.ids.programCode, version: w.ids.draftVersion }),
    body: () => ({}),
  },
  // Retired far in the future, so the program stays in force for the other routes of the sweep.
  'POST /programs/{code}/retirement': {
    roles: ['policy_admin'],
    params: (w) => ({ code: w.ids.programCode }),
    body: () => ({ lastDay: '2099-12-31', reason: '授权巡检' }),
  },
  'POST /enterprises/{id}/facts': {
    roles: ['officer', 'policy_admin'],
    params: (w) => ({ id: w.ids.enterprise }),
    body: () => ({ key: 'rnd_expense_fen', period: '2024', value: 1_000, source: 'tax_bureau' }),
  },
  'GET /enterprises/{id}/facts': { roles: ENTERPRISE_READERS, params: (w) => ({ id: w.ids.enterprise }) },
  'GET /facts/imports/{importId}': {
    roles: ['officer', 'policy_admin', 'auditor', 'admin'],
    params: (w) => ({ importId: w.ids.factImport }),
  },
  'POST /programs/{code}/versions/{version}/sandbox-runs': {
    roles: ['policy_admin'],
    params: (w) => ({ code: w.ids.programCode, version: w.ids.draftVersion }),
    body: () => ({}),
  },
  'GET /sandbox-runs/{id}': {
    roles: ['policy_admin', 'auditor', 'admin'],
    params: (w) => ({ id: w.ids.sandboxRun }),
  },
  'GET /sandbox-runs/{id}/changes': {
    roles: ['policy_admin', 'auditor', 'admin'],
    params: (w) => ({ id: w.ids.sandboxRun }),
  },
  'GET /auto-grant-sweeps/{id}': {
    roles: ['policy_admin', 'auditor', 'admin'],
    zone: 'X',
    params: (w) => ({ id: w.ids.sweep }),
  },
  'GET /installment-plans/{id}': { roles: ALL, zone: 'X', params: (w) => ({ id: w.ids.installmentPlan }) },
  'POST /admin/outbox/{id}/retry': {
    roles: ['admin'],
    kind: 'global',
    params: (w) => ({ id: w.ids.outbox }),
  },
  'POST /notifications/{id}/read': {
    roles: ALL,
    params: (w) => ({ id: w.ids.notification }),
    body: () => ({}),
  },
  'PATCH /admin/webhooks/{id}': {
    roles: ['admin'],
    kind: 'global',
    params: (w) => ({ id: w.ids.webhook }),
    body: () => ({ enabled: true }),
  },
  'DELETE /admin/webhooks/{id}': { roles: ['admin'], kind: 'global', params: (w) => ({ id: w.ids.webhook }) },
  'POST /admin/notification-deliveries/{id}/retry': {
    roles: ['admin'],
    kind: 'global',
    params: (w) => ({ id: w.ids.delivery }),
  },
};

const may = (spec: RouteSpec, role: string) => spec.roles === 'authenticated' || spec.roles.includes(role);

interface Finding {
  route: string;
  caller: string;
  expected: string;
  got: number;
  body: string;
}

describe('authorization sweep: every route with an id, called across enterprises and zones', () => {
  let stack: DrillStack;
  let world: World;
  let routes: { key: string; method: string; path: string }[];

  beforeAll(async () => {
    stack = await DrillStack.start({ label: 'authsweep' });
    const doc = (await stack.http().get('/docs-json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    routes = Object.entries(doc.paths)
      .filter(([path]) => path.includes('{'))
      .flatMap(([path, ops]) =>
        Object.keys(ops)
          .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
          .map((m) => ({ key: `${m.toUpperCase()} ${path}`, method: m.toUpperCase(), path })),
      );
    world = await buildWorld(stack, { routes: new Set(routes.map((r) => r.key)) });
  }, 300_000);

  afterAll(async () => {
    await stack?.destroy();
    reapOrphans();
  });

  it('knows how to feed an id to every route of the OpenAPI document', () => {
    const unknown = routes.filter((r) => !ROUTES[r.key]).map((r) => r.key);
    // A new route with an id: add it to ROUTES (who may call it, which object's id it takes).
    expect(unknown).toEqual([]);
    expect(routes.length).toBeGreaterThan(40);
  });

  async function call(
    route: { method: string; path: string },
    spec: RouteSpec,
    who: User,
  ): Promise<HttpResult> {
    const params = spec.params(world);
    const url = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (!params[name]) throw new Error(`no value for {${name}} of ${route.method} ${route.path}`);
      return encodeURIComponent(params[name]);
    });
    if (spec.upload) return world.http.request(route.method, url, { token: who.token, form: fileForm() });
    return world.http.request(route.method, url, {
      token: who.token,
      body: spec.body ? spec.body(world) : ['POST', 'PUT', 'PATCH'].includes(route.method) ? {} : undefined,
    });
  }

  /** The first staff role the route admits (for the positive control). */
  const staffRoleFor = (spec: RouteSpec): StaffRole | undefined => STAFF_ROLES.find((r) => may(spec, r));

  it('answers 404 to another enterprise and to another zone for every scoped object (403 to roles the route refuses)', async () => {
    const findings: Finding[] = [];
    const seen: string[] = [];
    const check = async (
      route: { key: string; method: string; path: string },
      spec: RouteSpec,
      who: User | Enterprise,
      label: string,
      expected: number[],
    ) => {
      const res = await call(route, spec, who);
      seen.push(`${route.key} as ${label}: ${res.status}`);
      const problemJson = /^application\/problem\+json/.test(res.headers.get('content-type') ?? '');
      if (!expected.includes(res.status) || (res.status >= 400 && !problemJson))
        findings.push({
          route: route.key,
          caller: label,
          expected: expected.join('|'),
          got: res.status,
          body: res.text.slice(0, 160),
        });
    };
    for (const route of routes) {
      const spec = ROUTES[route.key];
      if (!spec) continue;
      const kind = spec.kind ?? 'scoped';
      if (kind === 'global') {
        await check(route, spec, world.entB, 'another enterprise', [403]);
        await check(route, spec, world.staffB.officer, 'zone B officer', [403]);
        continue;
      }
      // (a) another enterprise of the object's zone
      if (kind === 'public' && route.method === 'GET') {
        await check(route, spec, world.entB, 'another enterprise', may(spec, 'enterprise') ? [200] : [403]);
      } else {
        await check(route, spec, world.entB, 'another enterprise', may(spec, 'enterprise') ? [404] : [403]);
      }
      // (b) staff of another zone, in every role the route admits (else: the role is refused, and an
      // enterprise of the other zone, whose role is admitted, must not find the object either)
      const admitted = STAFF_ROLES.filter((r) => may(spec, r));
      for (const role of admitted) {
        const expected = kind === 'public' ? (route.method === 'GET' ? [200] : [403]) : [404];
        await check(route, spec, world.staffB[role], `zone B ${role}`, expected);
      }
      if (admitted.length === 0) await check(route, spec, world.staffB.officer, 'zone B officer', [403]);
      if (may(spec, 'enterprise') && kind === 'scoped')
        await check(route, spec, world.entZoneB, 'an enterprise of zone B', [404]);
    }
    if (process.env.DRILL_VERBOSE) process.stderr.write(seen.join('\n') + '\n');
    expect(findings).toEqual([]);
    // Two callers per route at least: nothing was skipped.
    expect(seen.length).toBeGreaterThanOrEqual(2 * routes.length);
  }, 180_000);

  it('positive control: the object’s own callers reach every GET route (so every id above was real)', async () => {
    const findings: Finding[] = [];
    for (const route of routes.filter((r) => r.method === 'GET')) {
      const spec = ROUTES[route.key];
      if (!spec || spec.kind === 'global') continue;
      const zone = spec.zone === 'X' ? world.staffX : world.staffA;
      const owner = spec.zone === 'X' ? world.entX : world.entA;
      const control = spec.control ?? (may(spec, 'enterprise') ? 'enterprise' : staffRoleFor(spec));
      const who = control === 'enterprise' ? owner : control ? zone[control] : world.admin;
      const res = await call(route, spec, who);
      if (res.status !== 200)
        findings.push({
          route: route.key,
          caller: who.role,
          expected: '200',
          got: res.status,
          body: res.text.slice(0, 160),
        });
    }
    expect(findings).toEqual([]);
  }, 120_000);

  it('documents why the few non-404 routes are readable across zones', () => {
    for (const [key, spec] of Object.entries(ROUTES))
      if (spec.kind === 'public') expect({ key, why: spec.why }).toEqual({ key, why: expect.any(String) });
    expect(PLATFORM.zone).toBe('ningxiang-htz');
  });
});
