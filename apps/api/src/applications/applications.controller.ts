import { STAFF_ROLES, text } from '@huiqi/common';
import { DomainError } from '@huiqi/core/errors/domain-error';
import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ApiIfMatch, ApiProblemResponses, IfMatch } from '../http/api-docs';
import { IdParam } from '../http/id-param';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { InboxQueryDto } from '../inbox/inbox.dto';
import {
  ApplicationPageView,
  ApplicationView,
  ChainVerdictView,
  HistoryEventView,
  OfficerLoadView,
  PublicityPageView,
} from './application.views';
import {
  ApplicationActionDto,
  AssignmentDto,
  CreateApplicationDto,
  PublicityQueryDto,
  SubmitApplicationDto,
  UpdateApplicationDto,
} from './applications.dto';
import { ApplicationsService } from './applications.service';

/** `If-Match: "7"` (or `7`): act only if the application is still at version 7; otherwise 409. */
function expectedVersion(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(ifMatch.trim());
  if (!match) throw DomainError.invalid('If-Match', text('error.if-match'));
  return Number(match[1]);
}

@ApiTags('applications')
@Controller('applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @ApiOperation({
    operationId: 'applications_create',
    summary: 'Start an application draft (新建申请)',
    description: 'Starts a draft, pinned to the program version in force today.',
  })
  @Post()
  @Roles('enterprise')
  @Idempotent()
  @ApiCreatedResponse({ type: ApplicationView })
  @ApiProblemResponses(
    [403, 'Only enterprise users; or the enterprise is barred from applying'],
    [409, 'A case for this program and period already exists'],
  )
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateApplicationDto) {
    return this.applications.create(p, dto);
  }

  @ApiOperation({
    operationId: 'applications_list',
    summary: 'List applications or the zone inbox (申请列表 / 待办)',
    description:
      "The enterprise's own applications, or the zone inbox for staff: search (q), filters, sort, working days left.",
  })
  @Get()
  @Authenticated()
  @ApiOkResponse({ type: ApplicationPageView })
  list(@CurrentPrincipal() p: Principal, @Query() q: InboxQueryDto) {
    return this.applications.list(p, q);
  }

  @ApiOperation({
    operationId: 'applications_officerLoads',
    summary: 'Open work per officer (经办人工作量)',
    description: "Open work per officer of the caller's zone (for balancing and supervision).",
  })
  @Get('inbox/officers')
  @Roles('officer', 'director', 'auditor')
  @ApiOkResponse({ type: [OfficerLoadView] })
  inboxLoads(@CurrentPrincipal() p: Principal) {
    return this.applications.inboxLoads(p);
  }

  @ApiOperation({
    operationId: 'applications_listPublicity',
    summary: 'List cases in publicity (公示名单)',
    description:
      'The publicity list (公示) of a zone: public to anyone logged in; objections go to POST /actions.',
  })
  @Get('publicity')
  @Authenticated()
  @ApiOkResponse({ type: PublicityPageView })
  publicity(@CurrentPrincipal() p: Principal, @Query() q: PublicityQueryDto) {
    return this.applications.publicity(p, q);
  }

  @ApiOperation({ operationId: 'applications_get', summary: 'Get an application (申请详情)' })
  @Get(':id')
  @Authenticated()
  @ApiOkResponse({ type: ApplicationView })
  get(@CurrentPrincipal() p: Principal, @IdParam('id', 'application') id: string) {
    return this.applications.get(p, id);
  }

  @ApiOperation({
    operationId: 'applications_update',
    summary: 'Update the form of a draft or returned application (修改申请)',
    description:
      'Replaces the form while draft or returned for amendment. `state` and amounts are not fields: sending them is a 400.',
  })
  @Patch(':id')
  @Roles('enterprise')
  @ApiIfMatch()
  @ApiOkResponse({ type: ApplicationView })
  @ApiProblemResponses([409, 'Not a draft or returned for amendment, or changed since If-Match'])
  update(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'application') id: string,
    @Body() dto: UpdateApplicationDto,
    @IfMatch() ifMatch?: string,
  ) {
    return this.applications.update(p, id, dto, expectedVersion(ifMatch));
  }

  @ApiOperation({ operationId: 'applications_submit', summary: 'Submit an application (提交申请)' })
  @Post(':id/submit')
  @HttpCode(200)
  @Roles('enterprise')
  @Idempotent()
  @ApiOkResponse({ type: ApplicationView })
  @ApiProblemResponses([409, 'Not in a state that can be submitted'])
  submit(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'application') id: string,
    @Body() dto: SubmitApplicationDto,
  ) {
    return this.applications.submit(p, id, dto);
  }

  @ApiOperation({
    operationId: 'applications_act',
    summary: 'Take a workflow action (审批操作)',
    description:
      'Every workflow event (approve, reject, return, withdraw, object, confirm, ...): 409 if not in this state, 403 if not for you.',
  })
  @Post(':id/actions')
  @HttpCode(200)
  @Authenticated()
  @Idempotent()
  @ApiIfMatch()
  @ApiOkResponse({ type: ApplicationView })
  @ApiProblemResponses(
    [403, 'The action is not one this user may take'],
    [409, 'Not allowed in this state, changed since If-Match, or the fund pool cannot cover the amount'],
  )
  act(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'application') id: string,
    @Body() dto: ApplicationActionDto,
    @IfMatch() ifMatch?: string,
  ) {
    return this.applications.act(p, id, dto, expectedVersion(ifMatch));
  }

  @ApiOperation({
    operationId: 'applications_history',
    summary: 'Get the audit trail of an application (办理记录)',
    description: 'The audit trail: who did what, when, with the hash chain.',
  })
  @Get(':id/history')
  @Authenticated()
  @ApiOkResponse({ type: [HistoryEventView] })
  history(@CurrentPrincipal() p: Principal, @IdParam('id', 'application') id: string) {
    return this.applications.history(p, id);
  }

  @ApiOperation({
    operationId: 'applications_verifyHistory',
    summary: 'Verify the audit hash chain (校验审计链)',
    description: 'Recomputes the audit chain: any altered, removed or inserted event is reported.',
  })
  @Get(':id/history/verify')
  @Roles(...STAFF_ROLES, 'admin')
  @ApiOkResponse({ type: ChainVerdictView })
  verify(@CurrentPrincipal() p: Principal, @IdParam('id', 'application') id: string) {
    return this.applications.verifyChain(p, id);
  }

  @ApiOperation({
    operationId: 'applications_assign',
    summary: 'Take or hand back an application (认领 / 交回分派)',
  })
  @Post(':id/assignment')
  @HttpCode(200)
  @Roles('officer')
  @ApiOkResponse({ type: ApplicationView })
  @ApiProblemResponses([409, 'Not in a stage that can be taken or released'])
  assign(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'application') id: string,
    @Body() dto: AssignmentDto,
  ) {
    return this.applications.assign(p, id, dto.action);
  }
}
