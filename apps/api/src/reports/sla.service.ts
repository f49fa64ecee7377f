import { text } from '@huiqi/common';
import { csvDocument } from '@huiqi/core/finance/csv-text';
import { DomainError } from '@huiqi/core/errors/domain-error';
import { DEADLINE_STAGES, shanghaiDate } from '@huiqi/workflow';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { SlaReportQueryDto } from './sla.dto';
import type { SlaFigures, SlaOfficerRow, SlaReportView, SlaStageRow } from './sla.views';

interface GroupRow {
  stage: string | null;
  handler_id: string | null;
  g_stage: number;
  g_handler: number;
  handled: number;
  on_time: number;
  overdue: number;
  median_hours: number | null;
  open: number;
  open_overdue: number;
}

const DAY_MS = 24 * 3600 * 1000;
const MAX_DAYS = 366;
const STAGE_ORDER: readonly string[] = [...DEADLINE_STAGES, 'publicity'];
/** Stages that wait on the enterprise (or on the calendar), not on staff: in the stage totals, never an officer's. */
const NOT_STAFF_WORK = ['amending', 'offered', 'publicity'];

/**
 * Deadline compliance (限时办结) from the stage log: per stage and per member of staff, how many stage
 * entries were finished in the period, how many on time and overdue, the compliance percentage and the
 * median time taken; plus what is open now and already late. An entry counts for the person who
 * finished it, or — when the system closed it (an expiry) — for the person it was assigned to; stages
 * that wait on the enterprise or the calendar count for nobody.
 */
@Injectable()
export class SlaReportService {
  constructor(private readonly dataSource: DataSource) {}

  async report(principal: Principal, query: SlaReportQueryDto): Promise<SlaReportView> {
    const zone = await this.zoneOf(principal, query.zone);
    const { from, to, start, end } = period(query);
    const rows: GroupRow[] = await this.dataSource.query(
      `WITH handled AS (
         SELECT stage, CASE WHEN stage = ANY($4) THEN NULL ELSE coalesce(left_by, assignee_id) END AS handler_id,
                coalesce(on_time, true) AS on_time,
                extract(epoch FROM left_at - entered_at) / 3600.0 AS hours
         FROM application_stage_log
         WHERE zone_id = $1 AND left_at >= $2 AND left_at < $3
       ), still_open AS (
         SELECT stage, CASE WHEN stage = ANY($4) THEN NULL ELSE assignee_id END AS handler_id,
                coalesce(due_at < now(), false) AS late
         FROM application_stage_log WHERE zone_id = $1 AND left_at IS NULL
       ), facts AS (
         SELECT stage, handler_id, 1 AS handled, on_time::int AS on_time, (NOT on_time)::int AS overdue,
                hours, 0 AS open, 0 AS open_overdue
         FROM handled
         UNION ALL
         SELECT stage, handler_id, 0, 0, 0, NULL, 1, late::int FROM still_open
       )
       SELECT stage, handler_id, grouping(stage) AS g_stage, grouping(handler_id) AS g_handler,
              sum(handled)::int AS handled, sum(on_time)::int AS on_time, sum(overdue)::int AS overdue,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) AS median_hours,
              sum(open)::int AS open, sum(open_overdue)::int AS open_overdue
       FROM facts
       GROUP BY GROUPING SETS ((), (stage), (handler_id), (stage, handler_id))`,
      [zone.id, start, end, NOT_STAFF_WORK],
    );
    const handlerIds = [...new Set(rows.map((r) => r.handler_id).filter((id): id is string => id !== null))];
    const staff: { id: string; username: string; display_name: string; role: string }[] = handlerIds.length
      ? await this.dataSource.query(
          `SELECT id, username, display_name, role FROM users WHERE id = ANY($1::uuid[]) AND role <> 'enterprise'`,
          [handlerIds],
        )
      : [];
    const total = rows.find((r) => r.g_stage === 1 && r.g_handler === 1);
    const byStage = rows
      .filter((r) => r.g_stage === 0 && r.g_handler === 1)
      .map((r) => ({ stage: r.stage as string, ...figures(r) }))
      .sort(byStageOrder);
    const byOfficer: SlaOfficerRow[] = staff
      .map((u) => {
        const own = rows.find(
          (r) => r.g_stage === 1 && r.g_handler === 0 && r.handler_id === u.id,
        ) as GroupRow;
        const stages = rows
          .filter((r) => r.g_stage === 0 && r.g_handler === 0 && r.handler_id === u.id)
          .map((r) => ({ stage: r.stage as string, ...figures(r) }))
          .sort(byStageOrder);
        return {
          userId: u.id,
          username: u.username,
          displayName: u.display_name,
          role: u.role,
          ...figures(own),
          stages,
        };
      })
      .sort((a, b) => b.handled - a.handled || a.username.localeCompare(b.username));
    return { zone: zone.code, from, to, totals: total ? figures(total) : EMPTY, byStage, byOfficer };
  }

