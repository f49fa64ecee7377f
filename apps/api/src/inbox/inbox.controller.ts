import { STAFF_ROLES } from '@huiqi/common';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import { ApiProblemResponses } from '../http/api-docs';
import type { Principal } from '../auth/principal';
import { InboxExportService } from './inbox-export.service';
import { InboxExportQueryDto } from './inbox.dto';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('applications')
@Controller('applications')
export class InboxController {
  constructor(private readonly exports: InboxExportService) {}

  /** The current inbox list (same filters, search and order as GET /applications) as XLSX or CSV. */
  @Get('export')
  @Roles(...STAFF_ROLES)
  @ApiProduces(XLSX, 'text/csv')
  @ApiOperation({
    operationId: 'applications_export',
    summary: 'Export the inbox list (导出列表)',
    description:
      'The current inbox list (same filters, search and order as GET /applications) as XLSX or CSV ' +
      '(`format`), with Chinese headers and ids as text.',
  })
  @ApiProblemResponses(403)
  @ApiOkResponse({
    description: 'The list as a file (Chinese headers; ids as text)',
    content: {
      [XLSX]: { schema: { type: 'string', format: 'binary' } },
      'text/csv': { schema: { type: 'string', format: 'binary' } },
    },
  })
  async export(
    @CurrentPrincipal() p: Principal,
    @Query() q: InboxExportQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const file = await this.exports.export(p, q);
    reply
      .header('content-type', q.format === 'csv' ? 'text/csv; charset=utf-8' : XLSX)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'no-store');
    return file.body;
  }
}
