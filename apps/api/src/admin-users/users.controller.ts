import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { UserPageView, UserView } from '../enterprises/enterprise.views';
import { IdParam } from '../http/id-param';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { CreateUserDto, UserListQueryDto } from './users.dto';
import { UsersService } from './users.service';
import { ApiProblemResponses } from '../http/api-docs';

@ApiTags('admin')
@Controller('admin/users')
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @ApiOperation({
    operationId: 'users_create',
    summary: 'Create a staff user (新建用户)',
    description: 'Creates a staff user bound to a zone (or another admin).',
  })
  @Post()
  @Idempotent()
  @ApiCreatedResponse({ type: UserView })
  @ApiProblemResponses([409, 'The username is taken'])
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateUserDto) {
    return this.users.create(p, dto);
  }

  @ApiOperation({ operationId: 'users_list', summary: 'List users (用户列表)' })
  @Get()
  @ApiOkResponse({ type: UserPageView })
  list(@Query() query: UserListQueryDto) {
    return this.users.list(query);
  }

  @ApiOperation({ operationId: 'users_deactivate', summary: 'Deactivate a user (停用用户)' })
  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOkResponse({ type: UserView })
  deactivate(@CurrentPrincipal() p: Principal, @IdParam('id', 'user') id: string) {
    return this.users.deactivate(p, id);
  }
}
