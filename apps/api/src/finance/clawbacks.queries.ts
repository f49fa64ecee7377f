import { AuditService } from '@huiqi/core/audit/audit.service';
import { demandNoticeText } from '@huiqi/core/finance/demand-notice';
import { clawbackStream } from '@huiqi/core/finance/finance-streams';
import { AuditEventEntity } from '@huiqi/database';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { inScopeOr404, scopeFilter } from '../auth/scope';
import { offsetOf, Page, pageOf } from '../http/pagination';
import { ClawbackListQueryDto } from './clawbacks.dto';
import { ClawbackDetailView, ClawbackView } from './clawbacks.views';

interface ClawbackRow {
  id: string;
  reference: string;
  zone_id: string;
  application_id: string;
  application_reference: string;
  program_code: string;
  program_title: string | null;
  enterprise_id: string;
  enterprise_name: string;
  uscc: string;
  zone_name: string;
  pool_id: string;
  amount_fen: string;
  recovered_fen: string;
  state: string;
  source: string;
  reason: string;
  due_on: string;
  issued_on: string;
  created_at: Date;
  settled_at: Date | null;
}

const SELECT = `
  SELECT c.id, c.reference, c.zone_id, c.application_id, a.reference AS application_reference, a.program_code,
    (SELECT p.definition->'title'->>'zh' FROM program_versions p
     WHERE p.code = a.program_code AND p.version = a.program_version) AS program_title,
    c.enterprise_id, e.name AS enterprise_name, e.uscc, z.name_zh AS zone_name, c.pool_id, c.amount_fen,
    c.recovered_fen, c.state, c.source, c.reason, to_char(c.due_on, 'YYYY-MM-DD') AS due_on,
    to_char(c.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS issued_on, c.created_at, c.settled_at
  FROM clawback_receivables c
  JOIN applications a ON a.id = c.application_id
  JOIN enterprises e ON e.id = c.enterprise_id
  JOIN zones z ON z.id = c.zone_id`;

/** Clawbacks: finance and auditors see their zone's, an enterprise its own (with the demand notice). */
@Injectable()
export class ClawbackQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, query: ClawbackListQueryDto): Promise<Page<ClawbackView>> {
    const scope = scopeFilter(principal);
    const where = ['($1::uuid IS NULL OR c.zone_id = $1)', '($2::uuid IS NULL OR c.enterprise_id = $2)'];
    const params: unknown[] = [scope.zoneId ?? null, scope.enterpriseId ?? null];
    if (query.state) {
      params.push(query.state);
      where.push(`c.state = $${params.length}`);
    }
    const rows: ClawbackRow[] = await this.dataSource.query(
      `${SELECT} WHERE ${where.join(' AND ')} ORDER BY c.created_at DESC, c.id
       OFFSET $${params.length + 1} LIMIT $${params.length + 2}`,
      [...params, offsetOf(query), query.pageSize],
    );
    const total: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM clawback_receivables c WHERE ${where.join(' AND ')}`,
      params,
    );
    return pageOf(rows.map(toView), total[0].n, query);
  }

  async get(principal: Principal, id: string): Promise<ClawbackDetailView> {
    const row = await this.find(principal, id);
    const recoveries: {
      id: string;
      amount_fen: string;
      statement_line_id: string | null;
      payment_reference: string | null;
      created_at: Date;
    }[] = await this.dataSource.query(
      `SELECT j.id, j.amount_fen, j.statement_line_id, i.payment_reference, j.created_at
       FROM ledger_journals j LEFT JOIN disbursement_items i ON i.id = j.disbursement_item_id
       WHERE j.receivable_id = $1 AND j.kind = 'recover' ORDER BY j.id`,
      [id],
    );
    return {
      ...toView(row),
      recoveries: recoveries.map((r) => ({
        journalId: r.id,
        amountFen: Number(r.amount_fen),
        method: r.statement_line_id ? 'statement-credit' : 'offset',
        statementLineId: r.statement_line_id,
        paymentReference: r.payment_reference,
        recordedAt: r.created_at,
      })),
      notice: noticeOf(row),
    };
  }

  async notice(principal: Principal, id: string): Promise<string> {
    return noticeOf(await this.find(principal, id));
  }

  async history(principal: Principal, id: string): Promise<AuditEventEntity[]> {
    await this.find(principal, id);
    return this.audit.list(this.dataSource.manager, clawbackStream(id));
  }

  private async find(principal: Principal, id: string): Promise<ClawbackRow> {
    const rows: ClawbackRow[] = await this.dataSource.query(`${SELECT} WHERE c.id = $1`, [id]);
    const row = rows[0];
    inScopeOr404(principal, row && { zoneId: row.zone_id, enterpriseId: row.enterprise_id }, 'clawback');
    return row;
  }
}

function noticeOf(r: ClawbackRow): string {
  return demandNoticeText({
    reference: r.reference,
    zoneName: r.zone_name,
    enterpriseName: r.enterprise_name,
    uscc: r.uscc,
    applicationReference: r.application_reference,
    programTitle: r.program_title ?? r.program_code,
    amountFen: Number(r.amount_fen),
    recoveredFen: Number(r.recovered_fen),
    reason: r.reason,
    issuedOn: r.issued_on,
    dueOn: r.due_on,
  });
}

function toView(r: ClawbackRow): ClawbackView {
  const amountFen = Number(r.amount_fen);
  const recoveredFen = Number(r.recovered_fen);
  return {
    id: r.id,
    reference: r.reference,
    applicationId: r.application_id,
    applicationReference: r.application_reference,
    programCode: r.program_code,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    poolId: r.pool_id,
    amountFen,
    recoveredFen,
    outstandingFen: amountFen - recoveredFen,
    state: r.state,
    source: r.source,
    reason: r.reason,
    dueOn: r.due_on,
    createdAt: r.created_at,
    settledAt: r.settled_at,
  };
}
