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
 * on a lock the test owns while the process is killed): before the approval's transaction commits,
 * and after it committed but before the idempotent answer was stored. Either the approval is there in
 * full (snapshot, audit event, reservation, ledger) or not at all, and a retry with the same
 * Idempotency-Key never approves or reserves twice: it is told the request was applied.
 */
/** Advisory lock key the test holds to stop the api where it stores an idempotent answer. */
const HOLD_ANSWER = 7_310_042;

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
  }, 300_000);

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

  it('killed after the commit, before the answer was stored: the approval is whole; the retry is told so', async () => {
    const id = await inFirstReview(stack, http, ent);
    const key = `approve-${id}`;
    const poolBefore = (await facts(id)).pool_reserved as number;

    // Stop the process where it stores its answer, after the approval has committed: a trigger in this
    // drill's own database makes that UPDATE wait on an advisory lock the test holds.
    await stack.query(`CREATE OR REPLACE FUNCTION drill_hold_answer() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_advisory_xact_lock(${HOLD_ANSWER}); RETURN NEW; END $$`);
    await stack.query(`CREATE TRIGGER drill_hold_answer BEFORE UPDATE ON idempotency_keys
      FOR EACH ROW WHEN (NEW.state = 'done') EXECUTE FUNCTION drill_hold_answer()`);
    const hold = await LockHolder.open(stack);
    try {
      await hold.query('SELECT pg_advisory_lock($1)', [HOLD_ANSWER]);
      const pending = approve(id, key).catch((e: Error) => e);
      await waitForLockWait(stack, 'huiqi-api', /idempotency_keys/);
      await stack.api.kill('SIGKILL');
      expect(await pending).toBeInstanceOf(Error);
      await closeBackendsOf(stack, 'huiqi-api');
    } finally {
      await hold.close();
      await stack.query('DROP TRIGGER drill_hold_answer ON idempotency_keys');
    }

    // The approval is there in full, and its key was marked applied in the same transaction.
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
    expect(keyRow.state).toBe('applied');

    await stack.api.start();
    // The retry is told at once that the request was applied and its answer lost: nothing runs twice.
    const retried = await approve(id, key);
    expect(retried.status).toBe(409);
    expect(retried.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(retried.body.type).toMatch(/idempotency-key-applied/);
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
