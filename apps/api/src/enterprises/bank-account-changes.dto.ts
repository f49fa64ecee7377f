import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { LocalizedTextView } from '../facts/facts.views';
import { Trim } from '../http/validators';
import { BankAccountView } from './bank-account.dto';

export const BANK_ACCOUNT_CHANGE_STATES = ['pending', 'verified', 'refused', 'superseded'] as const;
export type BankAccountChangeState = (typeof BANK_ACCOUNT_CHANGE_STATES)[number];

export class VerifyBankAccountChangeDto {
  @ApiPropertyOptional({ maxLength: 2000, description: 'How the account was checked (audited)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class RefuseBankAccountChangeDto {
  @ApiProperty({ maxLength: 2000, description: 'Why the change is refused (shown to the enterprise)' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'reason is required' })
  @MaxLength(2000)
  reason: string;
}

export class BankAccountChangeQueueQueryDto {
  @ApiPropertyOptional({ enum: BANK_ACCOUNT_CHANGE_STATES, default: 'pending' })
  @IsOptional()
  @IsIn([...BANK_ACCOUNT_CHANGE_STATES])
  state?: BankAccountChangeState;
}

/**
 * A change of an enterprise's bank account: the requested account (masked) next to the verified one
 * payments use now (masked), who asked and when, and the finance decision.
 */
export class BankAccountChangeView {
  @ApiProperty() id: string;
  @ApiProperty() enterpriseId: string;
  @ApiProperty() enterpriseName: string;
  @ApiProperty() enterpriseUscc: string;
  @ApiProperty({ enum: BANK_ACCOUNT_CHANGE_STATES }) state: BankAccountChangeState;
  @ApiProperty({ type: LocalizedTextView }) stateLabel: LocalizedTextView;
  @ApiProperty({ type: BankAccountView, description: 'The requested account (number masked)' })
  requested: BankAccountView;
  @ApiPropertyOptional({
    type: BankAccountView,
    nullable: true,
    description: 'The verified account payments use now (number masked); null when there is none',
  })
  current: BankAccountView | null;
  @ApiPropertyOptional({ nullable: true, type: String }) requestedByName: string | null;
  @ApiProperty() requestedAt: Date;
  @ApiPropertyOptional({ nullable: true, type: String }) decidedByName: string | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) decidedAt: Date | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: "The refusal reason (or the verifier's comment)",
  })
  decisionReason: string | null;
}
