import { DisbursementService } from '@huiqi/core/finance/disbursement.service';
import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IdParam } from '../http/id-param';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { CsvResponse, sendCsv } from './csv-reply';
import {
  BatchListQueryDto,
  CreateBatchDto,
  ExportPaymentFileQueryDto,
  ReasonDto,
} from './disbursement-batches.dto';
import { DisbursementBatchQueries } from './disbursement-batches.queries';
import {
  BatchDetailView,
  BatchPageView,
  BatchPreviewView,
  BatchReconciliationView,
  BuiltBatchView,
  LockedBatchView,
} from './disbursement-batches.views';
import { FINANCE_READERS, financeActorOf, financeZoneOf } from './finance-scope';
import { AuditEventView } from '../http/audit-event.view';
import { ApiProblemResponses } from '../http/api-docs';

@ApiTags('finance: batches')
@Controller('disbursement-batches')
export class DisbursementBatchesController {
  constructor(
    private readonly disbursements: DisbursementService,
    private readonly queries: DisbursementBatchQueries,
  ) {}

  @ApiOperation({ operationId: 'batches_list', summary: 'List disbursement batches (拨付批次列表)' })
  @Get()
  @Roles(...FINANCE_READERS)
  @ApiOkResponse({ type: BatchPageView })
  list(@CurrentPrincipal() p: Principal, @Query() query: BatchListQueryDto) {
    return this.queries.list(p, query);
  }

  @ApiOperation({
    operationId: 'batches_create',
    summary: 'Build a draft disbursement batch (新建拨付批次)',
    description:
      "A draft batch of the zone's approved, unpaid grants matching the filters that are in no other open batch. Grants that cannot be paid (no reservation, no valid bank account) are listed as skipped.",
  })
  @ApiProblemResponses(
    [409, 'Every matching grant was just put into another batch'],
    [422, 'No approved, unpaid grant that can be paid matches the filters'],
  )
  @Post()
  @Idempotent()
  @Roles('finance')
  @ApiCreatedResponse({ type: BuiltBatchView })
  async create(@CurrentPrincipal() p: Principal, @Body() dto: CreateBatchDto): Promise<BuiltBatchView> {
    const { note, ...filters } = dto;
    const built = await this.disbursements.build(financeZoneOf(p), filters, note ?? null, financeActorOf(p));
    return { ...(await this.queries.get(p, built.batch.id)), skipped: built.skipped };
  }

  @ApiOperation({
    operationId: 'batches_preview',
    summary: 'Preview a disbursement batch (拨付批次预览)',
    description:
      'How many grants, and how much money, a batch built now with these filters would hold, and the matching grants that cannot be paid, with why. Builds nothing (`note` is ignored).',
  })
  @Post('preview')
  @HttpCode(200)
  @Roles('finance')
  @ApiOkResponse({ type: BatchPreviewView })
  preview(@CurrentPrincipal() p: Principal, @Body() dto: CreateBatchDto): Promise<BatchPreviewView> {
    const { note: _note, ...filters } = dto;
    return this.disbursements.preview(financeZoneOf(p), filters);
  }

  @ApiOperation({ operationId: 'batches_get', summary: 'Get a disbursement batch (拨付批次详情)' })
  @Get(':id')
  @Roles(...FINANCE_READERS)
  @ApiOkResponse({ type: BatchDetailView })
  get(@CurrentPrincipal() p: Principal, @IdParam('id', 'disbursement batch') id: string) {
    return this.queries.get(p, id);
  }

  @ApiOperation({
    operationId: 'batches_removeItem',
    summary: 'Take a grant out of a draft batch (移出批次)',
    description: 'Takes a grant out of a draft batch.',
  })
  @ApiProblemResponses([409, 'The batch is not a draft'])
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

  @ApiOperation({
    operationId: 'batches_lock',
    summary: 'Lock a batch for payment (锁定批次)',
    description:
      "Freezes the batch: payees' bank details are copied, open clawbacks are offset, and every grant moves to `disbursing`. Grants that can no longer be paid are taken out and listed as removed.",
  })
  @ApiProblemResponses([409, 'The batch is not a draft, or no grant in it can be paid any more'])
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

  @ApiOperation({
    operationId: 'batches_exportPaymentFile',
    summary: 'Export the payment file (导出支付文件)',
    description:
      'The payment file for the bank in its layout (`layout`, default the generic 批量代发/对公付款 one): CSV (UTF-8 with BOM) or XLSX (`format=xlsx`: text cells, a totals row with 笔数 and 合计金额, the batch reference), Chinese headers; payee, USCC, bank, 联行号, account, amount in yuan and the unique payment reference the bank must quote back. The first export marks the batch exported; exporting again gives the same file (every download is audited).',
  })
  @ApiProblemResponses([409, 'The batch is not locked or exported'])
  @Post(':id/export')
  @HttpCode(200)
  @Roles('finance')
  @CsvResponse('The payment file')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'disbursement batch') id: string,
    @Query() q: ExportPaymentFileQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | Buffer> {
    const file = await this.disbursements.exportPaymentFile(financeZoneOf(p), id, financeActorOf(p), {
      layout: q.layout,
      format: q.format,
    });
    if (typeof file.content === 'string') return sendCsv(reply, file.fileName, file.content);
    reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`)
      .header('cache-control', 'no-store');
    return file.content;
  }

  @ApiOperation({
    operationId: 'batches_cancel',
    summary: 'Cancel a batch (取消批次)',
    description: 'Cancels a batch that has not been exported; its grants become payable again.',
  })
  @ApiProblemResponses([409, 'The batch was exported or settled'])
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

  @ApiOperation({
    operationId: 'batches_reconciliation',
    summary: 'Get a batch’s reconciliation (批次对账)',
    description:
      'Every payment of the batch with its outcome and the statement lines that quoted it, and the totals.',
  })
  @Get(':id/reconciliation')
  @Roles(...FINANCE_READERS)
  @ApiOkResponse({ type: BatchReconciliationView })
  reconciliation(@CurrentPrincipal() p: Principal, @IdParam('id', 'disbursement batch') id: string) {
    return this.queries.reconciliation(p, id);
  }

  @ApiOperation({
    operationId: 'batches_reconciliationCsv',
    summary: 'Download a batch’s reconciliation as CSV (导出批次对账)',
  })
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

  @ApiOperation({ operationId: 'batches_history', summary: 'Get the audit trail of a batch (批次记录)' })
  @Get(':id/history')
  @Roles(...FINANCE_READERS)
  @ApiOkResponse({ type: [AuditEventView] })
  history(@CurrentPrincipal() p: Principal, @IdParam('id', 'disbursement batch') id: string) {
    return this.queries.history(p, id);
  }
}
