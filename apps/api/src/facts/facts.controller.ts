import { text } from '@huiqi/common';
import { DomainError } from '@huiqi/core/errors/domain-error';
import { Body, Controller, Get, Post, Query, Req } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IdParam } from '../http/id-param';
import { createValidationPipe } from '../http/validation';
import { Idempotent } from '../idempotency/idempotent.decorator';
import {
  FactListQueryDto,
  FeedImportDto,
  FeedImportListQueryDto,
  FeedImportQueryDto,
  RecordFactDto,
} from './facts.dto';
import { FactsService } from './facts.service';
import { FactListView, FactRecordedView, FeedImportPageView, FeedImportView } from './facts.views';
import { FeedImportsService } from './feed-imports.service';
import { ApiProblemResponses } from '../http/api-docs';

const READERS = ['enterprise', 'officer', 'director', 'finance', 'policy_admin', 'auditor', 'admin'] as const;
const RECORDERS = ['officer', 'policy_admin'] as const;
const bodyPipe = createValidationPipe();

@ApiTags('facts')
@Controller()
export class FactsController {
  constructor(
    private readonly facts: FactsService,
    private readonly feeds: FeedImportsService,
  ) {}

  @ApiOperation({
    operationId: 'facts_record',
    summary: 'Record a fact about an enterprise (录入企业数据)',
    description:
      "Records one fact about an enterprise of the caller's zone. A correction is a new version (the old value stays in the history); the same value from the same source again changes nothing.",
  })
  @Post('enterprises/:id/facts')
  @Idempotent()
  @Roles(...RECORDERS)
  @ApiCreatedResponse({ type: FactRecordedView })
  record(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'enterprise') id: string,
    @Body() dto: RecordFactDto,
  ) {
    return this.facts.record(p, id, dto);
  }

  @ApiOperation({
    operationId: 'facts_list',
    summary: 'List an enterprise’s facts (企业数据)',
    description: "The enterprise's current facts, or with `history=true` every version with who recorded it.",
  })
  @Get('enterprises/:id/facts')
  @Roles(...READERS)
  @ApiOkResponse({ type: FactListView })
  list(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'enterprise') id: string,
    @Query() q: FactListQueryDto,
  ) {
    return this.facts.list(p, id, q);
  }

  @ApiOperation({
    operationId: 'facts_import',
    summary: 'Import a data feed (导入数据)',
    description:
      "Imports a data feed into the caller's zone: a CSV file (UTF-8) or an XLSX workbook (first worksheet) as multipart field `file` (header `uscc,key,period,value,source,idNumber`) or a JSON body `{ feedRef?, rows }`. Bad rows are reported by row number and field; the good rows are written. Importing the same feed again writes nothing.",
  })
  @ApiProblemResponses([409, 'This feedRef was imported with other content'], 413, 415)
  @Post('facts/imports')
  @Roles(...RECORDERS)
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiExtraModels(FeedImportDto)
  @ApiBody({
    schema: {
      oneOf: [
        { $ref: getSchemaPath(FeedImportDto) },
        { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
      ],
    },
  })
  @ApiCreatedResponse({ type: FeedImportView })
  async import(
    @CurrentPrincipal() p: Principal,
    @Req() req: FastifyRequest,
    @Query() q: FeedImportQueryDto,
  ): Promise<FeedImportView> {
    if (req.isMultipart()) {
      const part = await req.file();
      if (!part || part.fieldname !== 'file') {
        throw DomainError.invalid('file', text('error.csv-file-required'));
      }
      const content = await part.toBuffer();
      return this.feeds.importCsv(p, { name: part.filename || null, content }, q.feedRef ?? null);
    }
    const dto = (await bodyPipe.transform(req.body ?? {}, {
      type: 'body',
      metatype: FeedImportDto,
    })) as FeedImportDto;
    if (dto.feedRef !== undefined && q.feedRef !== undefined && dto.feedRef !== q.feedRef) {
      throw DomainError.invalid('feedRef', text('error.feed-ref-mismatch'));
    }
    return this.feeds.importJson(p, dto.rows, dto.feedRef ?? q.feedRef ?? null);
  }

  @ApiOperation({ operationId: 'facts_listImports', summary: 'List data feed imports (数据导入记录)' })
  @Get('facts/imports')
  @Roles(...RECORDERS, 'auditor', 'admin')
  @ApiOkResponse({ type: FeedImportPageView })
  listImports(@CurrentPrincipal() p: Principal, @Query() q: FeedImportListQueryDto) {
    return this.feeds.list(p, q);
  }

  @ApiOperation({ operationId: 'facts_getImport', summary: 'Get a data feed import report (数据导入报告)' })
  @Get('facts/imports/:importId')
  @Roles(...RECORDERS, 'auditor', 'admin')
  @ApiOkResponse({ type: FeedImportView })
  getImport(@CurrentPrincipal() p: Principal, @IdParam('importId', 'fact import') id: string) {
    return this.feeds.get(p, id);
  }
}
