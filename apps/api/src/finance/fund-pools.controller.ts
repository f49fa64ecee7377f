import { FundPoolsService } from '@huiqi/core/finance/fund-pools.service';
import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IdParam } from '../http/id-param';
import { PageQueryDto } from '../http/pagination';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { FINANCE_READERS, financeActorOf, financeZoneOf } from './finance-scope';
import { CreateFundPoolDto, FundPoolListQueryDto, SetAllocationDto } from './fund-pools.dto';
import { FundPoolQueries } from './fund-pools.queries';
import {
  FundPoolDetailView,
  FundPoolPageView,
  FundPoolView,
  LedgerPageView,
  toFundPoolView,
} from './fund-pools.views';
import { AuditEventView } from '../http/audit-event.view';
import { ApiProblemResponses } from '../http/api-docs';

@ApiTags('finance: fund pools')
@Controller('fund-pools')
export class FundPoolsController {
  constructor(
    private readonly pools: FundPoolsService,
    private readonly queries: FundPoolQueries,
  ) {}

  @ApiOperation({ operationId: 'fundPools_list', summary: 'List fund pools (资金池列表)' })
  @Get()
  @Roles(...FINANCE_READERS)
  @ApiOkResponse({ type: FundPoolPageView })
  list(@CurrentPrincipal() p: Principal, @Query() query: FundPoolListQueryDto) {
    return this.queries.list(p, query);
  }

  @ApiOperation({
    operationId: 'fundPools_create',
    summary: 'Create a fund pool (新建资金池)',
    description: "A fund pool for a program (or a policy document) of the caller's zone and one fiscal year.",
  })
  @ApiProblemResponses([409, 'A pool for this program and fiscal year exists'])
  @Post()
  @Idempotent()
  @Roles('finance')
  @ApiCreatedResponse({ type: FundPoolView })
  async create(@CurrentPrincipal() p: Principal, @Body() dto: CreateFundPoolDto): Promise<FundPoolView> {
    return toFundPoolView(await this.pools.create(financeZoneOf(p), dto, financeActorOf(p)));
  }

  @ApiOperation({ operationId: 'fundPools_get', summary: 'Get a fund pool (资金池详情)' })
  @Get(':id')
  @Roles(...FINANCE_READERS)
  @ApiOkResponse({ type: FundPoolDetailView })
  get(@CurrentPrincipal() p: Principal, @IdParam('id', 'fund pool') id: string) {
    return this.queries.get(p, id);
  }

  @ApiOperation({
    operationId: 'fundPools_setAllocation',
    summary: 'Set a pool’s allocation (调整预算额度)',
    description: 'Sets the allocation (audited); 409 when it would go below what is reserved and paid.',
  })
  @ApiProblemResponses([409, 'Below what is reserved and paid'])
  @Put(':id/allocation')
  @HttpCode(200)
  @Idempotent()
  @Roles('finance')
  @ApiOkResponse({ type: FundPoolView })
  async setAllocation(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'fund pool') id: string,
    @Body() dto: SetAllocationDto,
  ): Promise<FundPoolView> {
    return toFundPoolView(
      await this.pools.setAllocation(financeZoneOf(p), id, dto.allocatedFen, dto.comment, financeActorOf(p)),
    );
  }

  @ApiOperation({
    operationId: 'fundPools_ledger',
    summary: 'Get a pool’s ledger (资金台账)',
    description: 'Every journal of the pool, newest first, with its balanced entries.',
  })
  @Get(':id/ledger')
  @Roles(...FINANCE_READERS)
  @ApiOkResponse({ type: LedgerPageView })
  ledger(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'fund pool') id: string,
    @Query() page: PageQueryDto,
  ) {
    return this.queries.journals(p, id, page);
  }

  @ApiOperation({
    operationId: 'fundPools_history',
    summary: 'Get the audit trail of a pool (资金池记录)',
    description: "The pool's audit stream: creation, allocation changes and every money movement.",
  })
  @Get(':id/history')
  @Roles(...FINANCE_READERS)
  @ApiOkResponse({ type: [AuditEventView] })
  history(@CurrentPrincipal() p: Principal, @IdParam('id', 'fund pool') id: string) {
    return this.queries.history(p, id);
  }
}
