import { STAFF_ROLES } from '@huiqi/common';
import { DomainError } from '@huiqi/core/errors/domain-error';
import { Body, Controller, Get, Headers, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IdParam } from '../http/id-param';
import { Idempotent } from '../idempotency/idempotent.decorator';
import {
  ApplicationPageView,
  ApplicationView,
  ChainVerdictView,
  HistoryEventView,
} from './application.views';
import {
  ApplicationActionDto,
  ApplicationListQueryDto,
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
  if (!match) throw DomainError.invalid('If-Match', 'If-Match must be the application version, e.g. "3"');
  return Number(match[1]);
}

const IF_MATCH = ApiHeader({
  name: 'If-Match',
  required: false,
  description: 'The version you read; a newer one answers 409',
});

@ApiTags('applications')
@Controller('applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  /** Starts a draft, pinned to the program version in force today. */
  @Post()
  @Roles('enterprise')
  @Idempotent()
  @ApiCreatedResponse({ type: ApplicationView })
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateApplicationDto) {
    return this.applications.create(p, dto);
  }

  /** The enterprise's own applications, or the zone inbox for staff (filters: state, program, overdue, assigned to me). */
  @Get()
  @Authenticated()
  @ApiOkResponse({ type: ApplicationPageView })
  list(@CurrentPrincipal() p: Principal, @Query() q: ApplicationListQueryDto) {
    return this.applications.list(p, q);
  }

  /** Open work per officer of the caller's zone (for balancing and supervision). */
  @Get('inbox/officers')
  @Roles('officer', 'director', 'auditor')
  inboxLoads(@CurrentPrincipal() p: Principal) {
    return this.applications.inboxLoads(p);
  }

  /** The publicity list (公示) of a zone: public to anyone logged in; objections go to POST /actions. */
  @Get('publicity')
  @Authenticated()
  publicity(@CurrentPrincipal() p: Principal, @Query() q: PublicityQueryDto) {
    return this.applications.publicity(p, q);
  }

  @Get(':id')
  @Authenticated()
  @ApiOkResponse({ type: ApplicationView })
  get(@CurrentPrincipal() p: Principal, @IdParam('id', 'application') id: string) {
    return this.applications.get(p, id);
  }

  /** Replaces the form while draft or returned for amendment. `state` and amounts are not fields: sending them is a 400. */
  @Patch(':id')
  @Roles('enterprise')
  @IF_MATCH
  @ApiOkResponse({ type: ApplicationView })
  update(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'application') id: string,
    @Body() dto: UpdateApplicationDto,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.applications.update(p, id, dto, expectedVersion(ifMatch));
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Roles('enterprise')
  @Idempotent()
  @ApiOkResponse({ type: ApplicationView })
  submit(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'application') id: string,
    @Body() dto: SubmitApplicationDto,
  ) {
    return this.applications.submit(p, id, dto);
  }

  /** Every workflow event (approve, reject, return, withdraw, object, confirm, ...): 409 if not in this state, 403 if not for you. */
  @Post(':id/actions')
  @HttpCode(200)
  @Authenticated()
  @Idempotent()
  @IF_MATCH
  @ApiOkResponse({ type: ApplicationView })
  act(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'application') id: string,
    @Body() dto: ApplicationActionDto,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.applications.act(p, id, dto, expectedVersion(ifMatch));
  }

  /** The audit trail: who did what, when, with the hash chain. */
  @Get(':id/history')
  @Authenticated()
  @ApiOkResponse({ type: [HistoryEventView] })
  history(@CurrentPrincipal() p: Principal, @IdParam('id', 'application') id: string) {
    return this.applications.history(p, id);
  }

  /** Recomputes the audit chain: any altered, removed or inserted event is reported. */
  @Get(':id/history/verify')
  @Roles(...STAFF_ROLES, 'admin')
  @ApiOkResponse({ type: ChainVerdictView })
  verify(@CurrentPrincipal() p: Principal, @IdParam('id', 'application') id: string) {
    return this.applications.verifyChain(p, id);
  }

  @Post(':id/assignment')
  @HttpCode(200)
  @Roles('officer')
  @ApiOkResponse({ type: ApplicationView })
  assign(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'application') id: string,
    @Body() dto: AssignmentDto,
  ) {
    return this.applications.assign(p, id, dto.action);
  }
}
