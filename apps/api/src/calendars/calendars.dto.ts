import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, Matches } from 'class-validator';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class WorkingCalendarDto {
  @ApiProperty({
    type: [String],
    example: ['2027-01-01'],
    description: 'Days off that fall on weekdays (YYYY-MM-DD)',
  })
  @IsArray()
  @ArrayMaxSize(2000)
  @Matches(DAY, { each: true, message: 'holidays must be YYYY-MM-DD dates' })
  holidays: string[];

  @ApiProperty({
    type: [String],
    example: ['2027-02-07'],
    description: 'Weekend days that are working days (调休)',
  })
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(DAY, { each: true, message: 'extraWorkdays must be YYYY-MM-DD dates' })
  extraWorkdays: string[];
}

export class WorkingCalendarView extends WorkingCalendarDto {
  @ApiProperty({ example: 'default', description: '`default` or a zone code' }) scope: string;
  @ApiProperty({ description: 'Whether the scope has its own calendar or inherits' }) configured: boolean;
}
