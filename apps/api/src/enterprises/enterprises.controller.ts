import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { NewCredentialsDto } from '../auth/auth.dto';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IdParam } from '../http/id-param';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { BankAccountDto } from './bank-account.dto';
import { EnterpriseView, UserView } from './enterprise.views';
import { EnterpriseListQueryDto, EnterprisePageView } from './enterprises.dto';
import { EnterprisesService } from './enterprises.service';

const READERS = ['enterprise', 'officer', 'director', 'finance', 'policy_admin', 'auditor', 'admin'] as const;

@ApiTags('enterprises')
@Controller('enterprises')
export class EnterprisesController {
  constructor(private readonly enterprises: EnterprisesService) {}

  /** Enterprises in the caller's scope: staff see their zone, an enterprise user only itself. */
  @Get()
  @Roles(...READERS)
  @ApiOkResponse({ type: EnterprisePageView })
  list(@CurrentPrincipal() p: Principal, @Query() query: EnterpriseListQueryDto) {
    return this.enterprises.list(p, query);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOkResponse({ type: EnterpriseView })
  get(@CurrentPrincipal() p: Principal, @IdParam('id', 'enterprise') id: string) {
    return this.enterprises.get(p, id);
  }

  /** Sets the account subsidies are paid to (enterprise users only; audited). */
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

  /** The enterprise's audit stream: registration, bank account changes, colleagues invited or removed. */
  @Get(':id/history')
  @Roles(...READERS)
  history(@CurrentPrincipal() p: Principal, @IdParam('id', 'enterprise') id: string) {
    return this.enterprises.history(p, id);
  }

  @Get(':id/users')
  @Roles(...READERS)
  @ApiOkResponse({ type: [UserView] })
  listUsers(@CurrentPrincipal() p: Principal, @IdParam('id', 'enterprise') id: string) {
    return this.enterprises.listUsers(p, id);
  }

  /** The enterprise's first user invites a colleague. */
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
