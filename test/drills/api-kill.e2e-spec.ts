import { Enterprise } from './support/actors';
import { DrillHttp } from './support/http';
import { checkInvariants } from './support/invariants';
import { reapOrphans } from '../support/processes';
import {
  Cast,
  castFor,
  closeBackendsOf,
  inFirstReview,
  LockHolder,
  newEnterprise,
  waitForLockWait,
} from './support/flows';
import { DrillStack } from './support/stack';

/**
 * The api SIGKILLed in the middle of an approval, at two exact points inside it (the request is held
 * on a row lock the test owns while the process is killed): before the approval's transaction commits,
 * and after it committed but before the idempotent answer was stored. Either the approval is there in
 * full (snapshot, audit event, reservation, ledger) or not at all, and a retry with the same
 * Idempotency-Key never approves or reserves twice.
 */
describe('api SIGKILLed mid-approval', () => {
  let stack: DrillStack;
  let http: DrillHttp;
  let cast: Cast;
  let ent: Enterprise;

  beforeAll(async () => {
    stack = await DrillStack.start({ label: 'apikill' });
    http = stack.http();
    cast = await castFor(stack, 10 * 50_000_000);
    ent = await newEnterprise(http);
  }, 180_000);

  afterAll(async () => {
    await stack?.destroy();
    reapOrphans();
  });

  const facts = async (id: string) => {
    const [row] = await stack.query<Record<string, unknown>>(
      `SELECT a.state, a.version, a.approved_amount_fen::int AS approved,
         (SELECT count(*)::int FROM audit_events e WHERE e.stream = 'application:' || a.id AND e.action = 'approve') AS approve_events,
         (SELECT count(*)::int FROM fund_reservations r WHERE r.application_id = a.id) AS reservations,
         (SELECT count(*)::int FROM ledger_journals j WHERE j.application_id = a.id AND j.kind = 'reserve') AS reserve_journals,
         (SELECT reserved_fen::int FROM fund_pools WHERE id = $2) AS pool_reserved
       FROM applications a WHERE a.id = $1`,
      [id, cast.poolId],
    );
    return row;
  };

  const approve = (id: string, key: string) =>
    http.post(
      `/applications/${id}/actions`,
      { type: 'approve', comment: '同意' },
      { token: cast.officer.token, headers: { 'idempotency-key': key } },
    );

  const expireLease = (key: string) =>
    stack.query(
      `UPDATE idempotency_keys SET locked_until = now() - interval '1 second' WHERE key = $1 AND state = 'in_flight'`,
      [key],
    );

  it('killed before the commit: nothing of the approval is kept; the retry approves once', async () => {
    const id = await inFirstReview(stack, http, ent);
    const before = await facts(id);
    const key = `approve-${id}`;

    // Hold the pool: the approval stops in its reservation, after the snapshot and audit writes.
    const lock = await LockHolder.open(stack);
    await lock.query('BEGIN');
    await lock.query('SELECT 1 FROM fund_pools WHERE id = $1 FOR UPDATE', [cast.poolId]);
    const pending = approve(id, key).catch((e: Error) => e);
    await waitForLockWait(stack, 'huiqi-api', /FundPoolEntity/);
    await stack.api.kill('SIGKILL');
    expect(await pending).toBeInstanceOf(Error); // the client never got an answer
    await closeBackendsOf(stack, 'huiqi-api');
    await lock.query('ROLLBACK');
    await lock.close();

    expect(await facts(id)).toEqual(before); // not a trace: same version, no event, no reservation
    expect(before).toMatchObject({ state: 'first_review', approve_events: 0, reservations: 0 });

    await stack.api.start();
    // The dead request still holds its key: a retry within the lease is told so (409, problem+json).
    const early = await approve(id, key);
    expect(early.status).toBe(409);
    expect(early.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(early.body.type).toMatch(/idempotency-key-in-flight/);
    // The lease (60 s) has passed: the retry runs the approval, once.
    await expireLease(key);
    const retried = await approve(id, key);
    expect(retried.status).toBe(200);
    expect(retried.body.state).toBe('publicity');
    const replay = await approve(id, key);
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(retried.body);
    expect(await facts(id)).toMatchObject({
      state: 'publicity',
      approved: 50_000_000,
      approve_events: 1,
      reservations: 1,
      reserve_journals: 1,
      pool_reserved: 50_000_000,
    });
    expect(
      await checkInvariants((t, p) => stack.query(t, p), { http, auditorToken: cast.auditor.token }),
    ).toEqual([]);
  }, 120_000);

  it('killed after the commit, before the answer was stored: the approval is whole; the retry changes nothing', async () => {
    const id = await inFirstReview(stack, http, ent);
    const key = `approve-${id}`;
    const poolBefore = (await facts(id)).pool_reserved as number;

    // Hold the pool until the request has claimed its key, then hold the key's row instead: the
    // approval commits and the process stops where it stores its answer.
    const pool = await LockHolder.open(stack);
    const keyLock = await LockHolder.open(stack);
    await pool.query('BEGIN');
    await pool.query('SELECT 1 FROM fund_pools WHERE id = $1 FOR UPDATE', [cast.poolId]);
    const pending = approve(id, key).catch((e: Error) => e);
    await waitForLockWait(stack, 'huiqi-api', /FundPoolEntity/);
    await keyLock.query('BEGIN');
    const claimed = await keyLock.query(`SELECT state FROM idempotency_keys WHERE key = $1 FOR UPDATE`, [
      key,
    ]);
    expect(claimed.rows).toEqual([{ state: 'in_flight' }]);
    await pool.query('COMMIT');
    await waitForLockWait(stack, 'huiqi-api', /idempotency_keys/);
    await stack.api.kill('SIGKILL');
    expect(await pending).toBeInstanceOf(Error);
    await closeBackendsOf(stack, 'huiqi-api');
    await keyLock.query('COMMIT');
    await Promise.all([pool.close(), keyLock.close()]);

    // The approval is there in full.
    expect(await facts(id)).toMatchObject({
      state: 'publicity',
      approved: 50_000_000,
      approve_events: 1,
      reservations: 1,
      reserve_journals: 1,
      pool_reserved: poolBefore + 50_000_000,
    });
    const [keyRow] = await stack.query<{ state: string }>(
      'SELECT state FROM idempotency_keys WHERE key = $1',
      [key],
    );
    expect(keyRow.state).toBe('in_flight');

    await stack.api.start();
    expect((await approve(id, key)).status).toBe(409); // still leased to the dead request
    await expireLease(key);
    // After the lease the request runs again against the new state: refused, and nothing moves twice.
    const retried = await approve(id, key);
    expect(retried.status).toBe(409);
    expect(retried.body.type).toMatch(/transition-not-allowed/);
    expect(await facts(id)).toMatchObject({
      state: 'publicity',
      approve_events: 1,
      reservations: 1,
      reserve_journals: 1,
      pool_reserved: poolBefore + 50_000_000,
    });
    expect(
      await checkInvariants((t, p) => stack.query(t, p), { http, auditorToken: cast.auditor.token }),
    ).toEqual([]);
  }, 120_000);
});
