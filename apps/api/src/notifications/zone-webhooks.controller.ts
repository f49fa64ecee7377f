import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IdParam } from '../http/id-param';
import { CreateZoneWebhookDto, UpdateZoneWebhookDto, ZoneWebhookQueryDto } from './notifications.dto';
import { CreatedZoneWebhookView, ZoneWebhookView } from './notifications.views';
import { ZoneWebhooksService } from './zone-webhooks.service';

/**
 * Webhook endpoints of a zone's other systems. Every notification of the zone is POSTed to each
 * enabled endpoint, once per recipient who allows webhooks, with `X-Huiqi-Signature: sha256=<hex
 * HMAC-SHA256 of the raw body>`, `X-Huiqi-Timestamp`, `X-Huiqi-Delivery` (dedupe on it) and
 * `X-Huiqi-Event`. Failed calls are retried with exponential backoff, then kept as failed deliveries.
 */
@ApiTags('admin: notifications')
@Controller('admin/webhooks')
@Roles('admin')
export class ZoneWebhooksController {
  constructor(private readonly webhooks: ZoneWebhooksService) {}

  @ApiOperation({ operationId: 'webhooks_list', summary: 'List zone webhooks (园区回调地址)' })
  @Get()
  @ApiOkResponse({ type: [ZoneWebhookView] })
  list(@Query() query: ZoneWebhookQueryDto): Promise<ZoneWebhookView[]> {
    return this.webhooks.list(query.zone);
  }

  @ApiOperation({
    operationId: 'webhooks_create',
    summary: 'Create a zone webhook (新建回调地址)',
    description:
      'The secret is shown in this answer only (generated when not given), so it is never replayed or stored twice.',
  })
  @Post()
  @ApiCreatedResponse({ type: CreatedZoneWebhookView })
  create(
    @CurrentPrincipal() p: Principal,
    @Body() dto: CreateZoneWebhookDto,
  ): Promise<CreatedZoneWebhookView> {
    return this.webhooks.create(dto, p.userId);
  }

  @ApiOperation({ operationId: 'webhooks_update', summary: 'Update a zone webhook (修改回调地址)' })
  @Patch(':id')
  @ApiOkResponse({ type: ZoneWebhookView })
  update(@IdParam('id', 'webhook') id: string, @Body() dto: UpdateZoneWebhookDto): Promise<ZoneWebhookView> {
    return this.webhooks.update(id, dto);
  }

  @ApiOperation({ operationId: 'webhooks_remove', summary: 'Delete a zone webhook (删除回调地址)' })
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@IdParam('id', 'webhook') id: string): Promise<void> {
    await this.webhooks.remove(id);
  }
}
