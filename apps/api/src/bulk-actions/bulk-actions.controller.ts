import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ApiProblemResponses } from '../http/api-docs';
import { IdParam } from '../http/id-param';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { CreateBulkActionDto } from './bulk-actions.dto';
import { BulkActionsService } from './bulk-actions.service';
import { BulkActionView } from './bulk-actions.views';

@ApiTags('bulk-actions')
@Controller('bulk-actions')
export class BulkActionsController {
  constructor(private readonly bulk: BulkActionsService) {}

  /**
   * Approve or return many cases with one comment. Runs in the worker: 202, then follow
   * `GET /bulk-actions/{id}` (progress and each case's outcome). Each case succeeds or fails on its own.
   */
  @Post()
  @HttpCode(202)
  @Roles('officer', 'director')
  @Idempotent()
  @ApiOperation({
    operationId: 'bulkActions_create',
    summary: 'Start a bulk action (批量审批)',
    description:
      'Approve or return many cases with one comment. Runs in the worker: 202, then follow ' +
      '`GET /bulk-actions/{id}` (the Location header). Each case succeeds or fails on its own.',
  })
  @ApiProblemResponses(403)
  @ApiAcceptedResponse({ type: BulkActionView })
  async create(
    @CurrentPrincipal() p: Principal,
    @Body() dto: CreateBulkActionDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const view = await this.bulk.create(p, dto);
    reply.header('location', `/bulk-actions/${view.id}`);
    return view;
  }

  /** The zone's latest bulk actions. */
  @Get()
  @Roles('officer', 'director', 'auditor')
  @ApiOperation({ operationId: 'bulkActions_list', summary: 'The zone’s latest bulk actions (批量操作列表)' })
  @ApiProblemResponses(403)
  @ApiOkResponse({ type: [BulkActionView] })
  list(@CurrentPrincipal() p: Principal) {
    return this.bulk.list(p);
  }

  /** Progress (total, done, succeeded, failed) and each case's outcome. */
  @Get(':id')
  @Roles('officer', 'director', 'auditor')
  @ApiOperation({
    operationId: 'bulkActions_get',
    summary: 'A bulk action and its cases (批量操作详情)',
    description: 'Progress (total, done, succeeded, failed) and each case’s outcome.',
  })
  @ApiProblemResponses(403)
  @ApiOkResponse({ type: BulkActionView })
  get(@CurrentPrincipal() p: Principal, @IdParam('id', 'bulk action') id: string) {
    return this.bulk.get(p, id);
  }
}
