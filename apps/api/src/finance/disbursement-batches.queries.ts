import { maskAccountNo } from '@huiqi/common';
import { AuditService } from '@huiqi/core/audit/audit.service';
import { csvDocument } from '@huiqi/core/finance/csv-text';
import { disbursementBatchStream } from '@huiqi/core/finance/finance-streams';
import { fenToYuan } from '@huiqi/core/finance/money';
import { AuditEventEntity, DisbursementBatchEntity } from '@huiqi/database';
import type { DisbursementItemState } from '@huiqi/database/entities/disbursement-item.entity';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { offsetOf, Page, pageOf } from '../http/pagination';
import { financeZoneOf, inFinanceZoneOr404 } from './finance-scope';
import { BatchListQueryDto } from './disbursement-batches.dto';
import {
  BatchDetailView,
  BatchItemView,
  BatchReconciliationView,
  BatchTotalsView,
  BatchView,
  MatchedLineView,
} from './disbursement-batches.views';

interface ItemRow {
  id: string;
  batch_id: string;
  application_id: string;
  application_reference: string;
  program_code: string;
  fiscal_year: number;
  enterprise_id: string;
  enterprise_name: string;
  payment_reference: string;
  amount_fen: string;
  offset_fen: string;
  transfer_fen: string;
  state: string;
  payee_name: string | null;
  bank_name: string | null;
  account_no: string | null;
  outcome_reason: string | null;
  value_date: string | null;
}

type ItemState = DisbursementItemState;
const TOTAL_KEYS: Record<ItemState, keyof BatchTotalsView> = {
  draft: 'draft',
  awaiting_bank: 'awaitingBank',
  paid: 'paid',
  returned: 'returned',
  removed: 'removed',
  cancelled: 'cancelled',
};

