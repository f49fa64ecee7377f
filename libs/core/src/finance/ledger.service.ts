import { bigintFen } from '@huiqi/database';
import type { LedgerAccount } from '@huiqi/database/entities/ledger-entry.entity';
import type { LedgerJournalKind } from '@huiqi/database/entities/ledger-journal.entity';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { actorUserId, FinanceActor } from './finance-actor';
import { balancesFromAccountSums, JOURNAL_ACCOUNTS, PoolBalances, ZERO_BALANCES } from './ledger';

export interface JournalInput {
  pool: { id: string; zoneId: string };
  kind: LedgerJournalKind;
  amountFen: number;
  applicationId?: string | null;
  receivableId?: string | null;
  disbursementItemId?: string | null;
  statementLineId?: string | null;
  memo?: string | null;
  actor: FinanceActor;
}

const toFen = (value: string | null) => bigintFen.from(value) as number;

/**
 * Writes balanced journals. The journal and both entries go in one statement, so the database's
 * ledger trigger sees the whole journal at once, checks it sums to zero and moves the pool's balances
 * (where the CHECK constraints refuse any over-commitment).
 */
@Injectable()
export class LedgerService {
  async post(manager: EntityManager, input: JournalInput): Promise<string> {
    if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) {
      throw new RangeError(`a journal amount must be a positive safe integer (fen), got ${input.amountFen}`);
    }
    const { debit, credit } = JOURNAL_ACCOUNTS[input.kind];
    const rows: { id: string }[] = await manager.query(
      `WITH journal AS (
         INSERT INTO ledger_journals (zone_id, pool_id, kind, amount_fen, application_id, receivable_id,
           disbursement_item_id, statement_line_id, memo, actor_id, actor_role)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         RETURNING id, pool_id
       ), entries AS (
         INSERT INTO ledger_entries (journal_id, pool_id, account, amount_fen)
         SELECT journal.id, journal.pool_id, side.account, side.amount
         FROM journal, (VALUES ($12::text, $4::bigint), ($13::text, -$4::bigint)) AS side (account, amount)
       )
       SELECT id FROM journal`,
      [
        input.pool.zoneId,
        input.pool.id,
        input.kind,
        input.amountFen,
        input.applicationId ?? null,
        input.receivableId ?? null,
        input.disbursementItemId ?? null,
        input.statementLineId ?? null,
        input.memo ?? null,
        actorUserId(input.actor),
        input.actor.role,
        debit,
        credit,
      ],
    );
    return rows[0].id;
  }

  /**
   * Many balanced journals in one statement: the journals, then both entries of each, so the ledger
   * trigger sees every journal whole (it checks each sums to zero) and moves each pool's balances once
   * by the sum of its entries. Returns the journals' ids in input order.
   */
  async postMany(manager: EntityManager, inputs: JournalInput[]): Promise<string[]> {
    if (inputs.length === 0) return [];
    for (const input of inputs) {
      if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) {
        throw new RangeError(
          `a journal amount must be a positive safe integer (fen), got ${input.amountFen}`,
        );
      }
    }
    // The journals' ids are drawn first (nextval in a CTE read twice is evaluated once per row), so
    // each journal's entries name it without matching anything back.
    const rows: { id: string }[] = await manager.query(
      `WITH input AS MATERIALIZED (
         SELECT nextval(pg_get_serial_sequence('ledger_journals', 'id')) AS id, u.*
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::bigint[], $5::uuid[], $6::uuid[], $7::uuid[],
                     $8::uuid[], $9::text[], $10::uuid[], $11::text[], $12::text[], $13::text[])
           WITH ORDINALITY AS u (zone_id, pool_id, kind, amount_fen, application_id, receivable_id,
                                 disbursement_item_id, statement_line_id, memo, actor_id, actor_role, debit, credit, n)
       ), journal AS (
         INSERT INTO ledger_journals (id, zone_id, pool_id, kind, amount_fen, application_id, receivable_id,
           disbursement_item_id, statement_line_id, memo, actor_id, actor_role)
         OVERRIDING SYSTEM VALUE
         SELECT id, zone_id, pool_id, kind, amount_fen, application_id, receivable_id,
                disbursement_item_id, statement_line_id, memo, actor_id, actor_role
         FROM input ORDER BY n
       ), entries AS (
         INSERT INTO ledger_entries (journal_id, pool_id, account, amount_fen)
         SELECT input.id, input.pool_id, side.account, side.amount
         FROM input, LATERAL (VALUES (input.debit, input.amount_fen), (input.credit, -input.amount_fen))
           AS side (account, amount)
       )
       SELECT id::text AS id FROM input ORDER BY n`,
      [
        inputs.map((i) => i.pool.zoneId),
        inputs.map((i) => i.pool.id),
        inputs.map((i) => i.kind),
        inputs.map((i) => String(i.amountFen)),
        inputs.map((i) => i.applicationId ?? null),
        inputs.map((i) => i.receivableId ?? null),
        inputs.map((i) => i.disbursementItemId ?? null),
        inputs.map((i) => i.statementLineId ?? null),
        inputs.map((i) => i.memo ?? null),
        inputs.map((i) => actorUserId(i.actor)),
        inputs.map((i) => i.actor.role),
        inputs.map((i) => JOURNAL_ACCOUNTS[i.kind].debit),
        inputs.map((i) => JOURNAL_ACCOUNTS[i.kind].credit),
      ],
    );
    return rows.map((r) => r.id);
  }

  /** Each pool's balances computed from its entries (not from the pool row). */
  async balancesFromEntries(manager: EntityManager, poolIds: string[]): Promise<Map<string, PoolBalances>> {
    const result = new Map<string, PoolBalances>(poolIds.map((id) => [id, { ...ZERO_BALANCES }]));
    if (poolIds.length === 0) return result;
    const rows: { pool_id: string; account: LedgerAccount; total: string }[] = await manager.query(
      `SELECT pool_id, account, sum(amount_fen)::bigint::text AS total
       FROM ledger_entries WHERE pool_id = ANY($1::uuid[]) GROUP BY pool_id, account`,
      [poolIds],
    );
    const sums = new Map<string, Partial<Record<LedgerAccount, number>>>();
    for (const row of rows) {
      const s = sums.get(row.pool_id) ?? {};
      s[row.account] = toFen(row.total);
      sums.set(row.pool_id, s);
    }
    for (const [poolId, s] of sums) result.set(poolId, balancesFromAccountSums(s));
    return result;
  }
}
