import { AutoGrantSweepService } from '@huiqi/core/auto-grants/auto-grant-sweeps.service';
import { DomainError } from '@huiqi/core/errors/domain-error';
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IdParam } from '../http/id-param';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { StartSweepDto, SweepListQueryDto } from './auto-grant-sweeps.dto';
import { AutoGrantSweepQueries } from './auto-grant-sweeps.queries';
import { SweepDetailView, SweepPageView } from './auto-grant-sweeps.views';

const READERS = ['policy_admin', 'auditor', 'admin'] as const;

@ApiTags('auto-grants')
@Controller('auto-grant-sweeps')
export class AutoGrantSweepsController {
  constructor(
    private readonly sweeps: AutoGrantSweepService,
    private readonly queries: AutoGrantSweepQueries,
  ) {}

  /**
   * Starts a sweep (免申即享) of the caller's zone: every enterprise is evaluated against the zone's
   * auto programs in force (or the one given) and offered what it qualifies for. The sweep runs in the
   * worker; follow its progress with GET /auto-grant-sweeps/{id}.
   */
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

  /** Sweeps of a zone, newest first. */
  @Get()
  @Roles(...READERS)
  @ApiOkResponse({ type: SweepPageView })
  list(@CurrentPrincipal() p: Principal, @Query() q: SweepListQueryDto) {
    return this.queries.list(p, q);
  }

  /** Progress (processed / total), grants created, duplicates, skipped enterprises and errors. */
  @Get(':id')
  @Roles(...READERS)
  @ApiOkResponse({ type: SweepDetailView })
  get(@CurrentPrincipal() p: Principal, @IdParam('id', 'auto-grant sweep') id: string) {
    return this.queries.get(p, id);
  }
}
