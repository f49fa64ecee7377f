import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsBankAccountNo, Trim } from '../http/validators';

export class BankAccountDto {
  @ApiProperty({ example: '中国工商银行长沙分行', description: 'Bank and branch name' })
  @Trim()
  @IsString()
  @Length(2, 100)
  bankName: string;

  @ApiProperty({
    example: '湖南示例科技有限公司',
    description: 'Account holder; for corporate accounts the enterprise name',
  })
  @Trim()
  @IsString()
  @Length(2, 200)
  accountName: string;

  @ApiProperty({
    example: '1901 0012 3456 7890 123',
    description: '9-30 digits; spaces and dashes are ignored',
  })
  @IsBankAccountNo()
  accountNo: string;

  @ApiPropertyOptional({ example: '102551000012', description: 'CNAPS bank code (12 digits)' })
  @IsOptional()
  @Matches(/^\d{12}$/, { message: 'cnapsCode must be 12 digits' })
  cnapsCode?: string;
}

export class BankAccountView {
  @ApiProperty() bankName: string;
  @ApiProperty() accountName: string;
  @ApiProperty({ description: 'Masked except for finance staff and the enterprise itself' })
  accountNo: string;
  @ApiPropertyOptional({ nullable: true, type: String }) cnapsCode: string | null;
}
