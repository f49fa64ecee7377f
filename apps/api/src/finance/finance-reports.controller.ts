import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { CsvResponse, sendCsv } from './csv-reply';
import { FINANCE_REPORT_READERS } from './finance-scope';
import { FinanceReportQueryDto } from './finance-reports.dto';
import { FinanceReportQueries } from './finance-reports.queries';
import { FinanceReportView } from './finance-reports.views';

@ApiTags('finance: reports')
@Controller('finance-reports')
export class FinanceReportsController {
  constructor(private readonly reports: FinanceReportQueries) {}

  @ApiOperation({
    operationId: 'financeReports_get',
    summary: 'Get the finance report (财务报表)',
    description:
      "Per program and fiscal year of the caller's zone: allocation, reserved, paid and recovered money, number of grants, average days from submission to payment, and review-deadline compliance.",
  })
  @Get()
  @Roles(...FINANCE_REPORT_READERS)
  @ApiOkResponse({ type: FinanceReportView })
  report(@CurrentPrincipal() p: Principal, @Query() query: FinanceReportQueryDto) {
    return this.reports.report(p, query);
  }

  @ApiOperation({
    operationId: 'financeReports_csv',
    summary: 'Download the finance report as CSV (导出财务报表)',
  })
  @Get('report.csv')
  @Roles(...FINANCE_REPORT_READERS)
  @CsvResponse('The same report as CSV (amounts in yuan), with a TOTAL row')
  async reportCsv(
    @CurrentPrincipal() p: Principal,
    @Query() query: FinanceReportQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const file = await this.reports.reportCsv(p, query);
    return sendCsv(reply, file.fileName, file.csv);
  }
}
