import { csvDocument } from '@huiqi/core/finance/csv-text';
import { fenToYuan } from '@huiqi/core/finance/money';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { financeZoneOf } from './finance-scope';
import { FinanceReportQueryDto } from './finance-reports.dto';
import {
  FinanceReportView,
  ProgramReportRowView,
  ReportPoolRefView,
  ReportTotalsView,
} from './finance-reports.views';

/** Stages with a processing deadline the zone must meet (限时办结); the enterprise's own deadlines are not counted. */
export const SLA_STAGES = [
  'first_review',
  'acceptance',
  'expert_review',
  'director_approval',
  'objection',
  'post_verification',
];

interface PoolRow {
  id: string;
  scope: string;
  program_code: string | null;
  policy_document_code: string | null;
  fiscal_year: number;
  allocated_fen: string;
}

type Key = string;
const keyOf = (programCode: string, fiscalYear: number): Key => `${fiscalYear}|${programCode}`;

/**
 * Per zone, program and fiscal year: allocation, reserved, paid and recovered money, the number of
 * grants, the average days from submission to payment, and compliance with review deadlines.
 */
@Injectable()
export class FinanceReportQueries {
  constructor(private readonly dataSource: DataSource) {}

  async report(principal: Principal, query: FinanceReportQueryDto): Promise<FinanceReportView> {
    const zoneId = financeZoneOf(principal);
    const fy = query.fiscalYear ?? null;
    const program = query.programCode ?? null;
    const [zone] = await this.dataSource.query(`SELECT code FROM zones WHERE id = $1`, [zoneId]);
    const documents = await this.documentsOf(zoneId);
    const pools: PoolRow[] = await this.dataSource.query(
      `SELECT id, scope, program_code, policy_document_code, fiscal_year, allocated_fen FROM fund_pools
       WHERE zone_id = $1 AND ($2::int IS NULL OR fiscal_year = $2)`,
      [zoneId, fy],
    );
    const money: {
      program_code: string;
      fiscal_year: number;
      grants: number;
      paid_grants: number;
      released_grants: number;
      reserved: string;
      paid: string;
      recovered: string;
      days: number | null;
    }[] = await this.dataSource.query(
      `WITH grants AS (
         SELECT a.id, a.program_code, a.fiscal_year, r.status, r.amount_fen,
           (coalesce(a.submitted_at, a.created_at) AT TIME ZONE 'Asia/Shanghai')::date AS started_on
         FROM fund_reservations r JOIN applications a ON a.id = r.application_id
         WHERE r.zone_id = $1 AND ($2::int IS NULL OR a.fiscal_year = $2) AND ($3::text IS NULL OR a.program_code = $3)
       ), paid_on AS (
         SELECT application_id, coalesce(value_date, (settled_at AT TIME ZONE 'Asia/Shanghai')::date) AS day
         FROM disbursement_items WHERE zone_id = $1 AND state = 'paid'
       )
       SELECT g.program_code, g.fiscal_year,
         count(*) FILTER (WHERE g.status <> 'released')::int AS grants,
         count(*) FILTER (WHERE g.status = 'paid')::int AS paid_grants,
         count(*) FILTER (WHERE g.status = 'released')::int AS released_grants,
         coalesce(sum(g.amount_fen) FILTER (WHERE g.status = 'reserved'), 0)::text AS reserved,
         coalesce(sum(g.amount_fen) FILTER (WHERE g.status = 'paid'), 0)::text AS paid,
         coalesce(sum(c.recovered_fen), 0)::text AS recovered,
         round(avg(p.day - g.started_on) * 10)::int AS days
       FROM grants g
       LEFT JOIN paid_on p ON p.application_id = g.id
       LEFT JOIN clawback_receivables c ON c.application_id = g.id
       GROUP BY g.program_code, g.fiscal_year`,
      [zoneId, fy, program],
    );
    const sla: { program_code: string; fiscal_year: number; decided: number; on_time: number }[] =
      await this.dataSource.query(
        `SELECT a.program_code, a.fiscal_year, count(*)::int AS decided, count(*) FILTER (WHERE s.on_time)::int AS on_time
         FROM application_stage_log s JOIN applications a ON a.id = s.application_id
         WHERE s.zone_id = $1 AND s.due_at IS NOT NULL AND s.left_at IS NOT NULL AND s.stage = ANY($4)
           AND ($2::int IS NULL OR a.fiscal_year = $2) AND ($3::text IS NULL OR a.program_code = $3)
         GROUP BY a.program_code, a.fiscal_year`,
        [zoneId, fy, program, SLA_STAGES],
      );

    const rows = new Map<Key, ProgramReportRowView>();
    const rowFor = (programCode: string, fiscalYear: number): ProgramReportRowView => {
      const key = keyOf(programCode, fiscalYear);
      let row = rows.get(key);
      if (!row) {
        const own = pools.find(
          (p) => p.scope === 'program' && p.program_code === programCode && p.fiscal_year === fiscalYear,
        );
        const shared = pools.find(
          (p) =>
            p.scope === 'policy_document' &&
            p.policy_document_code === documents.get(programCode) &&
            p.fiscal_year === fiscalYear,
        );
        const pool = own ?? shared;
        row = {
          zoneCode: zone.code,
          fiscalYear,
          programCode,
          pool: pool ? poolRef(pool) : null,
          allocatedFen: own ? Number(own.allocated_fen) : null,
          reservedFen: 0,
          paidFen: 0,
          recoveredFen: 0,
          grants: 0,
          paidGrants: 0,
          releasedGrants: 0,
          averageDaysToPayment: null,
          slaStages: 0,
          slaStagesOnTime: 0,
          slaCompliancePercent: null,
        };
        rows.set(key, row);
      }
      return row;
    };
    for (const p of pools) {
      if (p.scope === 'program' && (program === null || p.program_code === program))
        rowFor(p.program_code!, p.fiscal_year);
    }
    for (const m of money) {
      Object.assign(rowFor(m.program_code, m.fiscal_year), {
        reservedFen: Number(m.reserved),
        paidFen: Number(m.paid),
        recoveredFen: Number(m.recovered),
        grants: m.grants,
        paidGrants: m.paid_grants,
        releasedGrants: m.released_grants,
        averageDaysToPayment: tenthsToNumber(m.days),
      });
    }
    for (const s of sla) {
      Object.assign(rowFor(s.program_code, s.fiscal_year), {
        slaStages: s.decided,
        slaStagesOnTime: s.on_time,
        slaCompliancePercent: tenthsToNumber(percentTenths(s.on_time, s.decided)),
      });
    }
    const sorted = [...rows.values()].sort(
      (a, b) => b.fiscalYear - a.fiscalYear || a.programCode.localeCompare(b.programCode),
    );
    return {
      zoneCode: zone.code,
      fiscalYear: fy,
      programCode: program,
      generatedAt: new Date(),
      rows: sorted,
      totals: await this.totals(zoneId, fy, program, sorted),
    };
  }

