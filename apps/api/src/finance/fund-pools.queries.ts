import { AuditService } from '@huiqi/core/audit/audit.service';
import { fundPoolStream } from '@huiqi/core/finance/finance-streams';
import { balanceProblems, balancesFromAccountSums, LEDGER_ACCOUNTS } from '@huiqi/core/finance/ledger';
import type { LedgerAccount } from '@huiqi/database/entities/ledger-entry.entity';
import { LedgerService } from '@huiqi/core/finance/ledger.service';
import { AuditEventEntity, bigintFen, FundPoolEntity } from '@huiqi/database';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { offsetOf, Page, PageQueryDto, pageOf } from '../http/pagination';
import { financeZoneOf, inFinanceZoneOr404 } from './finance-scope';
import { FundPoolListQueryDto } from './fund-pools.dto';
import {
  balancesOf,
  FundPoolDetailView,
  FundPoolView,
  LedgerJournalView,
  toFundPoolView,
} from './fund-pools.views';

const toFen = (v: string | null) => bigintFen.from(v) as number;

/** Reads of fund pools and their ledgers, limited to the caller's zone. */
@Injectable()
export class FundPoolQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, query: FundPoolListQueryDto): Promise<Page<FundPoolView>> {
    const qb = this.dataSource
      .getRepository(FundPoolEntity)
      .createQueryBuilder('p')
      .where('p.zone_id = :zoneId', { zoneId: financeZoneOf(principal) })
      .orderBy('p.fiscal_year', 'DESC')
      .addOrderBy('p.name', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .offset(offsetOf(query))
      .limit(query.pageSize);
    if (query.fiscalYear) qb.andWhere('p.fiscal_year = :fy', { fy: query.fiscalYear });
    if (query.code)
      qb.andWhere('(p.program_code = :code OR p.policy_document_code = :code)', { code: query.code });
    const [items, total] = await qb.getManyAndCount();
    return pageOf(items.map(toFundPoolView), total, query);
  }

  async get(principal: Principal, id: string): Promise<FundPoolDetailView> {
    const pool = await this.find(principal, id);
    const derived = (await this.ledger.balancesFromEntries(this.dataSource.manager, [id])).get(id)!;
    const view = toFundPoolView(pool);
    const counts: { status: string; n: number }[] = await this.dataSource.query(
      `SELECT status, count(*)::int AS n FROM fund_reservations WHERE pool_id = $1 GROUP BY status`,
      [id],
    );
    const count = (s: string) => counts.find((c) => c.status === s)?.n ?? 0;
    const sameAsRow = JSON.stringify(balancesOf(derived)) === JSON.stringify(balancesOf(pool));
    return {
      ...view,
      balancesFromEntries: balancesOf(derived),
      consistent: sameAsRow && balanceProblems(derived).length === 0,
      reservedGrants: count('reserved'),
      paidGrants: count('paid'),
    };
  }

  async journals(principal: Principal, id: string, page: PageQueryDto): Promise<Page<LedgerJournalView>> {
    await this.find(principal, id);
    const rows: {
      id: string;
      kind: string;
      amount_fen: string;
      application_id: string | null;
      application_reference: string | null;
      receivable_id: string | null;
      disbursement_item_id: string | null;
      statement_line_id: string | null;
      memo: string | null;
      actor_id: string | null;
      actor_role: string;
      created_at: Date;
      entries: { account: string; amountFen: string }[];
    }[] = await this.dataSource.query(
      `SELECT j.id, j.kind, j.amount_fen, j.application_id, a.reference AS application_reference, j.receivable_id,
         j.disbursement_item_id, j.statement_line_id, j.memo, j.actor_id, j.actor_role, j.created_at,
         (SELECT json_agg(json_build_object('account', e.account, 'amountFen', e.amount_fen::text) ORDER BY e.id)
          FROM ledger_entries e WHERE e.journal_id = j.id) AS entries
       FROM ledger_journals j LEFT JOIN applications a ON a.id = j.application_id
       WHERE j.pool_id = $1 ORDER BY j.id DESC OFFSET $2 LIMIT $3`,
      [id, offsetOf(page), page.pageSize],
    );
    const total: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM ledger_journals WHERE pool_id = $1`,
      [id],
    );
    // Running balances: each account's sum over the pool's journals up to and including this one.
    const running: { id: string; sums: Record<LedgerAccount, string | null> }[] = rows.length
      ? await this.dataSource.query(
          `SELECT id, json_build_object(${LEDGER_ACCOUNTS.map((a) => `'${a}', ${a}::text`).join(', ')}) AS sums
           FROM (
             SELECT j.id, ${LEDGER_ACCOUNTS.map(
               (a) =>
                 `sum(coalesce(sum(e.amount_fen) FILTER (WHERE e.account = '${a}'), 0)) OVER (ORDER BY j.id) AS ${a}`,
             ).join(', ')}
             FROM ledger_journals j JOIN ledger_entries e ON e.journal_id = j.id
             WHERE j.pool_id = $1 AND j.id <= $2
             GROUP BY j.id
           ) r
           WHERE id = ANY($3::bigint[])`,
          [id, rows[0].id, rows.map((r) => r.id)],
        )
      : [];
    const after = new Map(
      running.map((r) => [
        String(r.id),
        balancesOf(
          balancesFromAccountSums(
            Object.fromEntries(LEDGER_ACCOUNTS.map((a) => [a, toFen(r.sums[a] ?? '0')])),
          ),
        ),
      ]),
    );
    const items = rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      amountFen: toFen(r.amount_fen),
      applicationId: r.application_id,
      applicationReference: r.application_reference,
      receivableId: r.receivable_id,
      disbursementItemId: r.disbursement_item_id,
      statementLineId: r.statement_line_id,
      memo: r.memo,
      actorId: r.actor_id,
      actorRole: r.actor_role,
      createdAt: r.created_at,
      entries: r.entries.map((e) => ({ account: e.account, amountFen: toFen(e.amountFen) })),
      balancesAfter: after.get(String(r.id))!,
    }));
    return pageOf(items, total[0].n, page);
  }

  async history(principal: Principal, id: string): Promise<AuditEventEntity[]> {
    await this.find(principal, id);
    return this.audit.list(this.dataSource.manager, fundPoolStream(id));
  }

  private async find(principal: Principal, id: string): Promise<FundPoolEntity> {
    const pool = await this.dataSource.getRepository(FundPoolEntity).findOne({ where: { id } });
    return inFinanceZoneOr404(principal, pool, 'fund pool');
  }
}
