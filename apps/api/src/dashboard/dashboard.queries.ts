import { WorkingCalendarService } from '@huiqi/core/calendar/working-calendar.service';
import { DomainError, DomainErrorCode } from '@huiqi/core/errors/domain-error';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { DashboardQueryDto } from './dashboard.dto';
import { DashboardFundMonthView, DashboardRefusalView, DashboardView } from './dashboard.views';

/** This year in Beijing. */
function beijingYear(now: Date): number {
  return new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear();
}

/** A sum of fen from SQL (numeric, as text) as a number, refusing one past 2^53 rather than rounding it. */
function fen(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`amount ${text} fen is not a safe integer`);
  return value;
}

/**
 * The zone leader's dashboard: set-based aggregates over the zone's ledger, cases, stage deadlines and
 * screening evidence. Sums are taken in SQL as numeric (bigint sums never overflow) and come back as
 * text. Zone-scoped: the caller's zone only.
 */
@Injectable()
export class DashboardQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calendars: WorkingCalendarService,
  ) {}

  async dashboard(p: Principal, q: DashboardQueryDto, now = new Date()): Promise<DashboardView> {
    if (!p.zoneId) throw new DomainError(DomainErrorCode.Forbidden, 'The dashboard is for a zone’s staff');
    const year = q.year ?? beijingYear(now);
    const fy = q.fiscalYear ?? null;
    const [zone]: { code: string }[] = await this.dataSource.query(`SELECT code FROM zones WHERE id = $1`, [
      p.zoneId,
    ]);
    const calendar = await this.calendars.forZone(zone.code);
    const [funds, states, counts, median, refusals] = await Promise.all([
      this.funds(p.zoneId, year, fy),
      this.dataSource.query(
        `SELECT state, count(*)::int AS count FROM applications
         WHERE zone_id = $1 AND state <> 'draft' GROUP BY state ORDER BY state`,
        [p.zoneId],
      ) as Promise<{ state: string; count: number }[]>,
      this.dataSource.query(
        `SELECT count(*) FILTER (WHERE stage IS NOT NULL AND stage_due_at < now())::int AS overdue,
                count(*) FILTER (WHERE ($2::int IS NULL OR fiscal_year = $2) AND approved_at IS NOT NULL)::int AS approved,
                count(*) FILTER (WHERE ($2::int IS NULL OR fiscal_year = $2) AND paid_at IS NOT NULL)::int AS paid,
                count(*) FILTER (WHERE ($2::int IS NULL OR fiscal_year = $2) AND state = 'rejected'
                                   AND evidence->>'eligible' = 'false')::int AS refused
         FROM applications WHERE zone_id = $1`,
        [p.zoneId, fy],
      ) as Promise<{ overdue: number; approved: number; paid: number; refused: number }[]>,
      this.medianWorkingDays(p.zoneId, fy, calendar.holidays, calendar.extraWorkdays),
      this.refusals(p.zoneId, fy),
    ]);
    return {
      zoneCode: zone.code,
      year,
      fiscalYear: fy,
      generatedAt: now,
      funds,
      states,
      overdueCount: counts[0].overdue,
      approvedCount: counts[0].approved,
      paidCount: counts[0].paid,
      medianWorkingDaysToPayment: median,
      screeningRefusedCount: counts[0].refused,
      screeningRefusals: refusals,
    };
  }

  /** Each pool's balances at the end of each month of `year` up to now, from its ledger entries. */
  private async funds(zoneId: string, year: number, fy: number | null): Promise<DashboardFundMonthView[]> {
    const rows: {
      pool_id: string;
      name: string;
      program_code: string | null;
      policy_document_code: string | null;
      fiscal_year: number;
      month: string;
      allocated: string;
      reserved: string;
      paid: string;
      available: string;
    }[] = await this.dataSource.query(
      `WITH bounds AS (
         SELECT make_date($2, 1, 1)::timestamp AT TIME ZONE 'Asia/Shanghai' AS starts,
                make_date($2 + 1, 1, 1)::timestamp AT TIME ZONE 'Asia/Shanghai' AS ends
       ), months AS (
         SELECT m, to_char(make_date($2, m, 1), 'YYYY-MM') AS month
         FROM generate_series(1, 12) AS m
         WHERE make_date($2, m, 1)::timestamp AT TIME ZONE 'Asia/Shanghai' <= now()
       ), buckets AS (
         -- Each pool's movements per month of the year; everything before the year in bucket 0.
         SELECT e.pool_id,
                CASE WHEN j.created_at < b.starts THEN 0
                     ELSE extract(month FROM j.created_at AT TIME ZONE 'Asia/Shanghai')::int END AS m,
                sum(e.amount_fen) FILTER (WHERE e.account = 'funding') AS funding,
                sum(e.amount_fen) FILTER (WHERE e.account = 'reserved') AS reserved,
                sum(e.amount_fen) FILTER (WHERE e.account = 'paid') AS paid,
                sum(e.amount_fen) FILTER (WHERE e.account = 'available') AS available
         FROM ledger_journals j JOIN ledger_entries e ON e.journal_id = j.id CROSS JOIN bounds b
         WHERE j.zone_id = $1 AND j.created_at < b.ends
         GROUP BY 1, 2
       )
       SELECT p.id AS pool_id, p.name, p.program_code, p.policy_document_code, p.fiscal_year, mo.month,
              (0 - coalesce(sum(bk.funding), 0))::text AS allocated,
              coalesce(sum(bk.reserved), 0)::text AS reserved,
              coalesce(sum(bk.paid), 0)::text AS paid,
              coalesce(sum(bk.available), 0)::text AS available
       FROM fund_pools p
       CROSS JOIN months mo
       JOIN buckets bk ON bk.pool_id = p.id AND bk.m <= mo.m
       WHERE p.zone_id = $1 AND ($3::int IS NULL OR p.fiscal_year = $3)
       GROUP BY p.id, p.name, p.program_code, p.policy_document_code, p.fiscal_year, mo.m, mo.month
       ORDER BY p.fiscal_year, p.name, p.id, mo.m`,
      [zoneId, year, fy],
    );
    return rows.map((r) => ({
      poolId: r.pool_id,
      poolName: r.name,
      programCode: r.program_code,
      policyDocumentCode: r.policy_document_code,
      fiscalYear: r.fiscal_year,
      month: r.month,
      allocatedFen: fen(r.allocated),
      reservedFen: fen(r.reserved),
      paidFen: fen(r.paid),
      availableFen: fen(r.available),
    }));
  }

  /**
   * The median of working days (zone calendar: weekdays that are not holidays, plus make-up days) after
   * the day of submission up to the day of payment, both in Asia/Shanghai — as workingDaysBetween counts.
   */
  private async medianWorkingDays(
    zoneId: string,
    fy: number | null,
    holidays: readonly string[],
    extraWorkdays: readonly string[],
  ): Promise<number | null> {
    const [row]: { median: number | null }[] = await this.dataSource.query(
      `WITH paid AS (
         SELECT (submitted_at AT TIME ZONE 'Asia/Shanghai')::date AS s, (paid_at AT TIME ZONE 'Asia/Shanghai')::date AS p
         FROM applications
         WHERE zone_id = $1 AND ($2::int IS NULL OR fiscal_year = $2) AND paid_at IS NOT NULL AND submitted_at IS NOT NULL
       ), days AS (
         SELECT (SELECT count(*) FROM generate_series(paid.s + 1, paid.p, interval '1 day') AS g(d)
                 WHERE to_char(g.d, 'YYYY-MM-DD') = ANY($4::text[])
                    OR (extract(isodow FROM g.d) < 6 AND NOT to_char(g.d, 'YYYY-MM-DD') = ANY($3::text[]))) AS n
         FROM paid
       )
       SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY n) AS median FROM days`,
      [zoneId, fy, [...holidays], [...extraWorkdays]],
    );
    return row.median === null ? null : Number(row.median);
  }

  /** Screening refusals (of fiscal year `fy`) by unmet condition, the commonest first. */
  private async refusals(zoneId: string, fy: number | null): Promise<DashboardRefusalView[]> {
    const rows: { clause_id: string; zh: string; en: string; count: number }[] = await this.dataSource.query(
      `SELECT u->>'clauseId' AS clause_id, min(u->'reason'->>'zh') AS zh, min(u->'reason'->>'en') AS en,
              count(DISTINCT a.id)::int AS count
       FROM applications a CROSS JOIN LATERAL jsonb_array_elements(a.evidence->'unmet') AS u
       WHERE a.zone_id = $1 AND ($2::int IS NULL OR a.fiscal_year = $2) AND a.state = 'rejected'
         AND a.evidence->>'eligible' = 'false' AND jsonb_typeof(a.evidence->'unmet') = 'array'
       GROUP BY u->>'clauseId'
       ORDER BY count DESC, clause_id`,
      [zoneId, fy],
    );
    return rows.map((r) => ({ clauseId: r.clause_id, reasonZh: r.zh, reasonEn: r.en, count: r.count }));
  }
}
