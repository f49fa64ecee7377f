import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ApiProblemResponses } from '../http/api-docs';
import { IdParam } from '../http/id-param';
import { Idempotent } from '../idempotency/idempotent.decorator';
import {
  BankAccountChangeQueueQueryDto,
  BankAccountChangeView,
  RefuseBankAccountChangeDto,
  VerifyBankAccountChangeDto,
} from './bank-account-changes.dto';
import { BankAccountChangesService } from './bank-account-changes.service';

/** Finance verifies bank account changes before payments use them (issue 12). */
@ApiTags('bank-account-changes')
@Controller('bank-account-changes')
export class BankAccountChangesController {
  constructor(private readonly changes: BankAccountChangesService) {}

  @Get()
  @Roles('finance', 'auditor')
  @ApiOperation({
    operationId: 'bankAccountChanges_queue',
    summary: 'The zone’s bank account changes to verify (收款账户变更核验)',
    description:
      'Changes of enterprises of the caller’s zone by state (default: pending, oldest first), with the verified account they replace; account numbers masked.',
  })
  @ApiProblemResponses(403)
  @ApiOkResponse({ type: [BankAccountChangeView] })
  queue(@CurrentPrincipal() p: Principal, @Query() q: BankAccountChangeQueueQueryDto) {
    return this.changes.queue(p, q.state ?? 'pending');
  }

  @Post(':changeId/verify')
  @HttpCode(200)
  @Roles('finance')
  @Idempotent()
  @ApiOperation({
    operationId: 'bankAccountChanges_verify',
    summary: 'Verify a bank account change (核验收款账户变更)',
    description:
      'The requested account becomes the one payments use; audited and told to the enterprise’s users.',
  })
  @ApiProblemResponses(403, [409, 'The change is no longer pending'])
  @ApiOkResponse({ type: BankAccountChangeView })
  verify(
    @CurrentPrincipal() p: Principal,
    @IdParam('changeId', 'bank account change') changeId: string,
    @Body() dto: VerifyBankAccountChangeDto,
  ) {
    return this.changes.verify(p, changeId, dto);
  }

  @Post(':changeId/refuse')
  @HttpCode(200)
  @Roles('finance')
  @Idempotent()
  @ApiOperation({
    operationId: 'bankAccountChanges_refuse',
    summary: 'Refuse a bank account change (驳回收款账户变更)',
    description: 'With the reason the enterprise reads; the verified account stays.',
  })
  @ApiProblemResponses(403, [409, 'The change is no longer pending'])
  @ApiOkResponse({ type: BankAccountChangeView })
  refuse(
    @CurrentPrincipal() p: Principal,
    @IdParam('changeId', 'bank account change') changeId: string,
    @Body() dto: RefuseBankAccountChangeDto,
  ) {
    return this.changes.refuse(p, changeId, dto);
  }
}
