import { ROLES, Role } from '@huiqi/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { NewCredentialsDto } from '../auth/auth.dto';
import { PageQueryDto } from '../http/pagination';

export const CREATABLE_ROLES = ROLES.filter((r) => r !== 'enterprise');

export class CreateUserDto extends NewCredentialsDto {
  @ApiProperty({ enum: CREATABLE_ROLES })
  @IsIn(CREATABLE_ROLES, { message: `role must be one of ${CREATABLE_ROLES.join(', ')}` })
  role: Exclude<Role, 'enterprise'>;

  @ApiPropertyOptional({ example: 'ningxiang-htz', description: 'Required for every role except admin' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9-]{2,64}$/, { message: 'zoneCode must be a zone code such as ningxiang-htz' })
  zoneCode?: string;
}

export class UserListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES, enumName: 'Role' })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[a-z0-9-]{2,64}$/)
  zoneCode?: string;
}
