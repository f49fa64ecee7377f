import { maskAccountNo } from '@huiqi/common';
import { EnterpriseEntity, UserEntity } from '@huiqi/database';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BankAccountView } from './bank-account.dto';

export class EnterpriseView {
  @ApiProperty() id: string;
  @ApiProperty() uscc: string;
  @ApiProperty() name: string;
  @ApiProperty() zoneCode: string;
  @ApiPropertyOptional({ type: BankAccountView, nullable: true }) bankAccount: BankAccountView | null;
  @ApiProperty() createdAt: Date;
}

export class UserView {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() role: string;
  @ApiPropertyOptional({ nullable: true, type: String }) zoneCode: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) enterpriseId: string | null;
  @ApiProperty() isEnterpriseOwner: boolean;
  @ApiProperty() displayName: string;
  @ApiPropertyOptional({ nullable: true, type: String }) email: string | null;
  @ApiProperty() locale: string;
  @ApiProperty() isActive: boolean;
  @ApiProperty() createdAt: Date;
}

export function toEnterpriseView(
  e: EnterpriseEntity,
  zoneCode: string,
  showFullAccount: boolean,
): EnterpriseView {
  return {
    id: e.id,
    uscc: e.uscc,
    name: e.name,
    zoneCode,
    bankAccount:
      e.bankAccountNo === null
        ? null
        : {
            bankName: e.bankName ?? '',
            accountName: e.bankAccountName ?? '',
            accountNo: showFullAccount ? e.bankAccountNo : maskAccountNo(e.bankAccountNo),
            cnapsCode: e.bankCnapsCode,
          },
    createdAt: e.createdAt,
  };
}

export function toUserView(u: UserEntity, zoneCode: string | null): UserView {
  return {
    id: u.id,
    username: u.username,
    role: u.role,
    zoneCode,
    enterpriseId: u.enterpriseId,
    isEnterpriseOwner: u.isEnterpriseOwner,
    displayName: u.displayName,
    email: u.email,
    locale: u.locale,
    isActive: u.isActive,
    createdAt: u.createdAt,
  };
}
