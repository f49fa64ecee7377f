import { text } from '@huiqi/common';
import {
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Req,
  StreamableFile,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { DocumentView } from '../applications/application.views';
import { Authenticated, CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IdParam } from '../http/id-param';
import { DomainError } from '@huiqi/core/errors/domain-error';
import { DocumentsService } from './documents.service';
import { ApiProblemResponses } from '../http/api-docs';
import { DEFAULT_DOCUMENT_CONTENT_TYPES } from './content-types';

const DOCUMENT_TYPE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

@ApiTags('documents')
@Controller('applications/:id/documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @ApiOperation({
    operationId: 'documents_upload',
    summary: 'Upload a document (上传材料)',
    description: "Uploads one file for one of the program's document types (multipart field `file`).",
  })
  @Post(':documentType')
  @Roles('enterprise')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiCreatedResponse({ type: DocumentView })
  @ApiProblemResponses(
    [400, 'Not a document type of the program, or not a file in the field "file"'],
    [409, 'The application is no longer a draft or returned for amendment'],
    [413, 'The file is larger than the program allows'],
    [415, 'Not multipart/form-data, or a file type the program does not accept'],
  )
  async upload(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'application') id: string,
    @Param('documentType') documentType: string,
    @Req() req: FastifyRequest,
  ): Promise<DocumentView> {
    if (!DOCUMENT_TYPE.test(documentType))
      throw DomainError.invalid('documentType', text('error.document-type-code'));
    if (!req.isMultipart())
      throw new UnsupportedMediaTypeException('send the file as multipart/form-data in the field "file"');
    const part = await req.file();
    if (!part || part.fieldname !== 'file') throw DomainError.invalid('file', text('error.file-required'));
    return this.documents.upload(p, id, documentType, {
      fileName: part.filename,
      contentType: part.mimetype,
      stream: part.file,
    });
  }

  @ApiOperation({ operationId: 'documents_list', summary: 'List the documents of an application (材料列表)' })
  @Get()
  @Authenticated()
  @ApiOkResponse({ type: [DocumentView] })
  list(@CurrentPrincipal() p: Principal, @IdParam('id', 'application') id: string) {
    return this.documents.list(p, id);
  }

  @ApiOperation({
    operationId: 'documents_download',
    summary: 'Download a document (下载材料)',
    description: "Downloads a document (only within the caller's scope).",
  })
  @Get(':documentId/content')
  @Authenticated()
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
  async download(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'application') id: string,
    @IdParam('documentId', 'document') documentId: string,
  ): Promise<StreamableFile> {
    const { doc, stream } = await this.documents.download(p, id, documentId);
    return new StreamableFile(stream, {
      type: doc.contentType,
      length: doc.sizeBytes,
      disposition: `attachment; filename="document"; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`,
    });
  }

  @ApiOperation({ operationId: 'documents_remove', summary: 'Remove a document (删除材料)' })
  @Delete(':documentId')
  @HttpCode(204)
  @Roles('enterprise')
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblemResponses([409, 'The application is no longer a draft or returned for amendment'])
  remove(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'application') id: string,
    @IdParam('documentId', 'document') documentId: string,
  ): Promise<void> {
    return this.documents.remove(p, id, documentId);
  }
}
