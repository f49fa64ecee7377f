import { DomainError } from '@huiqi/core/errors/domain-error';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Post,
  Query,
  Req,
  StreamableFile,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { DEFAULT_DOCUMENT_CONTENT_TYPES } from '../documents/content-types';
import { ApiProblemResponses } from '../http/api-docs';
import { IdParam } from '../http/id-param';
import { Idempotent } from '../idempotency/idempotent.decorator';
import {
  DeclaredFactQueueQueryDto,
  DeclareFactDto,
  RefuseDeclaredFactDto,
  VerifyDeclaredFactDto,
} from './declared-facts.dto';
import { DeclaredFactsService } from './declared-facts.service';
import { DeclarableFactView, DeclaredFactView, EvidenceView } from './declared-facts.views';

const READERS = ['enterprise', 'officer', 'director', 'auditor', 'admin'] as const;
const DECIDERS = ['officer', 'director'] as const;

@ApiTags('declared-facts')
@Controller()
export class DeclaredFactsController {
  constructor(private readonly declared: DeclaredFactsService) {}

  @Get('enterprises/:id/declarable-facts')
  @Roles(...READERS)
  @ApiOperation({
    operationId: 'declaredFacts_declarable',
    summary: 'Fact keys the enterprise may declare (可申报数据)',
    description: 'The fact keys the zone’s programs read that the enterprise may declare (一企一档).',
  })
  @ApiProblemResponses(403)
  @ApiOkResponse({ type: [DeclarableFactView] })
  declarable(@CurrentPrincipal() p: Principal, @IdParam('id', 'enterprise') id: string) {
    return this.declared.declarable(p, id);
  }

  @Post('enterprises/:id/declared-facts')
  @Roles('enterprise')
  @Idempotent()
  @ApiOperation({
    operationId: 'declaredFacts_declare',
    summary: 'Declare a fact (申报企业数据)',
    description: 'The declaration is pending; it counts for eligibility once an officer verifies it.',
  })
  @ApiProblemResponses(403)
  @ApiCreatedResponse({ type: DeclaredFactView })
  declare(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'enterprise') id: string,
    @Body() dto: DeclareFactDto,
  ) {
    return this.declared.declare(p, id, dto);
  }

  @Get('enterprises/:id/declared-facts')
  @Roles(...READERS)
  @ApiOperation({
    operationId: 'declaredFacts_list',
    summary: 'List the enterprise’s declared facts (已申报数据)',
    description: 'The enterprise’s declared facts with status, refusal reason and evidence.',
  })
  @ApiProblemResponses(403)
  @ApiOkResponse({ type: [DeclaredFactView] })
  list(@CurrentPrincipal() p: Principal, @IdParam('id', 'enterprise') id: string) {
    return this.declared.list(p, id);
  }

  @Post('enterprises/:id/declared-facts/:factId/evidence')
  @Roles('enterprise')
  @ApiOperation({
    operationId: 'declaredFacts_uploadEvidence',
    summary: 'Upload an evidence document (上传证明材料)',
    description: 'Multipart field `file`: pdf, jpg or png.',
  })
  @ApiProblemResponses(403, 413, 415)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiCreatedResponse({ type: EvidenceView })
  async uploadEvidence(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'enterprise') id: string,
    @IdParam('factId', 'declared fact') factId: string,
    @Req() req: FastifyRequest,
  ): Promise<EvidenceView> {
    if (!req.isMultipart())
      throw new UnsupportedMediaTypeException('send the file as multipart/form-data in the field "file"');
    const part = await req.file();
    if (!part || part.fieldname !== 'file')
      throw DomainError.invalid('file', 'a file in the multipart field "file" is required');
    return this.declared.uploadEvidence(p, id, factId, {
      fileName: part.filename,
      contentType: part.mimetype,
      stream: part.file,
    });
  }

  @Get('enterprises/:id/declared-facts/:factId/evidence/:docId/content')
  @Roles(...READERS)
  @ApiOperation({
    operationId: 'declaredFacts_downloadEvidence',
    summary: 'Download an evidence document (下载证明材料)',
  })
  @ApiProduces(...DEFAULT_DOCUMENT_CONTENT_TYPES, 'application/octet-stream')
  @ApiOkResponse({
    description: 'The file, in the type it was uploaded as (Content-Disposition carries its name)',
    content: Object.fromEntries(
      [...DEFAULT_DOCUMENT_CONTENT_TYPES, 'application/octet-stream'].map((type) => [
        type,
        { schema: { type: 'string', format: 'binary' } },
      ]),
    ),
  })
  @ApiProblemResponses(403)
  async evidenceContent(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'enterprise') id: string,
    @IdParam('factId', 'declared fact') factId: string,
    @IdParam('docId', 'evidence') docId: string,
  ): Promise<StreamableFile> {
    const { evidence, stream } = await this.declared.evidenceContent(p, id, factId, docId);
    return new StreamableFile(stream, {
      type: evidence.contentType,
      length: evidence.sizeBytes,
      disposition: `attachment; filename="evidence"; filename*=UTF-8''${encodeURIComponent(evidence.fileName)}`,
    });
  }

  @Get('declared-facts')
  @Roles(...DECIDERS)
  @ApiOperation({
    operationId: 'declaredFacts_queue',
    summary: 'The zone’s declared facts to verify (待核实申报)',
    description: 'The zone’s declared facts by status (default: pending, oldest first).',
  })
  @ApiProblemResponses(403)
  @ApiOkResponse({ type: [DeclaredFactView] })
  queue(@CurrentPrincipal() p: Principal, @Query() q: DeclaredFactQueueQueryDto) {
    return this.declared.queue(p, q.status ?? 'pending');
  }

  @Post('declared-facts/:factId/verify')
  @HttpCode(200)
  @Roles(...DECIDERS)
  @Idempotent()
  @ApiOperation({
    operationId: 'declaredFacts_verify',
    summary: 'Verify a pending declaration (核实申报)',
    description: 'It becomes a fact version that counts for eligibility.',
  })
  @ApiProblemResponses(403, [409, 'The declaration is no longer pending'])
  @ApiOkResponse({ type: DeclaredFactView })
  verify(
    @CurrentPrincipal() p: Principal,
    @IdParam('factId', 'declared fact') factId: string,
    @Body() dto: VerifyDeclaredFactDto,
  ) {
    return this.declared.verify(p, factId, dto);
  }

  @Post('declared-facts/:factId/refuse')
  @HttpCode(200)
  @Roles(...DECIDERS)
  @Idempotent()
  @ApiOperation({
    operationId: 'declaredFacts_refuse',
    summary: 'Refuse a pending declaration (退回申报)',
    description: 'With the reason the enterprise will read.',
  })
  @ApiProblemResponses(403, [409, 'The declaration is no longer pending'])
  @ApiOkResponse({ type: DeclaredFactView })
  refuse(
    @CurrentPrincipal() p: Principal,
    @IdParam('factId', 'declared fact') factId: string,
    @Body() dto: RefuseDeclaredFactDto,
  ) {
    return this.declared.refuse(p, factId, dto);
  }
}
