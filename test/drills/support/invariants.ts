import { AuditEventFields, verifyChain } from '@huiqi/core/audit/audit-hash';
import { contextOf, PersistedWorkflow, stateOf, WorkflowMode } from '@huiqi/workflow';
import { DrillHttp, sleep } from './http';

/** Runs one SQL query against the drill's database. */
export type Query = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

/** States that hold money against the pool: reserved at the approval decision, not yet paid. */
const OWED_STATES = ['publicity', 'objection', 'approved', 'disbursing'];
/** States after payment. */
const PAID_STATES = ['paid', 'clawback_required', 'clawed_back'];
/** Final states without money. */
const CLOSED_STATES = ['rejected', 'withdrawn', 'expired', 'cancelled', 'revoked', 'declined', 'lapsed'];
/** States whose stage has a deadline job (expiry or escalation) waiting in the outbox. */
const STAGE_STATES = [
  'first_review',
  'expert_review',
  'director_approval',
  'acceptance',
  'amending',
  'offered',
  'objection',
];

const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));

interface AppRow {
  id: string;
  reference: string;
  mode: string;
  state: string;
  machine_version: number;
  snapshot: Record<string, unknown>;
  computed_amount_fen: string | null;
  approved_amount_fen: string | null;
  paid_amount_fen: string | null;
  submitted_at: Date | null;
}

/**
 * Every invariant a drill checks after its run, by SQL over the whole database (and, given a staff
 * token, through the API's own chain verification). Returns what is wrong, one line per problem;
 * an empty list means the run left the system consistent.
 */
