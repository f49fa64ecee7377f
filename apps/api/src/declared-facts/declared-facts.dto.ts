import { FACT_KEY_NAMES } from '@huiqi/policies';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { FACT_VALUE_SCHEMA } from '../http/api-docs';

export class DeclareFactDto {
  @ApiProperty({ enum: FACT_KEY_NAMES, example: 'equipment_investment_fen' })
  @Allow()
  key: unknown;

  @ApiPropertyOptional({ type: String, example: '2026', description: 'Fiscal year, for per-year facts only' })
  @Allow()
  period?: unknown;

  @ApiProperty({
    ...FACT_VALUE_SCHEMA,
    description: "The value, in the key's shape: integer fen for money",
    example: 800_000_000,
  })
  @Allow()
  value: unknown;

  @ApiPropertyOptional({ description: 'A note for the verifying officer', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class VerifyDeclaredFactDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class RefuseDeclaredFactDto {
  @ApiProperty({ description: 'Why the declaration is refused (shown to the enterprise)', maxLength: 2000 })
  @IsString()
  @IsNotEmpty({ message: 'reason is required' })
  @MaxLength(2000)
  reason: string;
}

export class DeclaredFactQueueQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'verified', 'refused'], default: 'pending' })
  @IsOptional()
  @IsIn(['pending', 'verified', 'refused'])
  status?: 'pending' | 'verified' | 'refused';
}
