import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { ProgramCodeParam, ProgramListQueryDto, VersionParam } from './catalog.dto';
import { ProgramDetailView, ProgramSummaryView, ProgramVersionView } from './catalog.views';
import { ProgramVersionsService } from './program-versions.service';
import { ProgramsService } from './programs.service';

const DEFINITION_BODY = ApiBody({
  description:
    'A complete program definition (libs/policies schema). `code`, `zone` and `version` may be left out; every problem is reported by field path, e.g. `amount.rateBasisPoints`.',
  schema: { type: 'object', additionalProperties: true },
});

@ApiTags('catalog')
@Controller('programs')
export class CatalogController {
  constructor(
    private readonly programs: ProgramsService,
    private readonly versions: ProgramVersionsService,
  ) {}

  /** Programs in force (current version), of the caller's zone unless `zone` says otherwise. */
  @Get()
  @Authenticated()
  @ApiOkResponse({ type: [ProgramSummaryView] })
  list(@CurrentPrincipal() p: Principal, @Query() q: ProgramListQueryDto) {
    return this.programs.list(p, q);
  }

  /** A brand-new program of the caller's zone, as draft version 1. */
  @Post()
  @Idempotent()
  @Roles('policy_admin')
  @DEFINITION_BODY
  @ApiCreatedResponse({ type: ProgramVersionView })
  create(@CurrentPrincipal() p: Principal, @Body() body: unknown) {
    return this.versions.createProgram(p, body);
  }

  /** The version in force today and the version history. */
  @Get(':code')
  @Authenticated()
  @ApiOkResponse({ type: ProgramDetailView })
  get(@CurrentPrincipal() p: Principal, @ProgramCodeParam() code: string) {
    return this.programs.get(p, code);
  }

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

  /** The next version, as a draft (one open draft per program). */
  @Post(':code/versions')
  @Idempotent()
  @Roles('policy_admin')
  @DEFINITION_BODY
  @ApiCreatedResponse({ type: ProgramVersionView })
  createDraft(@CurrentPrincipal() p: Principal, @ProgramCodeParam() code: string, @Body() body: unknown) {
    return this.versions.createDraft(p, code, body);
  }

  /** Replaces a draft's definition; a published version is immutable (409). */
  @Put(':code/versions/:version')
  @Roles('policy_admin')
  @DEFINITION_BODY
  @ApiOkResponse({ type: ProgramVersionView })
  updateDraft(
    @CurrentPrincipal() p: Principal,
    @ProgramCodeParam() code: string,
    @VersionParam() version: number,
    @Body() body: unknown,
  ) {
    return this.versions.updateDraft(p, code, version, body);
  }

  /** Publishes a draft (audited). Applications already started stay on the version they started on. */
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
