import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/decorators';
import { IdParam } from '../http/id-param';
import { DeliveriesAdminService } from './deliveries-admin.service';
import { DeliveryQueryDto } from './notifications.dto';
import { DeliveryPageView, DeliveryView } from './notifications.views';

@ApiTags('admin: notifications')
@Controller('admin/notification-deliveries')
@Roles('admin')
export class DeliveriesAdminController {
  constructor(private readonly deliveries: DeliveriesAdminService) {}

  @ApiOperation({
    operationId: 'deliveries_list',
    summary: 'List email and webhook deliveries (通知投递记录)',
    description:
      'Email and webhook deliveries, newest first; `status=failed` lists those that exhausted their retries.',
  })
  @Get()
  @ApiOkResponse({ type: DeliveryPageView })
  list(@Query() query: DeliveryQueryDto): Promise<DeliveryPageView> {
    return this.deliveries.list(query);
  }

  @ApiOperation({ operationId: 'deliveries_retry', summary: 'Retry a failed delivery (重新投递)' })
  @Post(':id/retry')
  @HttpCode(200)
  @ApiOkResponse({ type: DeliveryView })
  @ApiConflictResponse({ description: 'Only failed deliveries are retried' })
  retry(@IdParam('id', 'delivery') id: string): Promise<DeliveryView> {
    return this.deliveries.retry(id);
  }
}
