import { WorkingCalendarService } from '@huiqi/core/calendar/working-calendar.service';
import { WorkingCalendar, workingDaysBetween } from '@huiqi/workflow';
import { Injectable } from '@nestjs/common';

interface WithDeadline {
  zoneCode: string;
  deadline: { dueAt: Date; workingDaysLeft?: number } | null;
}

/**
 * Each deadline as working days left in its zone's calendar (negative once overdue): 0 means due
 * today, 1 due on the next working day. One calendar read per zone in the page.
 */
@Injectable()
export class DeadlineCountdowns {
  constructor(private readonly calendars: WorkingCalendarService) {}

  async withWorkingDaysLeft<T extends WithDeadline>(items: T[], now = new Date()): Promise<T[]> {
    const calendars = new Map<string, WorkingCalendar>();
    for (const zone of new Set(items.filter((i) => i.deadline).map((i) => i.zoneCode))) {
      calendars.set(zone, await this.calendars.forZone(zone));
    }
    return items.map((item) =>
      item.deadline
        ? {
            ...item,
            deadline: {
              ...item.deadline,
              workingDaysLeft: workingDaysBetween(now, item.deadline.dueAt, calendars.get(item.zoneCode)!),
            },
          }
        : item,
    );
  }
}
