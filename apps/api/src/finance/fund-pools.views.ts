import { FundPoolEntity } from '@huiqi/database';
import { PoolBalances } from '@huiqi/core/finance/ledger';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class PoolBalancesView {
  @ApiProperty({ type: 'integer', description: 'Allocation (budget) of the pool' }) allocatedFen: number;
  @ApiProperty({ type: 'integer', description: 'allocated − reserved − paid' }) availableFen: number;
  @ApiProperty({ type: 'integer', description: 'Held for approved, unpaid grants' }) reservedFen: number;
  @ApiProperty({ type: 'integer', description: 'Paid to enterprises' }) paidFen: number;
  @ApiProperty({ type: 'integer', description: 'Clawback receivables opened' }) clawedBackFen: number;
  @ApiProperty({ type: 'integer', description: 'Clawbacks still owed' }) receivableFen: number;
  @ApiProperty({ type: 'integer', description: 'Clawbacks recovered (returned to the treasury)' })
  recoveredFen: number;
}

export class FundPoolView extends PoolBalancesView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['program', 'policy_document'], enumName: 'FundPoolScope' }) scope:
    'program' | 'policy_document';
  @ApiPropertyOptional({ nullable: true, type: String }) programCode: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) policyDocumentCode: string | null;
  @ApiProperty({ type: 'integer' }) fiscalYear: number;
  @ApiProperty() name: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class FundPoolDetailView extends FundPoolView {
  @ApiProperty({ type: PoolBalancesView, description: 'The balances recomputed from every ledger entry' })
  balancesFromEntries: PoolBalancesView;

  @ApiProperty({ description: 'The pool balances equal the sums of its entries and add up' })
  consistent: boolean;

  @ApiProperty({ description: 'Grants currently holding a reservation' }) reservedGrants: number;
  @ApiProperty({ description: 'Grants paid from this pool' }) paidGrants: number;
}

export class FundPoolPageView {
  @ApiProperty({ type: [FundPoolView] }) items: FundPoolView[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}

export class LedgerEntryView {
  @ApiProperty({
    enum: ['funding', 'available', 'reserved', 'paid', 'clawback', 'receivable', 'recovered'],
    enumName: 'LedgerAccount',
  })
  account: string;
  @ApiProperty({ type: 'integer', description: 'Debit positive, credit negative (fen)' }) amountFen: number;
}

export class LedgerJournalView {
  @ApiProperty() id: string;
  @ApiProperty({
    enum: ['allocate', 'deallocate', 'reserve', 'release', 'pay', 'clawback', 'recover'],
    enumName: 'LedgerJournalKind',
  })
  kind: string;
  @ApiProperty({ type: 'integer' }) amountFen: number;
  @ApiPropertyOptional({ nullable: true, type: String }) applicationId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) applicationReference: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) receivableId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) disbursementItemId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) statementLineId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) memo: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) actorId: string | null;
  @ApiProperty() actorRole: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: [LedgerEntryView] }) entries: LedgerEntryView[];
  @ApiProperty({
    type: PoolBalancesView,
    description: "The pool's running balances right after this journal (its entries and every earlier one)",
  })
  balancesAfter: PoolBalancesView;
}

export class LedgerPageView {
  @ApiProperty({ type: [LedgerJournalView] }) items: LedgerJournalView[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}

export function balancesOf(b: PoolBalances): PoolBalancesView {
  return {
    allocatedFen: b.allocatedFen,
    availableFen: b.availableFen,
    reservedFen: b.reservedFen,
    paidFen: b.paidFen,
    clawedBackFen: b.clawedBackFen,
    receivableFen: b.receivableFen,
    recoveredFen: b.recoveredFen,
  };
}

export function toFundPoolView(p: FundPoolEntity): FundPoolView {
  return {
    id: p.id,
    scope: p.scope,
    programCode: p.programCode,
    policyDocumentCode: p.policyDocumentCode,
    fiscalYear: p.fiscalYear,
    name: p.name,
    ...balancesOf(p),
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}