  /** The same report as one CSV table: a TOTAL row, a row per stage, per officer and per officer and stage. */
  async reportCsv(
    principal: Principal,
    query: SlaReportQueryDto,
  ): Promise<{ fileName: string; csv: string }> {
    const r = await this.report(principal, query);
    const cells = (f: SlaFigures) => [
      f.handled,
      f.onTime,
      f.overdue,
      f.compliancePercent === null ? null : f.compliancePercent.toFixed(1),
      f.medianHours === null ? null : f.medianHours.toFixed(1),
      f.open,
      f.openOverdue,
    ];
    const rows: (string | number | null)[][] = [
      ['TOTAL', '', '', '', '', '', ...cells(r.totals)],
      ...r.byStage.map((s) => ['stage', s.stage, '', '', '', '', ...cells(s)]),
      ...r.byOfficer.flatMap((o) => [
        ['officer', '', o.userId, o.username, o.displayName, o.role, ...cells(o)],
        ...o.stages.map((s) => [
          'officer-stage',
          s.stage,
          o.userId,
          o.username,
          o.displayName,
          o.role,
          ...cells(s),
        ]),
      ]),
    ];
    const header = [
      'dimension',
      'stage',
      'user_id',
      'username',
      'display_name',
      'role',
      'handled',
      'on_time',
      'overdue',
      'compliance_percent',
      'median_hours',
      'open',
      'open_overdue',
    ];
    return { fileName: `sla-${r.zone}-${r.from}-${r.to}.csv`, csv: csvDocument(header, rows) };
  }

  /** Staff see their own zone (another zone answers 404, like any row out of scope); admins name one. */
  private async zoneOf(
    principal: Principal,
    code: string | undefined,
  ): Promise<{ id: string; code: string }> {
    if (principal.role !== 'admin') {
      const own: { id: string; code: string }[] = await this.dataSource.query(
        `SELECT id, code FROM zones WHERE id = $1`,
        [principal.zoneId],
      );
      if (!own[0] || (code !== undefined && code !== own[0].code)) throw DomainError.notFound('zone');
      return own[0];
    }
    if (!code) throw DomainError.invalid('zone', text('error.sla-zone-required'));
    const rows: { id: string; code: string }[] = await this.dataSource.query(
      `SELECT id, code FROM zones WHERE code = $1`,
      [code],
    );
    if (!rows[0]) throw DomainError.notFound('zone');
    return rows[0];
  }
}

const EMPTY: SlaFigures = {
  handled: 0,
  onTime: 0,
  overdue: 0,
  compliancePercent: null,
  medianHours: null,
  open: 0,
  openOverdue: 0,
};

function figures(r: GroupRow | undefined): SlaFigures {
  if (!r) return EMPTY;
  return {
    handled: r.handled,
    onTime: r.on_time,
    overdue: r.overdue,
    compliancePercent: r.handled > 0 ? Math.round((r.on_time * 1000) / r.handled) / 10 : null,
    medianHours: r.median_hours === null ? null : Math.round(Number(r.median_hours) * 10) / 10,
    open: r.open,
    openOverdue: r.open_overdue,
  };
}

function byStageOrder(a: SlaStageRow, b: SlaStageRow): number {
  const rank = (s: string) => (STAGE_ORDER.includes(s) ? STAGE_ORDER.indexOf(s) : STAGE_ORDER.length);
  return rank(a.stage) - rank(b.stage) || a.stage.localeCompare(b.stage);
}

/** Calendar days in Asia/Shanghai: [from 00:00 +08:00, to + 1 day 00:00 +08:00). */
export function period(query: Pick<SlaReportQueryDto, 'from' | 'to'>): {
  from: string;
  to: string;
  start: Date;
  end: Date;
} {
  const to = query.to ?? shanghaiDate(new Date());
  const toStart = dayStart(to, 'to');
  const from = query.from ?? shanghaiDate(new Date(toStart.getTime() - 29 * DAY_MS));
  const start = dayStart(from, 'from');
  if (start > toStart) throw DomainError.invalid('from', text('error.from-after-to'));
  if ((toStart.getTime() - start.getTime()) / DAY_MS >= MAX_DAYS)
    throw DomainError.invalid('from', text('error.period-too-long', { days: MAX_DAYS }));
  return { from, to, start, end: new Date(toStart.getTime() + DAY_MS) };
}

function dayStart(date: string, field: string): Date {
  const at = new Date(`${date}T00:00:00+08:00`);
  if (Number.isNaN(at.getTime()) || shanghaiDate(at) !== date)
    throw DomainError.invalid(field, text('error.not-a-date', { field }));
  return at;
}
