import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { NewCredentialsDto } from '../auth/auth.dto';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IdParam } from '../http/id-param';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { BankAccountDto } from './bank-account.dto';
import { EnterpriseHistoryEventView, EnterpriseView, UserView } from './enterprise.views';
import { EnterpriseListQueryDto, EnterprisePageView } from './enterprises.dto';
import { EnterprisesService } from './enterprises.service';
import { ApiProblemResponses } from '../http/api-docs';

const READERS = ['enterprise', 'officer', 'director', 'finance', 'policy_admin', 'auditor', 'admin'] as const;

@ApiTags('enterprises')
@Controller('enterprises')
export class EnterprisesController {
  constructor(private readonly enterprises: EnterprisesService) {}

  @ApiOperation({
    operationId: 'enterprises_list',
    summary: 'List enterprises (企业列表)',
    description: "Enterprises in the caller's scope: staff see their zone, an enterprise user only itself.",
  })
  @Get()
  @Roles(...READERS)
  @ApiOkResponse({ type: EnterprisePageView })
  list(@CurrentPrincipal() p: Principal, @Query() query: EnterpriseListQueryDto) {
    return this.enterprises.list(p, query);
  }

  @ApiOperation({ operationId: 'enterprises_get', summary: 'Get an enterprise (企业详情)' })
  @Get(':id')
  @Roles(...READERS)
  @ApiOkResponse({ type: EnterpriseView })
  get(@CurrentPrincipal() p: Principal, @IdParam('id', 'enterprise') id: string) {
    return this.enterprises.get(p, id);
  }

  @ApiOperation({
    operationId: 'enterprises_setBankAccount',
    summary: 'Set the bank account (设置收款账户)',
    description: 'Sets the account subsidies are paid to (enterprise users only; audited).',
  })
  @Put(':id/bank-account')
  @HttpCode(200)
  @Idempotent()
  @Roles('enterprise')
  @ApiOkResponse({ type: EnterpriseView })
  setBankAccount(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'enterprise') id: string,
    @Body() dto: BankAccountDto,
  ) {
    return this.enterprises.setBankAccount(p, id, dto);
  }

  @ApiOperation({
    operationId: 'enterprises_history',
    summary: 'Get the audit trail of an enterprise (企业操作记录)',
    description:
      "The enterprise's audit stream: registration, bank account changes, colleagues invited or removed.",
  })
  @Get(':id/history')
  @Roles(...READERS)
  @ApiOkResponse({ type: [EnterpriseHistoryEventView] })
  history(@CurrentPrincipal() p: Principal, @IdParam('id', 'enterprise') id: string) {
    return this.enterprises.history(p, id);
  }

  @ApiOperation({ operationId: 'enterprises_listUsers', summary: 'List the enterprise’s users (企业用户)' })
  @Get(':id/users')
  @Roles(...READERS)
  @ApiOkResponse({ type: [UserView] })
  listUsers(@CurrentPrincipal() p: Principal, @IdParam('id', 'enterprise') id: string) {
    return this.enterprises.listUsers(p, id);
  }

  @ApiOperation({
    operationId: 'enterprises_inviteUser',
    summary: 'Invite a colleague (添加企业用户)',
    description: "The enterprise's first user invites a colleague.",
  })
  @ApiProblemResponses(
    [403, 'Only the enterprise’s first user manages its users'],
    [409, 'The username is taken'],
  )
  @Post(':id/users')
  @Idempotent()
  @Roles('enterprise')
  @ApiCreatedResponse({ type: UserView })
  invite(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'enterprise') id: string,
    @Body() dto: NewCredentialsDto,
  ) {
    return this.enterprises.inviteUser(p, id, dto);
  }

  @ApiOperation({ operationId: 'enterprises_removeUser', summary: 'Remove a colleague (移除企业用户)' })
  @ApiProblemResponses(
    [403, 'Only the enterprise’s first user manages its users'],
    [409, 'The owner cannot remove themselves'],
  )
  @Delete(':id/users/:userId')
  @HttpCode(204)
  @Roles('enterprise')
  @ApiNoContentResponse()
  remove(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'enterprise') id: string,
    @IdParam('userId', 'user') userId: string,
  ) {
    return this.enterprises.removeUser(p, id, userId);
  }
}
