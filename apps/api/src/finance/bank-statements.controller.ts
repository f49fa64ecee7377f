import { DomainError } from '@huiqi/core/errors/domain-error';
import { StatementImportService, StatementUpload } from '@huiqi/core/finance/statement-import.service';
import { Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IdParam } from '../http/id-param';
import { PageQueryDto } from '../http/pagination';
import { createValidationPipe } from '../http/validation';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { ImportStatementDto, STATEMENT_FILE_NAME, StatementReportQueryDto } from './bank-statements.dto';
import { BankStatementQueries, toImportView } from './bank-statements.queries';
import { StatementImportPageView, StatementImportView, StatementReportView } from './bank-statements.views';
import { CsvResponse, sendCsv } from './csv-reply';
import { FINANCE_READERS, financeActorOf, financeZoneOf } from './finance-scope';

const bodyPipe = createValidationPipe();

@ApiTags('finance')
@Controller('bank-statements')
export class BankStatementsController {
  constructor(
    private readonly statements: StatementImportService,
    private readonly queries: BankStatementQueries,
  ) {}

  @Get()
  @Roles(...FINANCE_READERS)
  @ApiOkResponse({ type: StatementImportPageView })
  list(@CurrentPrincipal() p: Principal, @Query() page: PageQueryDto) {
    return this.queries.list(p, page);
  }

  /**
   * Imports a bank statement and reconciles it: each line is matched by payment reference and amount
   * (payments confirmed or returned, clawback repayments recovered). A bank transaction already
   * imported is reported as a duplicate and changes nothing; unreadable lines are reported with their
   * field errors. The file comes as JSON `{fileName, content}` (at most 1 MB) or as a multipart upload
   * (field `file`, up to the upload size limit). A statement of up to 1,000 lines is reconciled at once:
   * 201 with the report. A larger one is stored and imported in the background: 202 with the import
   * (status `queued`, `Location` to follow with GET /bank-statements/{id} until `completed`).
   */
  @Post()
  @Idempotent()
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
      const part = await req.file();
      if (!part || part.fieldname !== 'file') {
        throw DomainError.invalid('file', 'a CSV file in the multipart field "file" is required');
      }
      const content = await part.toBuffer();
      const fileName = (part.filename ?? '').trim() || 'statement.csv';
      if (fileName.length > 200 || !STATEMENT_FILE_NAME.test(fileName)) {
        throw DomainError.invalid(
          'file',
          'the file name must be a name of at most 200 characters, without a path',
        );
      }
      if (content.length === 0) throw DomainError.invalid('file', 'the file is empty');
      return { upload: { fileName, content }, field: 'file' };
    }
    const dto = (await bodyPipe.transform(req.body ?? {}, {
      type: 'body',
      metatype: ImportStatementDto,
    })) as ImportStatementDto;
    return { upload: dto, field: 'content' };
  }
}
