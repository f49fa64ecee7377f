import { AuditService } from '@huiqi/core/audit/audit.service';
import {
  DEFAULT_CALENDAR_SCOPE,
  WorkingCalendarService,
} from '@huiqi/core/calendar/working-calendar.service';
import { DomainError } from '@huiqi/core/errors/domain-error';
import { validateCalendar } from '@huiqi/workflow';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { WorkingCalendarDto, WorkingCalendarView } from './calendars.dto';

/** Admins keep the holiday calendar deadlines are counted in: a default, and per-zone overrides. */
@Injectable()
export class CalendarsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calendars: WorkingCalendarService,
    private readonly audit: AuditService,
  ) {}

  /** Admins read any calendar; zone staff the default and their own zone's (another zone is 404). */
  async get(p: Principal, scope: string): Promise<WorkingCalendarView> {
    await this.requireScope(scope);
    if (p.role !== 'admin' && scope !== DEFAULT_CALENDAR_SCOPE) {
      const own: { code: string }[] = await this.dataSource.query('SELECT code FROM zones WHERE id = $1', [
        p.zoneId,
      ]);
      if (own[0]?.code !== scope) throw DomainError.notFound('calendarScope', scope);
    }
    return this.read(scope);
  }

  private async read(scope: string): Promise<WorkingCalendarView> {
    const own: unknown[] = await this.dataSource.query('SELECT 1 FROM working_calendars WHERE scope = $1', [
      scope,
    ]);
    const calendar = await this.calendars.forZone(scope);
    return {
      scope,
      configured: own.length > 0,
      holidays: [...calendar.holidays],
      extraWorkdays: [...calendar.extraWorkdays],
    };
  }

  async set(p: Principal, scope: string, dto: WorkingCalendarDto): Promise<WorkingCalendarView> {
    await this.requireScope(scope);
    const holidays = [...new Set(dto.holidays)].sort();
    const extraWorkdays = [...new Set(dto.extraWorkdays)].sort();
    const problems = validateCalendar({ timeZone: 'Asia/Shanghai', holidays, extraWorkdays });
    if (problems.length > 0) throw DomainError.invalid('holidays', problems.join('; '));
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `INSERT INTO working_calendars (scope, holidays, extra_workdays, updated_by, updated_at)
         VALUES ($1, $2::jsonb, $3::jsonb, $4, now())
         ON CONFLICT (scope) DO UPDATE SET holidays = $2::jsonb, extra_workdays = $3::jsonb, updated_by = $4, updated_at = now()`,
        [scope, JSON.stringify(holidays), JSON.stringify(extraWorkdays), p.userId],
      );
      await this.audit.append(m, {
        stream: `calendar:${scope}`,
        zoneId: null,
        enterpriseId: null,
        actorId: p.userId,
        actorRole: p.role,
        action: 'calendar.set',
        data: { holidays: holidays.length, extraWorkdays: extraWorkdays.length },
      });
    });
    return this.read(scope);
  }

  private async requireScope(scope: string): Promise<void> {
    if (scope === DEFAULT_CALENDAR_SCOPE) return;
    const zone: unknown[] = await this.dataSource.query('SELECT 1 FROM zones WHERE code = $1', [scope]);
    if (zone.length === 0) throw DomainError.notFound('calendarScope', scope);
  }
}
