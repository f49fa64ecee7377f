import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { UserView } from '../enterprises/enterprise.views';
import { RegistrationView } from '../enterprises/enterprises.dto';
import { EnterprisesService } from '../enterprises/enterprises.service';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { UsersService } from '../admin-users/users.service';
import { AccessTokenView, LoginDto, RegisterEnterpriseDto } from './auth.dto';
import { AuthService } from './auth.service';
import { Authenticated, CurrentPrincipal, Public } from './decorators';
import type { Principal } from './principal';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly enterprises: EnterprisesService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @UseGuards(ThrottlerGuard)
  @ApiOperation({ operationId: 'auth_login', summary: 'Sign in (登录)' })
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: AccessTokenView })
  @ApiUnauthorizedResponse({ description: 'Wrong username or password (the same answer for both)' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts for this account or from this address' })
  login(@Body() dto: LoginDto): Promise<AccessTokenView> {
    return this.auth.login(dto);
  }

  @Public()
  @UseGuards(ThrottlerGuard)
  @ApiOperation({
    operationId: 'auth_registerEnterprise',
    summary: 'Register an enterprise and its first user (企业注册)',
    description: 'Registers an enterprise and its first user, and logs that user in.',
  })
  @Post('register-enterprise')
  @Idempotent()
  @ApiCreatedResponse({ type: RegistrationView })
  @ApiConflictResponse({ description: 'The USCC is already registered, or the username is taken' })
  register(@Body() dto: RegisterEnterpriseDto): Promise<RegistrationView> {
    return this.enterprises.register(dto);
  }

  @ApiOperation({ operationId: 'auth_me', summary: 'Get the signed-in user (当前用户)' })
  @Get('me')
  @Authenticated()
  @ApiOkResponse({ type: UserView })
  me(@CurrentPrincipal() principal: Principal): Promise<UserView> {
    return this.users.view(principal.userId);
  }
}
