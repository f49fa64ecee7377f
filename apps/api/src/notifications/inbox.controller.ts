import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IdParam } from '../http/id-param';
import { InboxService } from './inbox.service';
import { NotificationInboxQueryDto, NotificationPreferencesDto } from './notifications.dto';
import {
  InboxPageView,
  NotificationPreferencesView,
  NotificationView,
  ReadAllView,
} from './notifications.views';
import { NotificationPreferencesService } from './preferences.service';

@ApiTags('notifications')
@Controller()
@Authenticated()
export class InboxController {
  constructor(
    private readonly inbox: InboxService,
    private readonly preferences: NotificationPreferencesService,
  ) {}

  @ApiOperation({
    operationId: 'notifications_list',
    summary: 'List the caller’s notifications (站内消息)',
    description: "The caller's in-app notifications, newest first; `unread=true` for the unread ones only.",
  })
  @Get('notifications')
  @ApiOkResponse({ type: InboxPageView })
  list(@CurrentPrincipal() p: Principal, @Query() query: NotificationInboxQueryDto): Promise<InboxPageView> {
    return this.inbox.list(p.userId, query);
  }

  @ApiOperation({ operationId: 'notifications_readAll', summary: 'Mark every notification read (全部已读)' })
  @Post('notifications/read-all')
  @HttpCode(200)
  @ApiOkResponse({ type: ReadAllView })
  readAll(@CurrentPrincipal() p: Principal): Promise<ReadAllView> {
    return this.inbox.markAllRead(p.userId);
  }

  @ApiOperation({ operationId: 'notifications_read', summary: 'Mark a notification read (标记已读)' })
  @Post('notifications/:id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationView })
  @ApiNotFoundResponse({ description: 'No such notification in the caller’s inbox' })
  read(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'notification') id: string,
  ): Promise<NotificationView> {
    return this.inbox.markRead(p.userId, id);
  }

  @ApiOperation({
    operationId: 'notifications_getPreferences',
    summary: 'Get notification preferences (通知设置)',
    description: "Which channels the caller is notified on: in-app inbox, email, the zone's webhooks.",
  })
  @Get('me/notification-preferences')
  @ApiOkResponse({ type: NotificationPreferencesView })
  getPreferences(@CurrentPrincipal() p: Principal): Promise<NotificationPreferencesView> {
    return this.preferences.get(p.userId);
  }

  @ApiOperation({
    operationId: 'notifications_setPreferences',
    summary: 'Set notification preferences (修改通知设置)',
  })
  @Put('me/notification-preferences')
  @ApiOkResponse({ type: NotificationPreferencesView })
  setPreferences(
    @CurrentPrincipal() p: Principal,
    @Body() dto: NotificationPreferencesDto,
  ): Promise<NotificationPreferencesView> {
    return this.preferences.set(p.userId, dto);
  }
}
