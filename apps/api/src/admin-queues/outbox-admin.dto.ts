import { QueueName } from '@huiqi/queues';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../http/pagination';

export class FailedOutboxQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: Object.values(QueueName) })
  @IsOptional()
  @IsIn(Object.values(QueueName), { message: `queue must be one of ${Object.values(QueueName).join(', ')}` })
  queue?: QueueName;
}
