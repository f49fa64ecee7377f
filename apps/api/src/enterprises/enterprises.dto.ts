import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { AccessTokenView } from '../auth/auth.dto';
import { PageQueryDto } from '../http/pagination';
import { Trim } from '../http/validators';
import { EnterpriseView, UserView } from './enterprise.views';

export class EnterpriseListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of the name or USCC' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class EnterprisePageView {
  @ApiProperty({ type: [EnterpriseView] }) items: EnterpriseView[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}

export class RegistrationView extends AccessTokenView {
  @ApiProperty({ type: EnterpriseView }) enterprise: EnterpriseView;
  @ApiProperty({ type: UserView }) user: UserView;
}
