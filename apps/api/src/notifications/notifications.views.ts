import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class NotificationView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'application-approved' }) template: string;
  @ApiProperty({ example: '申请已获批准：HQ000000042' }) title: string;
  @ApiProperty() body: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: '/applications/…' }) link: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) applicationId: string | null;
  @ApiProperty({ enum: ['zh-CN', 'en'], enumName: 'Locale' }) locale: string;
  @ApiProperty() read: boolean;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) readAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class InboxPageView {
  @ApiProperty({ type: [NotificationView] }) items: NotificationView[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ description: 'Unread notifications of the caller, whatever the filter' })
  unreadCount: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}

export class ReadAllView {
  @ApiProperty({ description: 'How many notifications were marked read' }) marked: number;
}

export class NotificationPreferencesView {
  @ApiProperty() inApp: boolean;
  @ApiProperty() email: boolean;
  @ApiProperty() webhook: boolean;
  @ApiProperty({ description: 'The account has an email address to send to' }) emailAddressOnFile: boolean;
}

export class ZoneWebhookView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'ningxiang-htz' }) zoneCode: string;
  @ApiProperty() url: string;
  @ApiPropertyOptional({ nullable: true, type: String }) description: string | null;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CreatedZoneWebhookView extends ZoneWebhookView {
  @ApiProperty({ description: 'The HMAC key; shown only in this response' }) secret: string;
}

export class DeliveryView {
  @ApiProperty({ description: 'Also sent as X-Huiqi-Delivery / Message-ID' }) id: string;
  @ApiProperty({ enum: ['email', 'webhook'], enumName: 'DeliveryChannel' }) channel: string;
  @ApiProperty({ enum: ['pending', 'retrying', 'sent', 'failed', 'cancelled'], enumName: 'DeliveryStatus' })
  status: string;
  @ApiProperty() template: string;
  @ApiProperty() target: string;
  @ApiProperty() userId: string;
  @ApiPropertyOptional({ nullable: true, type: String }) applicationId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) zoneCode: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) webhookId: string | null;
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiPropertyOptional({ nullable: true, type: String }) lastError: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) lastAttemptAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) sentAt: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Its outbox row (GET /admin/outbox/failed)',
  })
  outboxId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class DeliveryPageView {
  @ApiProperty({ type: [DeliveryView] }) items: DeliveryView[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}
