import { maskAccountNo, ROLES } from '@huiqi/common';
import { EnterpriseEntity, UserEntity } from '@huiqi/database';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { withoutInternalIds } from '../http/reader-views';
import { BankAccountView } from './bank-account.dto';
import { BankAccountChangeView } from './bank-account-changes.dto';

export class EnterpriseView {
  @ApiProperty() id: string;
  @ApiProperty() uscc: string;
  @ApiProperty() name: string;
  @ApiProperty() zoneCode: string;
  @ApiPropertyOptional({
    type: BankAccountView,
    nullable: true,
    description: 'The verified account payments use (a change counts only once finance verifies it)',
  })
  bankAccount: BankAccountView | null;
  @ApiPropertyOptional({
    type: BankAccountChangeView,
    nullable: true,
    description:
      'The latest change of the account not (yet) in effect: awaiting verification, or refused with the reason. Single-enterprise reads only',
  })
  bankAccountChange?: BankAccountChangeView | null;
  @ApiProperty() createdAt: Date;
}

export class UserView {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty({ enum: [...ROLES], enumName: 'Role' }) role: string;
  @ApiPropertyOptional({ nullable: true, type: String }) zoneCode: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) enterpriseId: string | null;
  @ApiProperty() isEnterpriseOwner: boolean;
  @ApiProperty() displayName: string;
  @ApiPropertyOptional({ nullable: true, type: String }) email: string | null;
  @ApiProperty() locale: string;
  @ApiProperty() isActive: boolean;
  @ApiProperty() createdAt: Date;
}

export class UserPageView {
  @ApiProperty({ type: [UserView] }) items: UserView[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
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

/**
 * One event of an enterprise's audit stream, shaped for its reader: what happened, who (name and role)
 * and when, with the event's details minus internal ids. Never the raw row (its global ids, the zone's
 * internal id); staff also get the actor's id and the chain hashes.
 */
export class EnterpriseHistoryEventView {
  @ApiProperty() seq: number;
  @ApiProperty({ example: 'enterprise.bank-account-changed' }) action: string;
  @ApiPropertyOptional({ nullable: true, type: String }) actorName: string | null;
  @ApiProperty() actorRole: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What changed (account numbers masked); no internal ids',
  })
  details: Record<string, unknown>;
  @ApiProperty() createdAt: Date;
  @ApiPropertyOptional({ description: 'Staff readers only', nullable: true, type: String })
  actorId?: string | null;
  @ApiPropertyOptional({ description: 'Staff readers only' }) hash?: string;
  @ApiPropertyOptional({ description: 'Staff readers only', nullable: true, type: String })
  prevHash?: string | null;
}

export function toEnterpriseHistoryView(
  e: {
    seq: number;
    action: string;
    actorId: string | null;
    actorRole: string;
    data: Record<string, unknown>;
    createdAt: Date;
    hash: string;
    prevHash: string | null;
  },
  actorName: string | null,
  staffReader: boolean,
): EnterpriseHistoryEventView {
  return {
    seq: e.seq,
    action: e.action,
    actorName,
    actorRole: e.actorRole,
    details: (withoutInternalIds(e.data ?? {}) ?? {}) as Record<string, unknown>,
    createdAt: e.createdAt,
    ...(staffReader ? { actorId: e.actorId, hash: e.hash, prevHash: e.prevHash } : {}),
  };
}
