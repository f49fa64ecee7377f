import { PROGRAM_CATEGORIES } from '@huiqi/policies';
import { DomainError } from '@huiqi/core/errors/domain-error';
import { Param, PipeTransform } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsIsoDate } from './iso-date';

export class ProgramListQueryDto {
  @ApiPropertyOptional({
    example: 'changsha-etdz',
    description: "Zone code; defaults to the caller's zone (admins without one: every zone)",
  })
  @IsOptional()
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'zone must be a zone code such as changsha-etdz' })
  zone?: string;

  @ApiPropertyOptional({ enum: PROGRAM_CATEGORIES, enumName: 'ProgramCategory' })
  @IsOptional()
  @IsIn(PROGRAM_CATEGORIES)
  category?: string;

  @ApiPropertyOptional({ enum: ['apply', 'auto', 'commitment'], enumName: 'ProgramMode' })
  @IsOptional()
  @IsIn(['apply', 'auto', 'commitment'])
  mode?: string;

  @ApiPropertyOptional({
    example: '2026-03-31',
    format: 'date',
    description: 'Programs in force on this date (default: today)',
  })
  @IsOptional()
  @IsIsoDate()
  asOf?: string;
}

const PROGRAM_CODE = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;

/** A program code in the path; a malformed one names no program, so it is a 404. */
class ProgramCodePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || value.length > 120 || !PROGRAM_CODE.test(value)) {
      throw DomainError.notFound('program', String(value).slice(0, 120));
    }
    return value;
  }
}

/** A version number in the path (the global pipe may already have made it a number). */
class VersionPipe implements PipeTransform<unknown, number> {
  transform(value: unknown): number {
    if (!/^[1-9]\d{0,5}$/.test(String(value))) throw DomainError.notFound('programVersion');
    return Number(value);
  }
}

export const ProgramCodeParam = () => Param('code', new ProgramCodePipe());
export const VersionParam = () => Param('version', new VersionPipe());

/** Ends a program: its last day in force (Beijing date) and why. */
export class RetireProgramDto {
  @ApiProperty({
    example: '2026-12-31',
    format: 'date',
    description:
      'Last day the program is in force (inclusive, Beijing time; today or later). No application or auto grant starts after it; cases already started continue.',
  })
  @IsIsoDate()
  lastDay: string;

  @ApiProperty({ example: '政策到期，由 2027 年新政策替代', maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}
