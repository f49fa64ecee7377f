import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ProgramCodeParam, VersionParam } from '../catalog/catalog.dto';
import { IdParam } from '../http/id-param';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { CreateSandboxRunDto, SandboxChangesQueryDto } from './sandbox.dto';
import { SandboxService } from './sandbox.service';
import { SandboxChangePageView, SandboxRunView } from './sandbox.views';

const READERS = ['policy_admin', 'auditor', 'admin'] as const;

@ApiTags('sandbox')
@Controller()
export class SandboxController {
  constructor(private readonly sandbox: SandboxService) {}

  @ApiOperation({
    operationId: 'sandbox_run',
    summary: 'Start a sandbox run of a program version (政策沙盘测算)',
    description:
      'Runs a program version (a draft, or a published one) over every enterprise of its zone in the worker, compared with the version in force: who qualifies, the projected cost per fiscal year against the fund pool, and who gains or loses. Writes nothing but its report.',
  })
  @Post('programs/:code/versions/:version/sandbox-runs')
  @HttpCode(202)
  @Idempotent()
  @Roles('policy_admin')
  @ApiAcceptedResponse({ type: SandboxRunView })
  create(
    @CurrentPrincipal() p: Principal,
    @ProgramCodeParam() code: string,
    @VersionParam() version: number,
    @Body() dto: CreateSandboxRunDto,
  ) {
    return this.sandbox.create(p, code, version, dto);
  }

  @ApiOperation({
    operationId: 'sandbox_get',
    summary: 'Get a sandbox run and its report (沙盘测算结果)',
    description: 'Progress (processed/total) and the report.',
  })
  @Get('sandbox-runs/:id')
  @Roles(...READERS)
  @ApiOkResponse({ type: SandboxRunView })
  get(@CurrentPrincipal() p: Principal, @IdParam('id', 'sandbox run') id: string) {
    return this.sandbox.get(p, id);
  }

  @ApiOperation({
    operationId: 'sandbox_changes',
    summary: 'List who gains or loses in a sandbox run (沙盘变化明细)',
    description: 'Every enterprise (or person) whose amount changes, largest change first.',
  })
  @Get('sandbox-runs/:id/changes')
  @Roles(...READERS)
  @ApiOkResponse({ type: SandboxChangePageView })
  changes(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'sandbox run') id: string,
    @Query() q: SandboxChangesQueryDto,
  ) {
    return this.sandbox.changes(p, id, q);
  }
}
