import { DEADLINE_STAGES } from '@huiqi/workflow';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ApplicationListQueryDto } from '../applications/applications.dto';

/** Sort keys of the inbox; a leading `-` sorts descending. */
export const INBOX_SORTS = [
  'due',
  '-due',
  'submitted',
  '-submitted',
  'created',
  '-created',
  'reference',
  '-reference',
  'amount',
  '-amount',
] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

/** The inbox (and the enterprise's own list): the list filters plus search, stage, assignee and sort. */
export class InboxQueryDto extends ApplicationListQueryDto {
  @ApiPropertyOptional({
    description: 'Case number (or its beginning), enterprise USCC, or any part of the enterprise name',
    example: 'HQNX26000030',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({ enum: DEADLINE_STAGES, description: 'The stage the case waits in' })
  @IsOptional()
  @IsIn(DEADLINE_STAGES)
  stage?: string;

  @ApiPropertyOptional({
    description: '`mine`, `unassigned`, or an officer id of the zone',
    example: 'unassigned',
  })
  @IsOptional()
  @Matches(/^(mine|unassigned|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, {
    message: 'assignee must be mine, unassigned or a user id',
  })
  assignee?: string;

  @ApiPropertyOptional({ enum: INBOX_SORTS, default: 'due', description: 'A leading - sorts descending' })
  @IsOptional()
  @IsIn(INBOX_SORTS)
  sort?: InboxSort;
}

export class InboxExportQueryDto extends InboxQueryDto {
  @ApiPropertyOptional({ enum: ['xlsx', 'csv'], default: 'xlsx' })
  @IsOptional()
  @IsIn(['xlsx', 'csv'])
  format?: 'xlsx' | 'csv';
}
