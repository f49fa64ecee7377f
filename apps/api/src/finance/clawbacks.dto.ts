import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQueryDto } from '../http/pagination';
import { Trim } from '../http/validators';
import { FenField } from './money-fields';

/** A finance decision to recover (part of) a paid grant. */
export class OpenClawbackDto {
  @ApiProperty({ description: 'The paid grant (application or installment)' })
  @IsUUID('all')
  applicationId: string;

  @FenField('Amount to recover, at most what was paid', { min: 1 })
  amountFen: number;

  @ApiProperty({ description: 'Why (printed on the demand notice)' })
  @Trim()
  @IsString()
  @Length(1, 1000)
  reason: string;
}

export class ClawbackListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'settled'], enumName: 'ClawbackState' })
  @IsOptional()
  @IsIn(['open', 'settled'])
  state?: 'open' | 'settled';
}
