import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LocalizedTextView } from '../facts/facts.views';

export class ObjectorView {
  @ApiProperty({ description: 'Display name of the user who objected' }) name: string;
  @ApiProperty({ example: 'enterprise', description: 'Their role (a label at GET /labels)' }) role: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Their enterprise, for an enterprise user',
  })
  enterpriseName: string | null;
}

export class ObjectionAnswerView {
  @ApiProperty({ description: 'Audit event sequence number of the answer on the case' }) seq: number;
  @ApiProperty() comment: string;
  @ApiProperty() answeredAt: Date;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Who answered (staff only)' })
  answeredBy: string | null;
}

export class ObjectionView {
  @ApiProperty({ description: '1 for the case’s first objection, 2 for the second, ...' }) round: number;
  @ApiProperty({ description: 'Audit event sequence number of the objection on the case' }) seq: number;
  @ApiProperty({ description: 'The objection as written' }) comment: string;
  @ApiProperty() raisedAt: Date;
  @ApiPropertyOptional({
    nullable: true,
    type: ObjectorView,
    description: 'Who objected: staff only (null for the applicant enterprise)',
  })
  objector: ObjectorView | null;
  @ApiProperty({ enum: ['pending', 'upheld', 'dismissed'], enumName: 'ObjectionOutcome' })
  outcome: 'pending' | 'upheld' | 'dismissed';
  @ApiPropertyOptional({ nullable: true, type: Date }) decidedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The director’s reasons' })
  decisionComment: string | null;
  @ApiProperty({ type: [ObjectionAnswerView], description: 'The applicant’s answers, oldest first' })
  answers: ObjectionAnswerView[];
}

/** A case the caller objected to, with only what the public 公示 shows and the objection's outcome. */
export class MyObjectionView {
  @ApiProperty({ example: 'HQNX26000030' }) reference: string;
  @ApiProperty({ type: LocalizedTextView }) programTitle: LocalizedTextView;
  @ApiProperty() enterpriseName: string;
  @ApiPropertyOptional({
    nullable: true,
    type: 'integer',
    description: 'The amount published in the 公示 (integer fen)',
  })
  amountFen: number | null;
  @ApiProperty({ description: 'My objection as I wrote it' }) comment: string;
  @ApiProperty() objectedAt: Date;
  @ApiProperty({ enum: ['pending', 'upheld', 'dismissed'], enumName: 'ObjectionOutcome' })
  outcome: 'pending' | 'upheld' | 'dismissed';
  @ApiPropertyOptional({ nullable: true, type: Date }) decidedAt: Date | null;
  @ApiProperty({ description: 'The case is still in publicity (公示) or awaiting the objection decision' })
  inPublicity: boolean;
}