  async reportCsv(
    principal: Principal,
    query: FinanceReportQueryDto,
  ): Promise<{ fileName: string; csv: string }> {
    const report = await this.report(principal, query);
    const yuan = (fen: number | null) => (fen === null ? null : fenToYuan(fen));
    const header = [
      'zone',
      'fiscal_year',
      'program_code',
      'pool_scope',
      'pool_code',
      'pool_allocated_yuan',
      'allocated_yuan',
      'reserved_yuan',
      'paid_yuan',
      'recovered_yuan',
      'grants',
      'paid_grants',
      'released_grants',
      'average_days_to_payment',
      'sla_stages',
      'sla_on_time',
      'sla_compliance_percent',
    ];
    const rows: (string | number | null)[][] = report.rows.map((r) => [
      r.zoneCode,
      r.fiscalYear,
      r.programCode,
      r.pool?.scope ?? null,
      r.pool?.code ?? null,
      yuan(r.pool?.allocatedFen ?? null),
      yuan(r.allocatedFen),
      fenToYuan(r.reservedFen),
      fenToYuan(r.paidFen),
      fenToYuan(r.recoveredFen),
      r.grants,
      r.paidGrants,
      r.releasedGrants,
      oneDecimal(r.averageDaysToPayment),
      r.slaStages,
      r.slaStagesOnTime,
      oneDecimal(r.slaCompliancePercent),
    ]);
    const t = report.totals;
    rows.push([
      report.zoneCode,
      report.fiscalYear,
      'TOTAL',
      null,
      null,
      null,
      fenToYuan(t.allocatedFen),
      fenToYuan(t.reservedFen),
      fenToYuan(t.paidFen),
      fenToYuan(t.recoveredFen),
      t.grants,
      t.paidGrants,
      null,
      oneDecimal(t.averageDaysToPayment),
      t.slaStages,
      t.slaStagesOnTime,
      oneDecimal(t.slaCompliancePercent),
    ]);
    const suffix = [report.fiscalYear, report.programCode].filter((x) => x !== null).join('-');
    return {
      fileName: `finance-report-${report.zoneCode}${suffix ? `-${suffix}` : ''}.csv`,
      csv: csvDocument(header, rows),
    };
  }

