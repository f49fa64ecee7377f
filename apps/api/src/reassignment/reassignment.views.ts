import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ReassignedCaseView {
  @ApiProperty() applicationId: string;
  @ApiProperty() reference: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The officer it was assigned to before' })
  fromOfficerId: string | null;
}

export class ReassignmentView {
  @ApiProperty() toOfficerId: string;
  @ApiProperty({
    type: [ReassignedCaseView],
    description: 'The cases that moved (none already with the target officer)',
  })
  moved: ReassignedCaseView[];
}
