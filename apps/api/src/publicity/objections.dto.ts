import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

export class AnswerObjectionDto {
  @ApiProperty({
    description: 'The applicant’s answer to the pending objection (shown to the deciding director)',
    maxLength: 2000,
    example: '该专利已于2025年3月转让给本企业，转让登记证明已上传。',
  })
  @IsString()
  @IsNotEmpty({ message: 'comment is required' })
  @Matches(/\S/, { message: 'comment must not be blank' })
  @MaxLength(2000)
  comment: string;
}
