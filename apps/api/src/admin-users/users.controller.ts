import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { UserView } from '../enterprises/enterprise.views';
import { IdParam } from '../http/id-param';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { CreateUserDto, UserListQueryDto } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('admin')
@Controller('admin/users')
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Creates a staff user bound to a zone (or another admin). */
  @Post()
  @Idempotent()
  @ApiCreatedResponse({ type: UserView })
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateUserDto) {
    return this.users.create(p, dto);
  }

  @Get()
  list(@Query() query: UserListQueryDto) {
    return this.users.list(query);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOkResponse({ type: UserView })
  deactivate(@CurrentPrincipal() p: Principal, @IdParam('id', 'user') id: string) {
    return this.users.deactivate(p, id);
  }
}
