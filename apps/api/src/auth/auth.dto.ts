import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { BankAccountDto } from '../enterprises/bank-account.dto';
import { IsUscc, Trim } from '../http/validators';

export const USERNAME_PATTERN = /^[a-z0-9_.-]{3,64}$/;

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @Length(1, 64)
  username: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @Length(1, 128)
  password: string;
}

export class AccessTokenView {
  @ApiProperty() accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ description: 'Seconds until the token expires' }) expiresIn: number;
}

/** A new user's credentials; usernames are stored lower-case. */
export class NewCredentialsDto {
  @ApiProperty({ example: 'acme-finance', description: '3-64 of a-z 0-9 _ . - (case-insensitive)' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString()
  @Matches(USERNAME_PATTERN, { message: 'username must be 3-64 of a-z 0-9 _ . -' })
  username: string;

  @ApiProperty({ minLength: 10, maxLength: 128 })
  @IsString()
  @MinLength(10, { message: 'password must be at least 10 characters' })
  @MaxLength(128)
  password: string;

  @ApiPropertyOptional({ example: '张三' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 100)
  displayName?: string;

  @ApiPropertyOptional({ example: 'zhangsan@example.com' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(200)
  email?: string;

  @ApiPropertyOptional({ enum: ['zh-CN', 'en'], enumName: 'Locale', default: 'zh-CN' })
  @IsOptional()
  @IsIn(['zh-CN', 'en'])
  locale?: 'zh-CN' | 'en';
}

export class RegisterEnterpriseDto extends NewCredentialsDto {
  @ApiProperty({ example: '91110108551385082Q', description: 'Unified social credit code (GB 32100-2015)' })
  @IsUscc()
  uscc: string;

  @ApiProperty({ example: '湖南示例科技有限公司' })
  @Trim()
  @IsString()
  @Length(2, 200)
  name: string;

  @ApiProperty({ example: 'ningxiang-htz' })
  @IsString()
  @Matches(/^[a-z0-9-]{2,64}$/, { message: 'zoneCode must be a zone code such as ningxiang-htz' })
  zoneCode: string;

  @ApiPropertyOptional({ type: BankAccountDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => BankAccountDto)
  bankAccount?: BankAccountDto;
}
