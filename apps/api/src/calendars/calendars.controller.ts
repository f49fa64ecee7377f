import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { WorkingCalendarDto, WorkingCalendarView } from './calendars.dto';
import { CalendarsService } from './calendars.service';

@ApiTags('admin')
@Controller('admin/calendars')
export class CalendarsController {
  constructor(private readonly calendars: CalendarsService) {}

  @ApiOperation({
    operationId: 'calendars_get',
    summary: 'Get a working-day calendar (工作日历)',
    description:
      "The working-day calendar of `default` or of a zone (inherits the default until set); staff see their own zone's.",
  })
  @Get(':scope')
  @Roles('admin', 'director', 'auditor')
  @ApiOkResponse({ type: WorkingCalendarView })
  get(@CurrentPrincipal() p: Principal, @Param('scope') scope: string) {
    return this.calendars.get(p, scope);
  }

  @ApiOperation({
    operationId: 'calendars_set',
    summary: 'Replace a working-day calendar (设置工作日历)',
    description: 'Replaces a calendar; deadlines started afterwards are counted in it.',
  })
  @Put(':scope')
  @Roles('admin')
  @ApiOkResponse({ type: WorkingCalendarView })
  set(@CurrentPrincipal() p: Principal, @Param('scope') scope: string, @Body() dto: WorkingCalendarDto) {
    return this.calendars.set(p, scope, dto);
  }
}
