import { ClawbackService } from '@huiqi/core/finance/clawback.service';
import { Body, Controller, Get, Header, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IdParam } from '../http/id-param';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { ClawbackListQueryDto, OpenClawbackDto } from './clawbacks.dto';
import { ClawbackQueries } from './clawbacks.queries';
import { ClawbackDetailView, ClawbackPageView } from './clawbacks.views';
import { FINANCE_READERS, financeActorOf, financeZoneOf } from './finance-scope';
import { AuditEventView } from '../http/audit-event.view';
import { ApiProblemResponses } from '../http/api-docs';

const READERS = [...FINANCE_READERS, 'enterprise' as const];

/**
 * Clawback receivables (追回). The workflow opens them (false claim after payment, failed
 * verification); finance may open one by decision. They are recovered by bank statement credits
 * quoting the notice reference, or by offset against the enterprise's later payments.
 */
@ApiTags('finance: clawbacks')
@Controller('clawbacks')
export class ClawbacksController {
  constructor(
    private readonly clawbacks: ClawbackService,
    private readonly queries: ClawbackQueries,
  ) {}

  @ApiOperation({ operationId: 'clawbacks_list', summary: 'List clawbacks (追回列表)' })
  @Get()
  @Roles(...READERS)
  @ApiOkResponse({ type: ClawbackPageView })
  list(@CurrentPrincipal() p: Principal, @Query() query: ClawbackListQueryDto) {
    return this.queries.list(p, query);
  }

  @ApiOperation({ operationId: 'clawbacks_open', summary: 'Open a clawback (发起追回)' })
  @ApiProblemResponses([409, 'The grant cannot be clawed back in its state'])
  @Post()
  @Idempotent()
  @Roles('finance')
  @ApiCreatedResponse({ type: ClawbackDetailView })
  async open(@CurrentPrincipal() p: Principal, @Body() dto: OpenClawbackDto): Promise<ClawbackDetailView> {
    const receivable = await this.clawbacks.openByFinance(financeZoneOf(p), dto, financeActorOf(p));
    return this.queries.get(p, receivable.id);
  }

  @ApiOperation({ operationId: 'clawbacks_get', summary: 'Get a clawback (追回详情)' })
  @Get(':id')
  @Roles(...READERS)
  @ApiOkResponse({ type: ClawbackDetailView })
  get(@CurrentPrincipal() p: Principal, @IdParam('id', 'clawback') id: string) {
    return this.queries.get(p, id);
  }

  @ApiOperation({
    operationId: 'clawbacks_notice',
    summary: 'Get the demand notice as text (追回通知书)',
    description: 'The demand notice as plain text.',
  })
  @Get(':id/notice')
  @Roles(...READERS)
  @Header('content-type', 'text/plain; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOkResponse({ content: { 'text/plain': { schema: { type: 'string' } } } })
  notice(@CurrentPrincipal() p: Principal, @IdParam('id', 'clawback') id: string) {
    return this.queries.notice(p, id);
  }

  @ApiOperation({ operationId: 'clawbacks_history', summary: 'Get the audit trail of a clawback (追回记录)' })
  @Get(':id/history')
  @Roles(...FINANCE_READERS)
  @ApiOkResponse({ type: [AuditEventView] })
  history(@CurrentPrincipal() p: Principal, @IdParam('id', 'clawback') id: string) {
    return this.queries.history(p, id);
  }
}
