import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsObject, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsIsoDate } from '../catalog/iso-date';
import { FORM_SCHEMA } from '../http/api-docs';

export class CalculatorRequestDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  enterpriseId: string;

  @ApiPropertyOptional({
    example: 2025,
    description: 'The fiscal year the money is for; defaults to the current year',
  })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear?: number;

  @ApiPropertyOptional({
    example: '2026-03-31',
    format: 'date',
    description: 'Evaluate as on this date (default: today, Beijing time)',
  })
  @IsOptional()
  @IsIsoDate()
  asOf?: string;

  @ApiPropertyOptional({
    description:
      'What-if: application forms by program code (fields may be partial). Programs whose amount depends on a form answer "up to" without one.',
    example: {
      'changsha-etdz.equipment-upgrade': { investmentYear: 2025, newEquipmentInvestmentFen: 500_000_000 },
    },
    type: 'object',
    additionalProperties: FORM_SCHEMA,
  })
  @IsOptional()
  @IsObject()
  forms?: Record<string, unknown>;
}
