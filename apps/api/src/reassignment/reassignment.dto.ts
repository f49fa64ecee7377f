import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';

export class ReassignDto {
  @ApiProperty({ description: 'An active officer of your zone' })
  @IsUUID('all')
  toOfficerId: string;

  @ApiPropertyOptional({ description: 'Why (kept in the history)' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  comment?: string;
}
