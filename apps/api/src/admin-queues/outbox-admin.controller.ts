import { DomainError } from '@huiqi/core/errors/domain-error';
import { Controller, Get, HttpCode, Param, PipeTransform, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../auth/decorators';
import { FailedOutboxQueryDto } from './outbox-admin.dto';
import { OutboxAdminService } from './outbox-admin.service';
import { FailedOutboxPageView, OutboxRowView } from './outbox-admin.views';

/** Outbox ids are bigints; anything else names no row. */
class OutboxIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !/^[1-9][0-9]{0,18}$/.test(value))
      throw DomainError.notFound('outboxItem');
    return value;
  }
}

@ApiTags('admin: queues')
@Controller('admin/outbox')
@Roles('admin')
export class OutboxAdminController {
  constructor(private readonly outbox: OutboxAdminService) {}

  @ApiOperation({
    operationId: 'outbox_listFailed',
    summary: 'List work that exhausted its retries (失败任务)',
    description: 'Work that exhausted its retries, newest failure first, with the last error.',
  })
  @Get('failed')
  @ApiOkResponse({ type: FailedOutboxPageView })
  failed(@Query() query: FailedOutboxQueryDto): Promise<FailedOutboxPageView> {
    return this.outbox.failed(query);
  }

  @ApiOperation({
    operationId: 'outbox_retry',
    summary: 'Retry failed work (重试任务)',
    description: 'Runs failed work again, with a fresh set of attempts.',
  })
  @Post(':id/retry')
  @HttpCode(200)
  @ApiOkResponse({ type: OutboxRowView })
  @ApiConflictResponse({ description: 'The work is done, or has not failed' })
  @ApiServiceUnavailableResponse({ description: 'Redis is not available' })
  retry(@Param('id', new OutboxIdPipe()) id: string): Promise<OutboxRowView> {
    return this.outbox.retry(id);
  }
}