  private async totals(
    zoneId: string,
    fy: number | null,
    program: string | null,
    rows: ProgramReportRowView[],
  ): Promise<ReportTotalsView> {
    const allocated = exactSum(
      rows
        .filter((r, i) => r.pool && rows.findIndex((o) => o.pool?.id === r.pool!.id) === i)
        .map((r) => r.pool!.allocatedFen),
    );
    const [days] = await this.dataSource.query(
      `SELECT round(avg(coalesce(i.value_date, (i.settled_at AT TIME ZONE 'Asia/Shanghai')::date)
                - (coalesce(a.submitted_at, a.created_at) AT TIME ZONE 'Asia/Shanghai')::date) * 10)::int AS days
       FROM disbursement_items i JOIN applications a ON a.id = i.application_id
       WHERE i.zone_id = $1 AND i.state = 'paid' AND ($2::int IS NULL OR a.fiscal_year = $2)
         AND ($3::text IS NULL OR a.program_code = $3)`,
      [zoneId, fy, program],
    );
    const sum = (f: (r: ProgramReportRowView) => number) => exactSum(rows.map(f));
    const slaStages = sum((r) => r.slaStages);
    const slaStagesOnTime = sum((r) => r.slaStagesOnTime);
    return {
      allocatedFen: allocated,
      reservedFen: sum((r) => r.reservedFen),
      paidFen: sum((r) => r.paidFen),
      recoveredFen: sum((r) => r.recoveredFen),
      grants: sum((r) => r.grants),
      paidGrants: sum((r) => r.paidGrants),
      averageDaysToPayment: tenthsToNumber(days.days),
      slaStages,
      slaStagesOnTime,
      slaCompliancePercent: tenthsToNumber(percentTenths(slaStagesOnTime, slaStages)),
    };
  }

  /** Each program code of the zone → its policy document (latest version). */
  private async documentsOf(zoneId: string): Promise<Map<string, string>> {
    const rows: { code: string; policy_document_code: string }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (code) code, policy_document_code FROM program_versions WHERE zone_id = $1
       ORDER BY code, version DESC`,
      [zoneId],
    );
    return new Map(rows.map((r) => [r.code, r.policy_document_code]));
  }
}

function poolRef(p: PoolRow): ReportPoolRefView {
  return {
    id: p.id,
    scope: p.scope,
    code: (p.program_code ?? p.policy_document_code) as string,
    allocatedFen: Number(p.allocated_fen),
  };
}

/**
 * Sums integers exactly (BigInt): a total beyond Number.MAX_SAFE_INTEGER is a bug to report, never a
 * silently rounded figure. Allocations are bounded (MAX_ALLOCATION_FEN) so a zone's totals fit.
 */
function exactSum(values: number[]): number {
  const total = values.reduce((s, v) => s + BigInt(v), 0n);
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`a report total of ${total} fen exceeds the exact integer range`);
  }
  return Number(total);
}

/** A percentage in tenths of a percent, rounded half up in integers. */
function percentTenths(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return Math.floor((part * 1000 * 2 + whole) / (whole * 2));
}

function tenthsToNumber(tenths: number | null): number | null {
  return tenths === null ? null : tenths / 10;
}

/** `12.5` → `"12.5"`, `12` → `"12.0"`: one decimal for the CSV, from the JSON value. */
function oneDecimal(value: number | null): string | null {
  if (value === null) return null;
  const tenths = Math.round(value * 10);
  const sign = tenths < 0 ? '-' : '';
  const abs = Math.abs(tenths);
  return `${sign}${Math.floor(abs / 10)}.${abs % 10}`;
}
