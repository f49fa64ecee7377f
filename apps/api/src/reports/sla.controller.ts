import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { SlaReportQueryDto } from './sla.dto';
import { SlaReportService } from './sla.service';
import { SlaReportView } from './sla.views';
import { csvContent, RequestHeader } from '../http/api-docs';

@ApiTags('reports')
@Controller('reports')
export class SlaReportController {
  constructor(private readonly reports: SlaReportService) {}

  @ApiOperation({
    operationId: 'reports_sla',
    summary: 'Get the time-limited completion report (限时办结报表)',
    description:
      'Time-limited completion (限时办结) per stage and per member of staff of a zone, from the stage log: items finished in the period, on time, overdue, compliance %, median hours, and what is open and late now. JSON, or CSV with `Accept: text/csv` or `?format=csv`.',
  })
  @Get('sla')
  @Roles('officer', 'director', 'auditor', 'admin')
  @ApiExtraModels(SlaReportView)
  @ApiOkResponse({
    description: 'JSON, or CSV with `Accept: text/csv` or `?format=csv`',
    content: { 'application/json': { schema: { $ref: getSchemaPath(SlaReportView) } }, ...csvContent() },
  })
  async sla(
    @CurrentPrincipal() p: Principal,
    @Query() query: SlaReportQueryDto,
    @RequestHeader('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SlaReportView | string> {
    if (query.format === 'csv' || (query.format === undefined && prefersCsv(accept))) {
      const file = await this.reports.reportCsv(p, query);
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`)
        .header('cache-control', 'no-store');
      return file.csv;
    }
    return this.reports.report(p, query);
  }
}

/** CSV when the client names text/csv and does not prefer JSON over it. */
function prefersCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  const types = accept.split(',').map((t) => t.split(';')[0].trim().toLowerCase());
  const csv = types.indexOf('text/csv');
  const json = types.indexOf('application/json');
  return csv >= 0 && (json < 0 || csv < json);
}
