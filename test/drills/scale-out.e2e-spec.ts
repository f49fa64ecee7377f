import { reapOrphans } from '../support/processes';
import { Enterprise, PLATFORM, registerEnterprise, yuan } from './support/actors';
import { DrillHttp, HttpResult } from './support/http';
import { checkInvariants, waitForQuiescence } from './support/invariants';
import { Cast, castFor, draft, FISCAL_YEAR, submit, waitForState } from './support/flows';
import { DrillStack } from './support/stack';
import { bankDate } from '../support/bank-dates';

const APPLICATIONS = 50;
const GRANT_FEN = 50_000_000;
/** The pool covers 30 of the 50 grants: approvals racing for the last money must not over-commit it. */
const FUNDED = 30;

/** Runs `fn` over `items` with at most `limit` in flight. */
async function pooled<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i], i);
      }
    }),
  );
  return results;
}

/**
 * Two api and two worker processes on one Postgres and one Redis, under concurrent load: 50
 * applications driven in parallel through both apis, every approval sent through both apis at the same
 * moment, publicity ended for all at once, two batches built at once, the same bank statement imported
 * through both apis at once. Each race has one winner, the pool is never over-committed, every
 * submission is screened once, every grant paid once, and the invariants hold.
 */
describe('scale-out: 2 apis and 2 workers under concurrent load', () => {
  let stack: DrillStack;
  let apis: DrillHttp[];
  let cast: Cast;
  let ents: Enterprise[];

  beforeAll(async () => {
    stack = await DrillStack.start({ label: 'scaleout', apis: 2, workers: 2 });
    apis = [stack.http(0), stack.http(1)];
    cast = await castFor(stack, FUNDED * GRANT_FEN, apis[0]);
    ents = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        registerEnterprise(apis[i % 2], PLATFORM.zone, undefined, cast.finance.token),
      ),
    );
  }, 300_000);

  afterAll(async () => {
    await stack?.destroy();
    reapOrphans();
  });

  it('every race has one winner and every invariant holds', async () => {
    // 50 applications, each driven through the api its index picks, 10 at a time.
    const ids = await pooled(Array.from({ length: APPLICATIONS }), 10, async (_, i) => {
      const http = apis[i % 2];
      const ent = ents[i % ents.length];
      const id = await draft(http, ent);
      await submit(apis[(i + 1) % 2], ent, id);
      return id;
    });
    await pooled(ids, 10, (id) => waitForState(stack, id, 'first_review', 90_000));
    const screenings = await stack.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action IN ('screening_passed', 'screening_failed')`,
    );
    expect(screenings[0].n).toBe(APPLICATIONS);

    // Every approval sent through both apis at once.
    const approve = (http: DrillHttp, id: string) =>
      http.post(
        `/applications/${id}/actions`,
        { type: 'approve', comment: '同意' },
        { token: cast.officer.token },
      );
    const races = await pooled(ids, 10, (id) => Promise.all(apis.map((http) => approve(http, id))));
    const refused = (r: HttpResult, what: RegExp) => r.status === 409 && what.test(String(r.body?.type));
    for (const pair of races) {
      const won = pair.filter((r) => r.status === 200);
      expect(won.length).toBeLessThanOrEqual(1);
      for (const r of pair.filter((x) => x.status !== 200)) {
        // The loser lost the race (stale version, or the state moved on) or found the pool empty.
        expect(refused(r, /stale-version|transition-not-allowed|insufficient-funds/)).toBe(true);
      }
    }
    const approved = races.filter((pair) => pair.some((r) => r.status === 200)).length;
    expect(approved).toBe(FUNDED);
    const pool = (await apis[1].get(`/fund-pools/${cast.poolId}`, { token: cast.finance.token })).body;
    expect(pool).toMatchObject({ reservedFen: FUNDED * GRANT_FEN, availableFen: 0, consistent: true });

    // Publicity ends for all at once (time moved forward); both workers end them, once each.
    const inPublicity = ids.filter((_, i) => races[i].some((r) => r.status === 200));
    await stack.query(
      `UPDATE outbox SET available_at = now() - interval '1 second'
       WHERE queue = 'deadlines' AND payload->>'kind' = 'publicity-end' AND done_at IS NULL`,
    );
    await stack.query(`SELECT pg_notify('huiqi_outbox', '')`);
    await pooled(inPublicity, 10, (id) => waitForState(stack, id, 'approved', 90_000));
    const ended = await stack.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'publicity_ended'`,
    );
    expect(ended[0].n).toBe(FUNDED);

    // Two batches built at once: every grant lands in exactly one.
    const built = await Promise.all(
      apis.map((http) =>
        http.post(
          '/disbursement-batches',
          { programCode: PLATFORM.program, fiscalYear: FISCAL_YEAR },
          {
            token: cast.finance.token,
          },
        ),
      ),
    );
    const batches = built.filter((r) => r.status === 201);
    expect(batches.length).toBeGreaterThanOrEqual(1);
    for (const r of built.filter((x) => x.status !== 201)) expect(r.status).toBe(422); // nothing left to batch
    const items = batches.flatMap(
      (b) => b.body.items as { applicationId: string; paymentReference: string }[],
    );
    expect(items.map((i) => i.applicationId).sort()).toEqual([...inPublicity].sort());

    // Lock and export each through a different api, then the same statement through both at once.
    await Promise.all(
      batches.map(async (b, i) => {
        const http = apis[i % 2];
        expect(
          (await http.post(`/disbursement-batches/${b.body.id}/lock`, {}, { token: cast.finance.token }))
            .status,
        ).toBe(200);
        expect(
          (await http.post(`/disbursement-batches/${b.body.id}/export`, {}, { token: cast.finance.token }))
            .status,
        ).toBe(200);
      }),
    );
    const content = [
      'transaction_id,value_date,direction,amount,payment_reference,status,reason',
      ...items.map(
        (item, i) => `SCALE-${i},${bankDate()},debit,${yuan(GRANT_FEN)},${item.paymentReference},success,`,
      ),
    ].join('\r\n');
    const imports = await Promise.all(
      apis.map((http) =>
        http.post('/bank-statements', { fileName: 'scale.csv', content }, { token: cast.finance.token }),
      ),
    );
    for (const r of imports) expect(r.status).toBe(201);
    const counts = imports.map((r) => r.body.counts as Record<string, number>);
    expect(counts.map((c) => c.matched).sort()).toEqual([0, FUNDED]);
    expect(counts.map((c) => c.duplicate).sort()).toEqual([0, FUNDED]);
    for (const id of inPublicity) await waitForState(stack, id, 'paid', 5000);

    await waitForQuiescence((t, p) => stack.query(t, p), 120_000);
    expect(
      await checkInvariants((t, p) => stack.query(t, p), { http: apis[1], auditorToken: cast.auditor.token }),
    ).toEqual([]);
  }, 300_000);
});
