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
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { DocumentView } from '../applications/application.views';
import { Authenticated, CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IdParam } from '../http/id-param';
import { DomainError } from '@huiqi/core/errors/domain-error';
import { DocumentsService } from './documents.service';

const DOCUMENT_TYPE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

@ApiTags('documents')
@Controller('applications/:id/documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  /** Uploads one file for one of the program's document types (multipart field `file`). */
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
  async upload(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'application') id: string,
    @Param('documentType') documentType: string,
    @Req() req: FastifyRequest,
  ): Promise<DocumentView> {
    if (!DOCUMENT_TYPE.test(documentType))
      throw DomainError.invalid('documentType', 'documentType must be a document type code');
    if (!req.isMultipart())
      throw new UnsupportedMediaTypeException('send the file as multipart/form-data in the field "file"');
    const part = await req.file();
    if (!part || part.fieldname !== 'file')
      throw DomainError.invalid('file', 'a file in the multipart field "file" is required');
    return this.documents.upload(p, id, documentType, {
      fileName: part.filename,
      contentType: part.mimetype,
      stream: part.file,
    });
  }

  @Get()
  @Authenticated()
  @ApiOkResponse({ type: [DocumentView] })
  list(@CurrentPrincipal() p: Principal, @IdParam('id', 'application') id: string) {
    return this.documents.list(p, id);
  }

  /** Downloads a document (only within the caller's scope). */
  @Get(':documentId/content')
  @Authenticated()
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

  @Delete(':documentId')
  @HttpCode(204)
  @Roles('enterprise')
  remove(
    @CurrentPrincipal() p: Principal,
    @IdParam('id', 'application') id: string,
    @IdParam('documentId', 'document') documentId: string,
  ): Promise<void> {
    return this.documents.remove(p, id, documentId);
  }
}
