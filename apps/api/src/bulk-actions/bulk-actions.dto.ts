import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  ValidateNested,
} from 'class-validator';
import { InboxQueryDto } from '../inbox/inbox.dto';

/** At most this many cases per bulk action (a zone's week is far fewer). */
export const BULK_MAX_CASES = 5000;

export class CreateBulkActionDto {
  @ApiProperty({ enum: ['approve', 'return'] })
  @IsIn(['approve', 'return'])
  action: 'approve' | 'return';

  @ApiProperty({ description: 'One comment for every case (the opinion, or what to amend)', example: '同意' })
  @IsString()
  @Length(1, 2000)
  comment: string;

  @ApiPropertyOptional({
    type: [String],
    description: `The selected cases (1-${BULK_MAX_CASES}); or send filter`,
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_MAX_CASES)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  applicationIds?: string[];

  @ApiPropertyOptional({
    type: InboxQueryDto,
    description:
      "All cases matching this inbox filter (as GET /applications) that wait at the caller's stage: " +
      "first review (an officer's own or unassigned cases) or director approval",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => InboxQueryDto)
  filter?: InboxQueryDto;
}
