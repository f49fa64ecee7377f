import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LocalizedTextView } from '../facts/facts.views';
import { FACT_VALUE_SCHEMA } from '../http/api-docs';

class ProgramRefView {
  @ApiProperty() code: string;
  @ApiProperty({ type: LocalizedTextView }) title: LocalizedTextView;
}

export class DeclarableFactView {
  @ApiProperty({ example: 'equipment_investment_fen' }) key: string;
  @ApiProperty({ example: 'money_fen' }) valueType: string;
  @ApiProperty({ enum: ['fiscal-year', 'none'] }) periodKind: string;
  @ApiProperty({ type: LocalizedTextView }) label: LocalizedTextView;
  @ApiProperty({ type: [ProgramRefView] }) programs: ProgramRefView[];
}

export class EvidenceView {
  @ApiProperty() id: string;
  @ApiProperty() fileName: string;
  @ApiProperty() contentType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() sha256: string;
  @ApiProperty() uploadedBy: string;
  @ApiProperty() createdAt: Date;
}

export class DeclaredFactView {
  @ApiProperty() id: string;
  @ApiProperty() enterpriseId: string;
  @ApiProperty() enterpriseName: string;
  @ApiProperty({ description: 'Unified social credit code of the enterprise' }) enterpriseUscc: string;
  @ApiProperty() key: string;
  @ApiProperty({ type: LocalizedTextView }) label: LocalizedTextView;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: 'money_fen',
    description: "The key's value shape (money_fen values are integer fen)",
  })
  valueType: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) period: string | null;
  @ApiProperty({ ...FACT_VALUE_SCHEMA, description: "The declared value, in the key's shape" })
  value: unknown;
  @ApiPropertyOptional({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ enum: ['pending', 'verified', 'refused'] }) status: string;
  @ApiProperty() declaredBy: string;
  @ApiProperty() declaredAt: Date;
  @ApiPropertyOptional({ nullable: true, type: String }) decidedBy: string | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) decidedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Set when refused' })
  refusalReason: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: "The verifier's comment" })
  verificationComment: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'The enterprise fact version it became once verified',
  })
  factId: string | null;
  @ApiProperty({ type: [EvidenceView] }) evidence: EvidenceView[];
}
