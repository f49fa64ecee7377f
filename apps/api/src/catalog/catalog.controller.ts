import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { text } from '@huiqi/common';
import { DomainError } from '@huiqi/core/errors/domain-error';
import { ApiIfMatch, IfMatch } from '../http/api-docs';
import { ProgramCodeParam, ProgramListQueryDto, RetireProgramDto, VersionParam } from './catalog.dto';
import {
  ProgramCatalogEntryView,
  ProgramDetailView,
  ProgramSummaryView,
  ProgramVersionView,
} from './catalog.views';
import { ProgramVersionsService } from './program-versions.service';
import { ProgramsService } from './programs.service';
import { ApiProblemResponses } from '../http/api-docs';

const DEFINITION_BODY = ApiBody({
  description:
    'A complete program definition (libs/policies schema). `code`, `zone` and `version` may be left out; every problem is reported by field path, e.g. `amount.rateBasisPoints`.',
  schema: { type: 'object', additionalProperties: true },
});

/** `If-Match: "3"` (or `3`): save the draft only if it is still at revision 3; otherwise 409. */
function expectedRevision(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(ifMatch.trim());
  if (!match) throw DomainError.invalid('If-Match', text('error.if-match'));
  return Number(match[1]);
}

@ApiTags('catalog')
@Controller('program-catalog')
export class ProgramCatalogController {
  constructor(private readonly programs: ProgramsService) {}

  @ApiOperation({
    operationId: 'programCatalog_list',
    summary: 'List every program of the zone with its versions (政策目录管理)',
    description:
      "For the zone's policy admins and auditors: every program of the caller's zone, drafts included, each version with its lifecycle as of today (draft, published, superseded, retired) and its window in force (Beijing dates), and the program's retirement if any.",
  })
  @Get()
  @Roles('policy_admin', 'auditor')
  @ApiOkResponse({ type: [ProgramCatalogEntryView] })
  list(@CurrentPrincipal() p: Principal) {
    return this.programs.catalogOf(p);
  }
}

@ApiTags('catalog')
@Controller('programs')
export class CatalogController {
  constructor(
    private readonly programs: ProgramsService,
    private readonly versions: ProgramVersionsService,
  ) {}

  @ApiOperation({
    operationId: 'programs_list',
    summary: 'List programs in force (政策列表)',
    description: "Programs in force (current version), of the caller's zone unless `zone` says otherwise.",
  })
  @Get()
  @Authenticated()
  @ApiOkResponse({ type: [ProgramSummaryView] })
  list(@CurrentPrincipal() p: Principal, @Query() q: ProgramListQueryDto) {
    return this.programs.list(p, q);
  }

  @ApiOperation({
    operationId: 'programs_create',
    summary: 'Create a program as a draft (新建政策)',
    description: "A brand-new program of the caller's zone, as draft version 1.",
  })
  @ApiProblemResponses([409, 'A program with this code exists'])
  @Post()
  @Idempotent()
  @Roles('policy_admin')
  @DEFINITION_BODY
  @ApiCreatedResponse({ type: ProgramVersionView })
  create(@CurrentPrincipal() p: Principal, @Body() body: unknown) {
    return this.versions.createProgram(p, body);
  }

  @ApiOperation({
    operationId: 'programs_get',
    summary: 'Get a program and its versions (政策详情)',
    description: 'The version in force today and the version history.',
  })
  @Get(':code')
  @Authenticated()
  @ApiOkResponse({ type: ProgramDetailView })
  get(@CurrentPrincipal() p: Principal, @ProgramCodeParam() code: string) {
    return this.programs.get(p, code);
  }

  @ApiOperation({ operationId: 'programs_getVersion', summary: 'Get a program version (政策版本)' })
  @Get(':code/versions/:version')
  @Authenticated()
  @ApiOkResponse({ type: ProgramVersionView })
  getVersion(
    @CurrentPrincipal() p: Principal,
    @ProgramCodeParam() code: string,
    @VersionParam() version: number,
  ) {
    return this.programs.getVersion(p, code, version);
  }

  @ApiOperation({
    operationId: 'programs_createDraft',
    summary: 'Start the next version as a draft (新建政策版本)',
    description: 'The next version, as a draft (one open draft per program).',
  })
  @ApiProblemResponses([409, 'The program already has an open draft'])
  @Post(':code/versions')
  @Idempotent()
  @Roles('policy_admin')
  @DEFINITION_BODY
  @ApiCreatedResponse({ type: ProgramVersionView })
  createDraft(@CurrentPrincipal() p: Principal, @ProgramCodeParam() code: string, @Body() body: unknown) {
    return this.versions.createDraft(p, code, body);
  }

  @ApiOperation({
    operationId: 'programs_updateDraft',
    summary: 'Replace a draft version (修改政策草稿)',
    description:
      'Replaces a draft\'s definition; a published version is immutable (409). With `If-Match: "<revision>"` the save is refused (409) when someone saved the draft since that revision. Definition problems are a 400 with each field path (`amount.rateBasisPoints`) and its message in the caller\'s language.',
  })
  @ApiProblemResponses([409, 'The version is published (immutable)'])
  @Put(':code/versions/:version')
  @Roles('policy_admin')
  @ApiIfMatch()
  @DEFINITION_BODY
  @ApiOkResponse({ type: ProgramVersionView })
  updateDraft(
    @CurrentPrincipal() p: Principal,
    @ProgramCodeParam() code: string,
    @VersionParam() version: number,
    @Body() body: unknown,
    @IfMatch() ifMatch?: string,
  ) {
    return this.versions.updateDraft(p, code, version, body, expectedRevision(ifMatch));
  }

  @ApiOperation({
    operationId: 'programs_retire',
    summary: 'Retire a program at a date (停止执行政策)',
    description:
      "Ends a program of the caller's zone after `lastDay` (inclusive, Beijing time): from the next day no version is in force, so no application or auto grant starts; cases already started stay on their version and continue. Audited; once per program. Another zone's program answers 404.",
  })
  @ApiProblemResponses([409, 'Already retired, or no published version'])
  @Post(':code/retirement')
  @HttpCode(200)
  @Idempotent()
  @Roles('policy_admin')
  @ApiOkResponse({ type: ProgramDetailView })
  async retire(
    @CurrentPrincipal() p: Principal,
    @ProgramCodeParam() code: string,
    @Body() dto: RetireProgramDto,
  ) {
    await this.versions.retire(p, code, dto.lastDay, dto.reason);
    return this.programs.get(p, code);
  }

  @ApiOperation({
    operationId: 'programs_publish',
    summary: 'Publish a draft version (发布政策)',
    description:
      'Publishes a draft (audited). Applications already started stay on the version they started on.',
  })
  @ApiProblemResponses([409, 'The version is not a draft'])
  @Post(':code/versions/:version/publish')
  @HttpCode(200)
  @Idempotent()
  @Roles('policy_admin')
  @ApiOkResponse({ type: ProgramVersionView })
  publish(
    @CurrentPrincipal() p: Principal,
    @ProgramCodeParam() code: string,
    @VersionParam() version: number,
  ) {
    return this.versions.publish(p, code, version);
  }
}