export async function checkInvariants(
  query: Query,
  options: { http?: DrillHttp; auditorToken?: string; allowScreening?: boolean } = {},
): Promise<string[]> {
  const problems: string[] = [];
  const add = (what: string, rows: unknown[]) => {
    for (const row of rows.slice(0, 20)) problems.push(`${what}: ${JSON.stringify(row)}`);
    if (rows.length > 20) problems.push(`${what}: ... and ${rows.length - 20} more`);
  };

  // 1. Ledgers balance, and every pool's balances are exactly the sums of its entries.
  add(
    'ledger journal not balanced',
    await query(`SELECT journal_id, sum(amount_fen)::text AS sum, count(*)::int AS entries
                 FROM ledger_entries GROUP BY journal_id HAVING sum(amount_fen) <> 0 OR count(*) < 2`),
  );
  add(
    'ledger journal without entries',
    await query(`SELECT j.id, j.kind FROM ledger_journals j
                 WHERE NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.journal_id = j.id)`),
  );
  add(
    'pool balances differ from the sum of its ledger entries',
    await query(`
      WITH sums AS (
        SELECT pool_id,
          coalesce(sum(amount_fen) FILTER (WHERE account = 'funding'), 0) AS funding,
          coalesce(sum(amount_fen) FILTER (WHERE account = 'available'), 0) AS available,
          coalesce(sum(amount_fen) FILTER (WHERE account = 'reserved'), 0) AS reserved,
          coalesce(sum(amount_fen) FILTER (WHERE account = 'paid'), 0) AS paid,
          coalesce(sum(amount_fen) FILTER (WHERE account = 'clawback'), 0) AS clawback,
          coalesce(sum(amount_fen) FILTER (WHERE account = 'receivable'), 0) AS receivable,
          coalesce(sum(amount_fen) FILTER (WHERE account = 'recovered'), 0) AS recovered
        FROM ledger_entries GROUP BY pool_id)
      SELECT p.id, p.allocated_fen::text, p.available_fen::text, p.reserved_fen::text, p.paid_fen::text
      FROM fund_pools p LEFT JOIN sums s ON s.pool_id = p.id
      WHERE p.allocated_fen <> -coalesce(s.funding, 0) OR p.available_fen <> coalesce(s.available, 0)
         OR p.reserved_fen <> coalesce(s.reserved, 0) OR p.paid_fen <> coalesce(s.paid, 0)
         OR p.clawed_back_fen <> -coalesce(s.clawback, 0) OR p.receivable_fen <> coalesce(s.receivable, 0)
         OR p.recovered_fen <> coalesce(s.recovered, 0)`),
  );
  add(
    'pool over-committed or inconsistent',
    await query(`SELECT id, allocated_fen::text, reserved_fen::text, paid_fen::text, available_fen::text FROM fund_pools
                 WHERE reserved_fen + paid_fen > allocated_fen OR available_fen <> allocated_fen - reserved_fen - paid_fen
                    OR least(allocated_fen, available_fen, reserved_fen, paid_fen) < 0`),
  );
  add(
    'pool reserved/paid differ from its reservations',
    await query(`
      SELECT p.id, p.reserved_fen::text, p.paid_fen::text, coalesce(r.reserved, 0)::text AS reservations,
             coalesce(r.paid, 0)::text AS paid_reservations
      FROM fund_pools p LEFT JOIN (
        SELECT pool_id, sum(amount_fen) FILTER (WHERE status = 'reserved') AS reserved,
               sum(amount_fen) FILTER (WHERE status = 'paid') AS paid
        FROM fund_reservations GROUP BY pool_id) r ON r.pool_id = p.id
      WHERE p.reserved_fen <> coalesce(r.reserved, 0) OR p.paid_fen <> coalesce(r.paid, 0)`),
  );

  // 2. Nothing paid twice; what was paid is what was approved.
  add(
    'more than one payment journal for a grant',
    await query(`SELECT application_id, count(*)::int FROM ledger_journals WHERE kind = 'pay'
                 GROUP BY application_id HAVING count(*) > 1`),
  );
  add(
    'more than one paid disbursement item for a grant',
    await query(`SELECT application_id, count(*)::int FROM disbursement_items WHERE state = 'paid'
                 GROUP BY application_id HAVING count(*) > 1`),
  );
  add(
    'paid amount differs from the approved amount',
    await query(`SELECT a.id, a.state, a.approved_amount_fen::text, a.paid_amount_fen::text, j.amount_fen::text AS journal
                 FROM ledger_journals j JOIN applications a ON a.id = j.application_id
                 WHERE j.kind = 'pay' AND (j.amount_fen <> a.approved_amount_fen
                   OR a.paid_amount_fen IS DISTINCT FROM a.approved_amount_fen)`),
  );
  add(
    'paid grant without exactly one payment (journal, paid reservation, paid item)',
    await query(
      `SELECT a.id, a.state,
                   (SELECT count(*) FROM ledger_journals j WHERE j.application_id = a.id AND j.kind = 'pay')::int AS journals,
                   (SELECT status FROM fund_reservations r WHERE r.application_id = a.id) AS reservation,
                   (SELECT count(*) FROM disbursement_items i WHERE i.application_id = a.id AND i.state = 'paid')::int AS items
                 FROM applications a WHERE a.state = ANY($1)
                 AND ((SELECT count(*) FROM ledger_journals j WHERE j.application_id = a.id AND j.kind = 'pay') <> 1
                   OR (SELECT status FROM fund_reservations r WHERE r.application_id = a.id) IS DISTINCT FROM 'paid'
                   OR (SELECT count(*) FROM disbursement_items i WHERE i.application_id = a.id AND i.state = 'paid') <> 1)`,
      [PAID_STATES],
    ),
  );
  add(
    'payment recorded for a grant that is not paid',
    await query(
      `SELECT a.id, a.state FROM applications a
                 WHERE NOT (a.state = ANY($1)) AND EXISTS (
                   SELECT 1 FROM ledger_journals j WHERE j.application_id = a.id AND j.kind = 'pay')`,
      [PAID_STATES],
    ),
  );

  // 3. Every approved grant is paid or still owed, with its work recorded.
  add(
    'approved grant without its reservation of the approved amount',
    await query(
      `SELECT a.id, a.state, a.approved_amount_fen::text, r.status, r.amount_fen::text
                 FROM applications a LEFT JOIN fund_reservations r ON r.application_id = a.id
                 WHERE a.state = ANY($1) AND (r.status IS DISTINCT FROM 'reserved'
                   OR r.amount_fen IS DISTINCT FROM a.approved_amount_fen)`,
      [OWED_STATES],
    ),
  );
  add(
    'money still reserved for a closed or unapproved application',
    await query(
      `SELECT a.id, a.state, r.amount_fen::text FROM applications a JOIN fund_reservations r ON r.application_id = a.id
                 WHERE r.status = 'reserved' AND NOT (a.state = ANY($1))`,
      [OWED_STATES],
    ),
  );
  add(
    'grant with the bank but in no open batch item',
    await query(`SELECT a.id FROM applications a WHERE a.state = 'disbursing' AND (
                   SELECT count(*) FROM disbursement_items i JOIN disbursement_batches b ON b.id = i.batch_id
                   WHERE i.application_id = a.id AND i.state = 'awaiting_bank'
                     AND b.state IN ('locked','exported','partly_settled')) <> 1`),
  );
  add(
    'payment awaiting the bank for a grant that is not disbursing',
    await query(`SELECT i.id, i.application_id, a.state FROM disbursement_items i JOIN applications a ON a.id = i.application_id
                 WHERE i.state = 'awaiting_bank' AND a.state <> 'disbursing'`),
  );
  add(
    'in publicity without its publicity-end job',
    await query(`SELECT a.id FROM applications a WHERE a.state = 'publicity' AND NOT EXISTS (
                   SELECT 1 FROM outbox o WHERE o.queue = 'deadlines' AND o.payload->>'applicationId' = a.id::text
                     AND o.payload->>'kind' = 'publicity-end' AND o.done_at IS NULL)`),
  );
  add(
    'waiting in a stage without its deadline job',
    await query(
      `SELECT a.id, a.state, a.stage FROM applications a WHERE a.state = ANY($1) AND NOT EXISTS (
                   SELECT 1 FROM outbox o WHERE o.queue = 'deadlines' AND o.payload->>'applicationId' = a.id::text
                     AND o.payload->>'kind' IN ('expiry', 'publicity-end') AND o.done_at IS NULL)`,
      [STAGE_STATES],
    ),
  );
  add(
    'submitted application in screening without its screening job',
    await query(`SELECT a.id FROM applications a WHERE a.state = 'screening' AND NOT EXISTS (
                   SELECT 1 FROM outbox o WHERE o.queue = 'screening' AND o.payload->>'applicationId' = a.id::text
                     AND o.done_at IS NULL)`),
  );
  if (!options.allowScreening) {
    add(
      'submitted work never screened',
      await query(`SELECT id, reference FROM applications WHERE state = 'screening'`),
    );
  }
  add(
    'work that failed for good (kept, but a drill expects none)',
    await query(
      `SELECT id, queue, job_name, last_error FROM outbox WHERE failed_at IS NOT NULL AND done_at IS NULL`,
    ),
  );

  // 4. Screening results exactly once per submission round.
  add(
    'screening result recorded more than once for one round',
    await query(`SELECT stream, data->'event'->>'round' AS round, count(*)::int FROM audit_events
                 WHERE action IN ('screening_passed', 'screening_failed')
                 GROUP BY stream, data->'event'->>'round' HAVING count(*) > 1`),
  );

  // 5. No offer duplicated (auto grants), no open application duplicated.
  add(
    'auto-grant offer duplicated',
    await query(`SELECT enterprise_id, program_code, program_version, period, beneficiary_key, count(*)::int
                 FROM applications WHERE mode = 'auto' AND parent_id IS NULL
                 GROUP BY 1, 2, 3, 4, 5 HAVING count(*) > 1`),
  );
  add(
    'installment duplicated',
    await query(`SELECT parent_id, installment_index, count(*)::int FROM applications WHERE parent_id IS NOT NULL
                 GROUP BY 1, 2 HAVING count(*) > 1`),
  );

  // 6. Every application is in a state its machine allows, with matching amounts.
  const apps = await query<AppRow>(
    `SELECT id, reference, mode, state, machine_version, snapshot, computed_amount_fen, approved_amount_fen,
            paid_amount_fen, submitted_at FROM applications`,
  );
  const reservations = new Map(
    (
      await query<{ application_id: string; status: string; amount_fen: string }>(
        `SELECT application_id, status, amount_fen FROM fund_reservations`,
      )
    ).map((r) => [r.application_id, r]),
  );
  for (const app of apps) {
    const persisted: PersistedWorkflow = {
      mode: app.mode as WorkflowMode,
      machineVersion: app.machine_version,
      snapshot: app.snapshot,
    };
    try {
      const state = stateOf(persisted);
      const ctx = contextOf(persisted);
      if (state !== app.state) problems.push(`state column ${app.state} but snapshot ${state}: ${app.id}`);
      if (ctx.approvedAmountFen !== n(app.approved_amount_fen))
        problems.push(`approved amount column differs from the snapshot: ${app.id}`);
      if (ctx.paidAmountFen !== n(app.paid_amount_fen))
        problems.push(`paid amount column differs from the snapshot: ${app.id}`);
      if (ctx.computedAmountFen !== n(app.computed_amount_fen))
        problems.push(`computed amount column differs from the snapshot: ${app.id}`);
      const r = reservations.get(app.id);
      const held = r && r.status !== 'released' ? Number(r.amount_fen) : 0;
      if (ctx.reservedAmountFen !== held)
        problems.push(
          `snapshot holds ${ctx.reservedAmountFen} fen but the pool ${held} (${r?.status ?? 'none'}): ${app.id}`,
        );
      if (!CLOSED_STATES.includes(state) && app.state === 'draft' && app.submitted_at)
        problems.push(`draft with a submission time: ${app.id}`);
    } catch (error) {
      problems.push(`snapshot does not load (${(error as Error).message}): ${app.id}`);
    }
  }

  // 7. Every audit chain verifies, and each application's chain ends where the application is.
  const events = await query<Record<string, unknown>>(
    `SELECT stream, seq, zone_id, enterprise_id, actor_id, actor_role, action, from_state, to_state, comment,
            amount_fen, data, correlation_id, created_at, prev_hash, hash FROM audit_events ORDER BY stream, seq`,
  );
  const streams = new Map<string, (AuditEventFields & { hash: string })[]>();
  for (const e of events) {
    const list = streams.get(e.stream as string) ?? [];
    list.push({
      stream: e.stream as string,
      seq: e.seq as number,
      zoneId: e.zone_id as string | null,
      enterpriseId: e.enterprise_id as string | null,
      actorId: e.actor_id as string | null,
      actorRole: e.actor_role as string,
      action: e.action as string,
      fromState: e.from_state as string | null,
      toState: e.to_state as string | null,
      comment: e.comment as string | null,
      amountFen: n(e.amount_fen),
      data: e.data as Record<string, unknown>,
      correlationId: e.correlation_id as string | null,
      createdAt: e.created_at as Date,
      prevHash: e.prev_hash as string | null,
      hash: e.hash as string,
    });
    streams.set(e.stream as string, list);
  }
  for (const [stream, list] of streams) {
    const verdict = verifyChain(list);
    if (!verdict.valid) problems.push(`audit chain broken: ${stream} ${JSON.stringify(verdict)}`);
  }
  for (const app of apps) {
    const chain = streams.get(`application:${app.id}`) ?? [];
    const last = [...chain].reverse().find((e) => e.toState !== null);
    if (!last) problems.push(`application without audit events: ${app.id}`);
    else if (last.toState !== app.state)
      problems.push(`audit trail ends in ${last.toState} but the application is ${app.state}: ${app.id}`);
  }
  if (options.http && options.auditorToken) {
    // Staff never see drafts (their chains were verified above from the rows themselves).
    for (const app of apps.filter((a) => a.state !== 'draft')) {
      const res = await options.http.get(`/applications/${app.id}/history/verify`, {
        token: options.auditorToken,
      });
      if (res.status !== 200 || res.body.valid !== true)
        problems.push(`API chain verification failed for ${app.id}: ${res.status} ${res.text.slice(0, 200)}`);
    }
  }
  return problems;
}

/**
 * Waits (bounded) until the system has no submitted work left in flight: no application in screening
 * and no due outbox row undone. A worker killed mid-job holds that job in BullMQ until its lock lapses
 * (WORKER_LOCK_DURATION_MS), so the bound is generous; the wait returns as soon as all is done.
 */
export async function waitForQuiescence(query: Query, timeoutMs = 240_000): Promise<{ waitedMs: number }> {
  const started = Date.now();
  let last: unknown;
  while (Date.now() - started < timeoutMs) {
    const [row] = await query<{ screening: number; due: number }>(`
      SELECT (SELECT count(*) FROM applications WHERE state = 'screening')::int AS screening,
             (SELECT count(*) FROM outbox WHERE done_at IS NULL AND failed_at IS NULL AND available_at <= now()
                AND queue IN ('screening', 'deadlines'))::int AS due`);
    if (row.screening === 0 && row.due === 0) return { waitedMs: Date.now() - started };
    last = row;
    await sleep(250);
  }
  throw new Error(`work still in flight after ${timeoutMs} ms: ${JSON.stringify(last)}`);
}
