import { AutoGrantSweepService } from '@huiqi/core/auto-grants/auto-grant-sweeps.service';
import { DomainError } from '@huiqi/core/errors/domain-error';
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IdParam } from '../http/id-param';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { StartSweepDto, SweepListQueryDto } from './auto-grant-sweeps.dto';
import { AutoGrantSweepQueries } from './auto-grant-sweeps.queries';
import { SweepDetailView, SweepPageView } from './auto-grant-sweeps.views';
import { ApiProblemResponses } from '../http/api-docs';

const READERS = ['policy_admin', 'auditor', 'admin'] as const;

@ApiTags('auto-grants')
@Controller('auto-grant-sweeps')
export class AutoGrantSweepsController {
  constructor(
    private readonly sweeps: AutoGrantSweepService,
    private readonly queries: AutoGrantSweepQueries,
  ) {}

  @ApiOperation({
    operationId: 'autoGrantSweeps_start',
    summary: 'Start an auto-grant sweep (免申即享批量匹配)',
    description:
      "Starts a sweep (免申即享) of the caller's zone: every enterprise is evaluated against the zone's auto programs in force (or the one given) and offered what it qualifies for. The sweep runs in the worker; follow its progress with GET /auto-grant-sweeps/{id}.",
  })
  @ApiProblemResponses([422, 'The zone has no auto-grant program in force in the fiscal year'])
  @Post()
  @HttpCode(202)
  @Idempotent()
  @Roles('policy_admin')
  @ApiAcceptedResponse({ type: SweepDetailView })
  async start(@CurrentPrincipal() p: Principal, @Body() dto: StartSweepDto): Promise<SweepDetailView> {
    if (!p.zoneId) throw DomainError.notFound('zone');
    const sweep = await this.sweeps.start(p.zoneId, dto, { userId: p.userId, role: p.role });
    return this.queries.get(p, sweep.id);
  }

  @ApiOperation({
    operationId: 'autoGrantSweeps_list',
    summary: 'List auto-grant sweeps (匹配任务列表)',
    description: 'Sweeps of a zone, newest first.',
  })
  @Get()
  @Roles(...READERS)
  @ApiOkResponse({ type: SweepPageView })
  list(@CurrentPrincipal() p: Principal, @Query() q: SweepListQueryDto) {
    return this.queries.list(p, q);
  }

  @ApiOperation({
    operationId: 'autoGrantSweeps_get',
    summary: 'Get a sweep and its progress (匹配任务详情)',
    description: 'Progress (processed / total), grants created, duplicates, skipped enterprises and errors.',
  })
  @Get(':id')
  @Roles(...READERS)
  @ApiOkResponse({ type: SweepDetailView })
  get(@CurrentPrincipal() p: Principal, @IdParam('id', 'auto-grant sweep') id: string) {
    return this.queries.get(p, id);
  }
}
