import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { PageQueryDto } from '../http/pagination';

const queryBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class NotificationInboxQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only unread (true) or only read (false) notifications' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;
}

export class NotificationPreferencesDto {
  @ApiProperty({ description: 'Keep notifications in the in-app inbox' })
  @IsBoolean()
  inApp: boolean;

  @ApiProperty({ description: 'Send notifications to the email address of the account (when email is on)' })
  @IsBoolean()
  email: boolean;

  @ApiProperty({ description: "Forward notifications to the zone's integrated systems (its webhooks)" })
  @IsBoolean()
  webhook: boolean;
}

const URL_MESSAGE = 'url must be an http:// or https:// URL';

export class CreateZoneWebhookDto {
  @ApiProperty({ example: 'ningxiang-htz' })
  @IsString()
  @Matches(/^[a-z0-9-]{2,64}$/, { message: 'zoneCode must be a zone code such as ningxiang-htz' })
  zoneCode: string;

  @ApiProperty({ example: 'https://oa.example.gov.cn/hooks/huiqi' })
  @IsString()
  @MaxLength(2000)
  @Matches(/^https?:\/\/[^\s]+$/, { message: URL_MESSAGE })
  url: string;

  @ApiPropertyOptional({
    description:
      'HMAC key shared with the receiver (32-200 characters); generated and shown once when omitted',
  })
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'secret must be at least 32 characters' })
  @MaxLength(200)
  secret?: string;

  @ApiPropertyOptional({ example: '园区 OA 待办推送' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}

export class UpdateZoneWebhookDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(/^https?:\/\/[^\s]+$/, { message: URL_MESSAGE })
  url?: string;

  @ApiPropertyOptional({ description: 'A new HMAC key (32-200 characters)' })
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'secret must be at least 32 characters' })
  @MaxLength(200)
  secret?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}

export class ZoneWebhookQueryDto {
  @ApiPropertyOptional({ example: 'ningxiang-htz' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{2,64}$/, { message: 'zone must be a zone code such as ningxiang-htz' })
  zone?: string;
}

export const DELIVERY_STATUSES = ['pending', 'retrying', 'sent', 'failed', 'cancelled'] as const;

export class DeliveryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, enumName: 'DeliveryStatus' })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: (typeof DELIVERY_STATUSES)[number];

  @ApiPropertyOptional({ enum: ['email', 'webhook'], enumName: 'DeliveryChannel' })
  @IsOptional()
  @IsIn(['email', 'webhook'])
  channel?: 'email' | 'webhook';

  @ApiPropertyOptional({ example: 'ningxiang-htz' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{2,64}$/, { message: 'zone must be a zone code such as ningxiang-htz' })
  zone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'applicationId must be a uuid' })
  applicationId?: string;
}
