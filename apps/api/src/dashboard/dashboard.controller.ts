import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ApiProblemResponses } from '../http/api-docs';
import { DashboardQueryDto } from './dashboard.dto';
import { DashboardQueries } from './dashboard.queries';
import { DashboardView } from './dashboard.views';

/**
 * The zone leader's dashboard (数据看板) for directors: money per fund pool and month, cases per state,
 * overdue cases, median working days to payment and screening refusals by reason.
 */
@ApiTags('reports')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly queries: DashboardQueries) {}

  @ApiOperation({
    operationId: 'dashboard_get',
    summary: 'Get the zone leader’s dashboard (数据看板)',
    description:
      'For the directors of a zone: allocated, reserved, paid and available money per fund pool at the end ' +
      'of each month of `year` (from the ledger); cases per state and overdue now; approved and paid ' +
      'cases, the median working days from submission to payment, and screening refusals by reason for ' +
      'fiscal year `year`. Amounts are integer fen.',
  })
  @Get()
  @Roles('director')
  @ApiProblemResponses(403)
  @ApiOkResponse({ type: DashboardView })
  get(@CurrentPrincipal() p: Principal, @Query() q: DashboardQueryDto): Promise<DashboardView> {
    return this.queries.dashboard(p, q);
  }
}
