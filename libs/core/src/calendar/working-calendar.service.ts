import { DEFAULT_WORKING_CALENDAR, WorkingCalendar } from '@huiqi/workflow';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export const DEFAULT_CALENDAR_SCOPE = 'default';

/**
 * The working-day calendar deadlines are counted in: the zone's own if an admin configured one, else
 * the configured default, else the built-in PRC calendar (statutory holidays and 调休 days).
 */
@Injectable()
export class WorkingCalendarService {
  constructor(private readonly dataSource: DataSource) {}

  async forZone(
    zoneCode: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<WorkingCalendar> {
    const rows: { scope: string; holidays: string[]; extra_workdays: string[] }[] = await manager.query(
      `SELECT scope, holidays, extra_workdays FROM working_calendars WHERE scope = ANY($1)`,
      [[zoneCode, DEFAULT_CALENDAR_SCOPE]],
    );
    const row =
      rows.find((r) => r.scope === zoneCode) ?? rows.find((r) => r.scope === DEFAULT_CALENDAR_SCOPE);
    if (!row) return DEFAULT_WORKING_CALENDAR;
    return { timeZone: 'Asia/Shanghai', holidays: row.holidays, extraWorkdays: row.extra_workdays };
  }
}
