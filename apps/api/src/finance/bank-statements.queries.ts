import { csvDocument } from '@huiqi/core/finance/csv-text';
import { fenToYuan } from '@huiqi/core/finance/money';
import { LineRange, readStatementLines, StatementLineResult } from '@huiqi/core/finance/statement-lines';
import { BankStatementImportEntity, DisbursementBatchEntity } from '@huiqi/database';
import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { Principal } from '../auth/principal';
import { offsetOf, Page, PageQueryDto, pageOf } from '../http/pagination';
import { StatementImportView, StatementReportView } from './bank-statements.views';
import { DisbursementBatchQueries, emptyTotals } from './disbursement-batches.queries';
import { financeZoneOf, inFinanceZoneOr404 } from './finance-scope';

/** Lines read per query when the whole report is written as CSV. */
const CSV_PAGE_LINES = 10_000;

/** Bank statement imports and their reconciliation reports, limited to the caller's zone. */
@Injectable()
export class BankStatementQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly batches: DisbursementBatchQueries,
  ) {}

  async list(principal: Principal, page: PageQueryDto): Promise<Page<StatementImportView>> {
    const [items, total] = await this.dataSource.getRepository(BankStatementImportEntity).findAndCount({
      where: { zoneId: financeZoneOf(principal) },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: offsetOf(page),
      take: page.pageSize,
    });
    return pageOf(items.map(toImportView), total, page);
  }

  /** Status and progress, a page of the lines' outcomes, and the totals of the batches the statement touched. */
  async report(principal: Principal, id: string, range: LineRange): Promise<StatementReportView> {
    const statement = await this.find(principal, id);
    const page = await readStatementLines(this.dataSource.manager, statement, {
      fromLine: range.fromLine,
      limit: range.limit + 1,
    });
    const next = page.length > range.limit ? page[range.limit].lineNo : null;
    return this.reportOf(statement, page.slice(0, range.limit), next);
  }

  /** The report of `statement` with the given lines (all of them, for a statement reconciled in the request). */
  async reportOf(
    statement: BankStatementImportEntity,
    lines: StatementLineResult[],
    nextFromLine: number | null = null,
  ): Promise<StatementReportView> {
    const batchIds = await this.batchesOf(statement);
    const batches = batchIds.length
      ? await this.dataSource.getRepository(DisbursementBatchEntity).find({
          where: { id: In(batchIds) },
          order: { reference: 'ASC' },
        })
      : [];
    const totals = await this.batches.totals(batchIds);
    return {
      ...toImportView(statement),
      lines,
      nextFromLine,
      batches: batches.map((b) => ({
        batchId: b.id,
        reference: b.reference,
        state: b.state,
        totals: totals.get(b.id) ?? emptyTotals(),
      })),
    };
  }

  async reportCsv(principal: Principal, id: string): Promise<{ fileName: string; csv: string }> {
    const statement = await this.find(principal, id);
    const header = [
      'record',
      'line_no',
      'transaction_id',
      'value_date',
      'direction',
      'amount_yuan',
      'reference',
      'bank_status',
      'outcome',
      'detail',
      'batch_reference',
      'batch_state',
      'batch_items',
      'paid_items',
      'paid_yuan',
      'returned_items',
      'returned_yuan',
      'awaiting_items',
      'awaiting_yuan',
    ];
    const yuan = (fen: number | null) => (fen === null ? null : fenToYuan(fen));
    const rows: (string | number | null)[][] = [];
    for (let fromLine = 1; ;) {
      const lines = await readStatementLines(this.dataSource.manager, statement, {
        fromLine,
        limit: CSV_PAGE_LINES,
      });
      for (const l of lines) {
        rows.push([
          'line',
          l.lineNo,
          l.transactionId,
          l.valueDate,
          l.direction,
          yuan(l.amountFen),
          l.reference,
          l.bankStatus,
          l.outcome,
          l.detail ?? l.errors.map((e) => `${e.field}: ${e.messages.join(', ')}`).join('; '),
          ...Array<null>(9).fill(null),
        ]);
      }
      if (lines.length < CSV_PAGE_LINES) break;
      fromLine = lines[lines.length - 1].lineNo + 1;
    }
    const report = await this.reportOf(statement, []);
    for (const b of report.batches) {
      const t = b.totals;
      rows.push([
        'batch',
        ...Array<null>(9).fill(null),
        b.reference,
        b.state,
        t.items,
        t.paid.count,
        fenToYuan(t.paid.amountFen),
        t.returned.count,
        fenToYuan(t.returned.amountFen),
        t.awaitingBank.count,
        fenToYuan(t.awaitingBank.amountFen),
      ]);
    }
    const base = statement.fileName.replace(/\.[^.]*$/, '');
    return { fileName: `${base}-reconciliation.csv`, csv: csvDocument(header, rows) };
  }

  private async find(principal: Principal, id: string): Promise<BankStatementImportEntity> {
    const row = await this.dataSource.getRepository(BankStatementImportEntity).findOne({ where: { id } });
    return inFinanceZoneOr404(principal, row, 'bank statement');
  }

  /** The disbursement batches of the payments the statement's own lines quote (not its duplicates). */
  private async batchesOf(statement: BankStatementImportEntity): Promise<string[]> {
    if (statement.results) {
      const lines = statement.results as StatementLineResult[];
      return [...new Set(lines.map((l) => l.batchId).filter((b): b is string => b !== null))];
    }
    const rows: { batch_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT i.batch_id FROM bank_statement_lines l JOIN disbursement_items i ON i.id = l.item_id
       WHERE l.import_id = $1`,
      [statement.id],
    );
    return rows.map((r) => r.batch_id);
  }
}

export function toImportView(s: BankStatementImportEntity): StatementImportView {
  return {
    id: s.id,
    fileName: s.fileName,
    contentSha256: s.contentSha256,
    lineCount: s.lineCount,
    status: s.status,
    progress: { linesLoaded: s.linesLoaded, linesToSettle: s.linesToSettle, linesSettled: s.linesSettled },
    counts: s.counts,
    error: s.error,
    importedBy: s.importedBy,
    createdAt: s.createdAt,
    startedAt: s.startedAt,
    finishedAt: s.finishedAt,
  };
}
