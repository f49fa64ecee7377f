import { text } from '@huiqi/common';
import { DomainError } from '@huiqi/core/errors/domain-error';
import { StatementImportService, StatementUpload } from '@huiqi/core/finance/statement-import.service';
import { StatementMatchingService } from '@huiqi/core/finance/statement-matching.service';
import { Body, Controller, Get, HttpCode, Param, PipeTransform, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { bufferedUpload } from '../http/buffered-upload';
import { IdParam } from '../http/id-param';
import { PageQueryDto } from '../http/pagination';
import { createValidationPipe } from '../http/validation';
import { Idempotent } from '../idempotency/idempotent.decorator';
import {
  ConfirmMatchDto,
  ImportStatementDto,
  MatchProposalsQueryDto,
  ProposeMatchDto,
  RejectMatchDto,
  STATEMENT_FILE_NAME,
  StatementReportQueryDto,
} from './bank-statements.dto';
import { BankStatementQueries, toImportView } from './bank-statements.queries';
import {
  MatchProposalView,
  StatementImportPageView,
  StatementImportView,
  StatementReportView,
} from './bank-statements.views';
import { CsvResponse, sendCsv } from './csv-reply';
import { FINANCE_READERS, financeActorOf, financeZoneOf } from './finance-scope';
import { ApiProblemResponses } from '../http/api-docs';

const bodyPipe = createValidationPipe();

/** A line number names no line unless it is a positive integer: 404 like any line the caller cannot see. */
const LINE_NO: PipeTransform<string, number> = {
  transform(value: string): number {
    if (!/^[1-9]\d{0,8}$/.test(value)) throw DomainError.notFound('statement line');
    return Number(value);
  },
};

@ApiTags('finance: bank statements')
@Controller('bank-statements')
export class BankStatementsController {
  constructor(
    private readonly statements: StatementImportService,
    private readonly queries: BankStatementQueries,
    private readonly matching: StatementMatchingService,
  ) {}

  @ApiOperation({
    operationId: 'bankStatements_list',
    summary: 'List bank statement imports (银行流水导入记录)',
  })
  @Get()
  @Roles(...FINANCE_READERS)
  @ApiOkResponse({ type: StatementImportPageView })
  list(@CurrentPrincipal() p: Principal, @Query() page: PageQueryDto) {
    return this.queries.list(p, page);
  }

  @ApiOperation({
    operationId: 'bankStatements_import',
    summary: 'Import a bank statement and reconcile it (导入银行流水)',
    description:
      'Imports a bank statement and reconciles it: each line is matched by payment reference and amount (payments confirmed or returned, clawback repayments recovered). A bank transaction already imported is reported as a duplicate and changes nothing; unreadable lines are reported with their field errors. The file comes as JSON `{fileName, content}` (at most 1 MB) or as a multipart upload (field `file`, up to the upload size limit). A statement of up to 1,000 lines is reconciled at once: 201 with the report. A larger one is stored and imported in the background: 202 with the import (status `queued`, `Location` to follow with GET /bank-statements/{id} until `completed`).',
  })
  @ApiProblemResponses(413, 415)
  @Post()
  @Idempotent({ upload: true })
  @Roles('finance')
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiExtraModels(ImportStatementDto)
  @ApiBody({
    schema: {
      oneOf: [
        { $ref: getSchemaPath(ImportStatementDto) },
        { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
      ],
    },
  })
  @ApiCreatedResponse({ type: StatementReportView, description: 'Reconciled in the request (≤ 1,000 lines)' })
  @ApiAcceptedResponse({
    type: StatementImportView,
    description: 'Queued for the background import',
    headers: {
      Location: { description: 'The import to follow: /bank-statements/{id}', schema: { type: 'string' } },
    },
  })
  async import(
    @CurrentPrincipal() p: Principal,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<StatementReportView | StatementImportView> {
    const { upload, field } = await this.uploadOf(req);
    const statement = await this.statements.import(financeZoneOf(p), upload, financeActorOf(p), field);
    // Sent here because the status depends on the outcome; the value returned is what Idempotency-Key stores.
    if (statement.status === 'completed') {
      const report = await this.queries.reportOf(statement, statement.results);
      await reply.status(201).send(report);
      return report;
    }
    const accepted = toImportView(statement);
    await reply.status(202).header('location', `/bank-statements/${statement.id}`).send(accepted);
    return accepted;
  }

  /** Hand matches of the zone's statement lines (pending ones by default: the four-eyes queue). */
  @ApiOperation({
    operationId: 'bankStatements_listMatchProposals',
    summary: 'List hand matches of statement lines (人工匹配列表)',
    description: 'Hand matches of the zone’s statement lines (pending ones by default: the four-eyes queue).',
  })
  @Get('match-proposals')
  @Roles(...FINANCE_READERS)
  @ApiOkResponse({ type: [MatchProposalView] })
  proposals(@CurrentPrincipal() p: Principal, @Query() q: MatchProposalsQueryDto) {
    return this.matching.list(financeZoneOf(p), { state: q.state, importId: q.importId });
  }

  /**
   * Proposes the payment (or clawback) an unresolved line (unknown reference, amount mismatch, needs
   * review) belongs to. Nothing is settled until a second finance user confirms it.
   */
  @ApiOperation({
    operationId: 'bankStatements_proposeMatch',
    summary: 'Propose a hand match for a statement line (提议人工匹配)',
    description:
      'Proposes the payment (or clawback) an unresolved line (unknown reference, amount mismatch, needs ' +
      'review) belongs to. Nothing is settled until a second finance user confirms it.',
  })
  @ApiProblemResponses(403, [409, 'The line is resolved, superseded, or already has a pending proposal'])
  @Post(':id/lines/:lineNo/match-proposals')
  @Idempotent()
  @Roles('finance')
  @ApiCreatedResponse({ type: MatchProposalView })
  propose(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'bank statement') id: string,
    @Param('lineNo', LINE_NO) lineNo: number,
    @Body() body: ProposeMatchDto,
  ) {
    return this.matching.propose(financeZoneOf(p), id, lineNo, body, financeActorOf(p));
  }

  /**
   * Confirms a hand match (four eyes: not by its proposer, 403): the line settles as an imported line
   * would (grant paid or returned, clawback recovered, ledger entry with the statement line). 409 when
   * the proposal is no longer pending or the line cannot settle the payment (e.g. another amount).
   */
  @ApiOperation({
    operationId: 'bankStatements_confirmMatch',
    summary: 'Confirm a hand match (确认人工匹配)',
    description:
      'Four eyes: not by its proposer (403). The line settles as an imported line would (grant paid or ' +
      'returned, clawback recovered, ledger entry with the statement line).',
  })
  @ApiProblemResponses(403, [
    409,
    'The proposal is no longer pending or the line cannot settle the payment (e.g. another amount)',
  ])
  @Post(':id/lines/:lineNo/match-proposals/:proposalId/confirm')
  @Idempotent()
  @HttpCode(200)
  @Roles('finance')
  @ApiOkResponse({ type: MatchProposalView })
  confirm(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'bank statement') id: string,
    @Param('lineNo', LINE_NO) lineNo: number,
    @IdParam('proposalId', 'match proposal') proposalId: string,
    @Body() body: ConfirmMatchDto,
  ) {
    return this.matching.confirm(financeZoneOf(p), proposalId, financeActorOf(p), body.comment ?? null, {
      importId: id,
      lineNo,
    });
  }

  /** Rejects a pending hand match (its proposer may withdraw it); nothing is settled. */
  @ApiOperation({
    operationId: 'bankStatements_rejectMatch',
    summary: 'Reject a hand match (驳回人工匹配)',
    description: 'Rejects a pending hand match (its proposer may withdraw it); nothing is settled.',
  })
  @ApiProblemResponses(403, [409, 'The proposal is no longer pending'])
  @Post(':id/lines/:lineNo/match-proposals/:proposalId/reject')
  @Idempotent()
  @HttpCode(200)
  @Roles('finance')
  @ApiOkResponse({ type: MatchProposalView })
  reject(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'bank statement') id: string,
    @Param('lineNo', LINE_NO) lineNo: number,
    @IdParam('proposalId', 'match proposal') proposalId: string,
    @Body() body: RejectMatchDto,
  ) {
    return this.matching.reject(financeZoneOf(p), proposalId, financeActorOf(p), body.comment, {
      importId: id,
      lineNo,
    });
  }

  @ApiOperation({
    operationId: 'bankStatements_report',
    summary: 'Get a statement’s reconciliation report (对账报告)',
  })
  @Get(':id')
  @Roles(...FINANCE_READERS)
  @ApiOkResponse({ type: StatementReportView })
  report(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'bank statement') id: string,
    @Query() q: StatementReportQueryDto,
  ) {
    return this.queries.report(p, id, { fromLine: q.fromLine, limit: q.lineLimit });
  }

  @ApiOperation({
    operationId: 'bankStatements_reportCsv',
    summary: 'Download the reconciliation report as CSV (导出对账报告)',
  })
  @Get(':id/report.csv')
  @Roles(...FINANCE_READERS)
  @CsvResponse('The reconciliation report: one row per statement line, then one per batch touched')
  async reportCsv(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'bank statement') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const file = await this.queries.reportCsv(p, id);
    return sendCsv(reply, file.fileName, file.csv);
  }

  /** The statement of a multipart upload (field `file`) or of a JSON body. */
  private async uploadOf(
    req: FastifyRequest,
  ): Promise<{ upload: StatementUpload; field: 'content' | 'file' }> {
    if (req.isMultipart()) {
      const part = await bufferedUpload(req);
      if (!part || part.fieldname !== 'file') {
        throw DomainError.invalid(
          'file',
          'a statement file (CSV or XLSX) in the multipart field "file" is required',
        );
        throw DomainError.invalid('file', text('error.csv-file-required'));
      }
      const content = part.content;
      const fileName = part.filename.trim() || 'statement.csv';
      if (fileName.length > 200 || !STATEMENT_FILE_NAME.test(fileName)) {
        throw DomainError.invalid('file', text('error.statement-file-name'));
      }
      if (content.length === 0) throw DomainError.invalid('file', text('error.file-empty'));
      return { upload: { fileName, content }, field: 'file' };
    }
    const dto = (await bodyPipe.transform(req.body ?? {}, {
      type: 'body',
      metatype: ImportStatementDto,
    })) as ImportStatementDto;
    return { upload: dto, field: 'content' };
  }
}
