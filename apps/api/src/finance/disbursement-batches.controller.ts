import { DisbursementService } from '@huiqi/core/finance/disbursement.service';
import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IdParam } from '../http/id-param';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { CsvResponse, sendCsv } from './csv-reply';
import { BatchListQueryDto, CreateBatchDto, ReasonDto } from './disbursement-batches.dto';
import { DisbursementBatchQueries } from './disbursement-batches.queries';
import {
  BatchDetailView,
  BatchPageView,
  BatchReconciliationView,
  BuiltBatchView,
  LockedBatchView,
} from './disbursement-batches.views';
import { FINANCE_READERS, financeActorOf, financeZoneOf } from './finance-scope';

@ApiTags('finance')
@Controller('disbursement-batches')
export class DisbursementBatchesController {
  constructor(
    private readonly disbursements: DisbursementService,
    private readonly queries: DisbursementBatchQueries,
  ) {}

  @Get()
  @Roles(...FINANCE_READERS)
  @ApiOkResponse({ type: BatchPageView })
  list(@CurrentPrincipal() p: Principal, @Query() query: BatchListQueryDto) {
    return this.queries.list(p, query);
  }

  /**
   * A draft batch of the zone's approved, unpaid grants matching the filters that are in no other open
   * batch. Grants that cannot be paid (no reservation, no valid bank account) are listed as skipped.
   */
  @Post()
  @Idempotent()
  @Roles('finance')
  @ApiCreatedResponse({ type: BuiltBatchView })
  async create(@CurrentPrincipal() p: Principal, @Body() dto: CreateBatchDto): Promise<BuiltBatchView> {
    const { note, ...filters } = dto;
    const built = await this.disbursements.build(financeZoneOf(p), filters, note ?? null, financeActorOf(p));
    return { ...(await this.queries.get(p, built.batch.id)), skipped: built.skipped };
  }

  @Get(':id')
  @Roles(...FINANCE_READERS)
  @ApiOkResponse({ type: BatchDetailView })
  get(@CurrentPrincipal() p: Principal, @IdParam('id', 'disbursement batch') id: string) {
    return this.queries.get(p, id);
  }

  /** Takes a grant out of a draft batch. */
  @Post(':id/items/:itemId/remove')
  @HttpCode(200)
  @Roles('finance')
  @ApiOkResponse({ type: BatchDetailView })
  async removeItem(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'disbursement batch') id: string,
    @IdParam('itemId', 'disbursement item') itemId: string,
    @Body() dto: ReasonDto,
  ): Promise<BatchDetailView> {
    await this.disbursements.removeItem(financeZoneOf(p), id, itemId, dto.reason, financeActorOf(p));
    return this.queries.get(p, id);
  }

  /**
   * Freezes the batch: payees' bank details are copied, open clawbacks are offset, and every grant
   * moves to `disbursing`. Grants that can no longer be paid are taken out and listed as removed.
   */
  @Post(':id/lock')
  @HttpCode(200)
  @Idempotent()
  @Roles('finance')
  @ApiOkResponse({ type: LockedBatchView })
  async lock(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'disbursement batch') id: string,
  ): Promise<LockedBatchView> {
    const { removed } = await this.disbursements.lock(financeZoneOf(p), id, financeActorOf(p));
    return { ...(await this.queries.get(p, id)), removed };
  }

  /**
   * The payment file for the bank (CSV, UTF-8 with BOM): payee, USCC, bank, account, amount in yuan and
   * the unique payment reference the bank must quote back. The first export marks the batch exported;
   * exporting again gives the same file (every download is audited).
   */
  @Post(':id/export')
  @HttpCode(200)
  @Roles('finance')
  @CsvResponse('The payment file')
  async export(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'disbursement batch') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const file = await this.disbursements.exportPaymentFile(financeZoneOf(p), id, financeActorOf(p));
    return sendCsv(reply, file.fileName, file.csv);
  }

  /** Cancels a batch that has not been exported; its grants become payable again. */
  @Post(':id/cancel')
  @HttpCode(200)
  @Idempotent()
  @Roles('finance')
  @ApiOkResponse({ type: BatchDetailView })
  async cancel(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'disbursement batch') id: string,
    @Body() dto: ReasonDto,
  ): Promise<BatchDetailView> {
    await this.disbursements.cancel(financeZoneOf(p), id, dto.reason, financeActorOf(p));
    return this.queries.get(p, id);
  }

  /** Every payment of the batch with its outcome and the statement lines that quoted it, and the totals. */
  @Get(':id/reconciliation')
  @Roles(...FINANCE_READERS)
  @ApiOkResponse({ type: BatchReconciliationView })
  reconciliation(@CurrentPrincipal() p: Principal, @IdParam('id', 'disbursement batch') id: string) {
    return this.queries.reconciliation(p, id);
  }

  @Get(':id/reconciliation.csv')
  @Roles(...FINANCE_READERS)
  @CsvResponse('The reconciliation report')
  async reconciliationCsv(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'disbursement batch') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const file = await this.queries.reconciliationCsv(p, id);
    return sendCsv(reply, file.fileName, file.csv);
  }

  @Get(':id/history')
  @Roles(...FINANCE_READERS)
  history(@CurrentPrincipal() p: Principal, @IdParam('id', 'disbursement batch') id: string) {
    return this.queries.history(p, id);
  }
}