/** Reads of disbursement batches and their reconciliation, limited to the caller's zone. */
@Injectable()
export class DisbursementBatchQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, query: BatchListQueryDto): Promise<Page<BatchView>> {
    const qb = this.dataSource
      .getRepository(DisbursementBatchEntity)
      .createQueryBuilder('b')
      .where('b.zone_id = :zoneId', { zoneId: financeZoneOf(principal) })
      .orderBy('b.created_at', 'DESC')
      .addOrderBy('b.id', 'ASC')
      .offset(offsetOf(query))
      .limit(query.pageSize);
    if (query.state) qb.andWhere('b.state = :state', { state: query.state });
    if (query.fiscalYear) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM disbursement_items i JOIN applications a ON a.id = i.application_id
                 WHERE i.batch_id = b.id AND a.fiscal_year = :fy)`,
        { fy: query.fiscalYear },
      );
    }
    const [batches, total] = await qb.getManyAndCount();
    const totals = await this.totals(batches.map((b) => b.id));
    return pageOf(
      batches.map((b) => toBatchView(b, totals.get(b.id) ?? emptyTotals())),
      total,
      query,
    );
  }

  async get(principal: Principal, id: string): Promise<BatchDetailView> {
    const batch = await this.find(principal, id);
    const rows = await this.itemRows(id);
    return {
      ...toBatchView(batch, (await this.totals([id])).get(id) ?? emptyTotals()),
      items: rows.map(toItemView),
    };
  }

  /** Every item with its outcome and the statement lines that quoted it, plus the batch totals. */
  async reconciliation(principal: Principal, id: string): Promise<BatchReconciliationView> {
    const detail = await this.get(principal, id);
    const lines: (MatchedLineView & { itemId: string })[] = (
      await this.dataSource.query(
        `SELECT l.item_id, l.id, l.import_id, l.transaction_id, to_char(l.value_date, 'YYYY-MM-DD') AS value_date,
           l.direction, l.amount_fen, l.bank_status, l.outcome, l.detail
         FROM bank_statement_lines l JOIN disbursement_items i ON i.id = l.item_id
         WHERE i.batch_id = $1 ORDER BY l.value_date, l.created_at`,
        [id],
      )
    ).map((l: Record<string, string>) => ({
      itemId: l.item_id,
      statementLineId: l.id,
      importId: l.import_id,
      transactionId: l.transaction_id,
      valueDate: l.value_date,
      direction: l.direction,
      amountFen: Number(l.amount_fen),
      bankStatus: l.bank_status,
      outcome: l.outcome,
      detail: l.detail,
    }));
    const { items, ...batch } = detail;
    return {
      batch,
      items: items.map((item) => ({
        ...item,
        statementLines: lines.filter((l) => l.itemId === item.id).map(({ itemId: _, ...l }) => l),
      })),
    };
  }

  async reconciliationCsv(principal: Principal, id: string): Promise<{ fileName: string; csv: string }> {
    const { batch, items } = await this.reconciliation(principal, id);
    const header = [
      'payment_reference',
      'application_reference',
      'enterprise_name',
      'account_no',
      'amount_yuan',
      'offset_yuan',
      'transfer_yuan',
      'state',
      'value_date',
      'outcome_reason',
      'bank_transactions',
    ];
    const rows = items.map((i) => [
      i.paymentReference,
      i.applicationReference,
      i.enterpriseName,
      i.accountNo,
      fenToYuan(i.amountFen),
      fenToYuan(i.offsetFen),
      fenToYuan(i.transferFen),
      i.state,
      i.valueDate,
      i.outcomeReason,
      i.statementLines.map((l) => `${l.transactionId ?? l.statementLineId}:${l.outcome}`).join(' '),
    ]);
    const t = batch.totals;
    rows.push(
      [
        'TOTAL',
        null,
        null,
        null,
        fenToYuan(t.amountFen),
        fenToYuan(t.offsetFen),
        fenToYuan(t.transferFen),
        batch.state,
        null,
        null,
        null,
      ],
      ...(['paid', 'returned', 'awaitingBank'] as const).map((k) => [
        `TOTAL ${k}`,
        null,
        null,
        null,
        fenToYuan(t[k].amountFen),
        null,
        null,
        `${t[k].count} items`,
        null,
        null,
        null,
      ]),
    );
    return { fileName: `${batch.reference}-reconciliation.csv`, csv: csvDocument(header, rows) };
  }

  async history(principal: Principal, id: string): Promise<AuditEventEntity[]> {
    await this.find(principal, id);
    return this.audit.list(this.dataSource.manager, disbursementBatchStream(id));
  }

  /** Per batch: counts and amounts by item state. */
  async totals(batchIds: string[]): Promise<Map<string, BatchTotalsView>> {
    const result = new Map<string, BatchTotalsView>();
    if (batchIds.length === 0) return result;
    const rows: {
      batch_id: string;
      state: string;
      n: number;
      amount: string;
      offset: string;
      transfer: string;
    }[] = await this.dataSource.query(
      `SELECT batch_id, state, count(*)::int AS n, sum(amount_fen)::text AS amount, sum(offset_fen)::text AS offset,
           sum(transfer_fen)::text AS transfer
         FROM disbursement_items WHERE batch_id = ANY($1::uuid[]) GROUP BY batch_id, state`,
      [batchIds],
    );
    for (const row of rows) {
      const totals = result.get(row.batch_id) ?? emptyTotals();
      const key = TOTAL_KEYS[row.state as ItemState];
      (totals[key] as { count: number; amountFen: number }) = { count: row.n, amountFen: Number(row.amount) };
      if (row.state !== 'removed' && row.state !== 'cancelled') {
        totals.items += row.n;
        totals.amountFen += Number(row.amount);
        totals.offsetFen += Number(row.offset);
        totals.transferFen += Number(row.transfer);
      }
      result.set(row.batch_id, totals);
    }
    return result;
  }

  /** A draft's payee details are the enterprise's current ones (the lock copies them into the item). */
  private async itemRows(batchId: string): Promise<ItemRow[]> {
    return this.dataSource.query(
      `SELECT i.id, i.batch_id, i.application_id, a.reference AS application_reference, a.program_code, a.fiscal_year,
         i.enterprise_id, e.name AS enterprise_name, i.payment_reference, i.amount_fen, i.offset_fen, i.transfer_fen,
         i.state, coalesce(i.payee_name, e.bank_account_name) AS payee_name, coalesce(i.bank_name, e.bank_name) AS bank_name,
         coalesce(i.account_no, e.bank_account_no) AS account_no, i.outcome_reason,
         to_char(i.value_date, 'YYYY-MM-DD') AS value_date
       FROM disbursement_items i
       JOIN applications a ON a.id = i.application_id
       JOIN enterprises e ON e.id = i.enterprise_id
       WHERE i.batch_id = $1 ORDER BY i.payment_reference`,
      [batchId],
    );
  }

  private async find(principal: Principal, id: string): Promise<DisbursementBatchEntity> {
    const batch = await this.dataSource.getRepository(DisbursementBatchEntity).findOne({ where: { id } });
    return inFinanceZoneOr404(principal, batch, 'disbursement batch');
  }
}

export function emptyTotals(): BatchTotalsView {
  const zero = () => ({ count: 0, amountFen: 0 });
  return {
    items: 0,
    amountFen: 0,
    offsetFen: 0,
    transferFen: 0,
    draft: zero(),
    awaitingBank: zero(),
    paid: zero(),
    returned: zero(),
    removed: zero(),
    cancelled: zero(),
  };
}

export function toBatchView(b: DisbursementBatchEntity, totals: BatchTotalsView): BatchView {
  return {
    id: b.id,
    reference: b.reference,
    state: b.state,
    filters: b.filters,
    note: b.note,
    totals,
    createdBy: b.createdBy,
    createdAt: b.createdAt,
    lockedAt: b.lockedAt,
    exportedAt: b.exportedAt,
    exportCount: b.exportCount,
    closedAt: b.closedAt,
    cancelledAt: b.cancelledAt,
    cancelReason: b.cancelReason,
  };
}

function toItemView(r: ItemRow): BatchItemView {
  return {
    id: r.id,
    applicationId: r.application_id,
    applicationReference: r.application_reference,
    programCode: r.program_code,
    fiscalYear: r.fiscal_year,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    paymentReference: r.payment_reference,
    amountFen: Number(r.amount_fen),
    offsetFen: Number(r.offset_fen),
    transferFen: Number(r.transfer_fen),
    state: r.state,
    payeeName: r.payee_name,
    bankName: r.bank_name,
    accountNo: r.account_no ? maskAccountNo(r.account_no) : null,
    outcomeReason: r.outcome_reason,
    valueDate: r.value_date,
  };
}
