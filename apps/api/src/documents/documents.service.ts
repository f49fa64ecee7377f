import { text } from '@huiqi/common';
import { APP_CONFIG, AppConfig } from '@huiqi/config';
import { applicationStream } from '@huiqi/core/applications/application-transition.service';
import { AuditService } from '@huiqi/core/audit/audit.service';
import { ProgramCatalogService } from '@huiqi/core/catalog/program-catalog.service';
import { DomainError, DomainErrorCode } from '@huiqi/core/errors/domain-error';
import { ApplicationDocumentEntity, ApplicationEntity } from '@huiqi/database';
import { Inject, Injectable, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { Readable } from 'node:stream';
import { DataSource, IsNull } from 'typeorm';
import type { Principal } from '../auth/principal';
import { inScopeOr404 } from '../auth/scope';
import { DocumentView } from '../applications/application.views';
import { contentMatches, DEFAULT_DOCUMENT_CONTENT_TYPES, sanitizeFileName } from './content-types';
import { DocumentStore, FileTooLargeError } from './document-store';

/** States in which the enterprise may add or remove documents. */
const EDITABLE_STATES = ['draft', 'amending'];

export interface IncomingFile {
  fileName: string;
  contentType: string;
  stream: Readable;
}

export function toDocumentView(d: ApplicationDocumentEntity): DocumentView {
  return {
    id: d.id,
    documentType: d.documentType,
    fileName: d.fileName,
    contentType: d.contentType,
    sizeBytes: d.sizeBytes,
    sha256: d.sha256,
    uploadedBy: d.uploadedBy,
    createdAt: d.createdAt,
  };
}

/** Documents attached to applications, per the program's required document types. */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: DocumentStore,
    private readonly catalog: ProgramCatalogService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async upload(
    p: Principal,
    applicationId: string,
    documentType: string,
    file: IncomingFile,
  ): Promise<DocumentView> {
    const app = await this.visible(p, applicationId);
    this.requireEditable(p, app);
    const program = await this.catalog.getVersion(app.programCode, app.programVersion);
    const spec = program.definition.documents.find((d) => d.type === documentType);
    if (!spec) {
      throw DomainError.invalid(
        'documentType',
        text('error.document-type-unknown', {
          types: program.definition.documents.map((d) => d.type).join(', ') || '-',
        }),
      );
    }
    const allowed = spec.contentTypes?.length ? spec.contentTypes : DEFAULT_DOCUMENT_CONTENT_TYPES;
    if (!allowed.includes(file.contentType)) {
      file.stream.resume();
      throw new UnsupportedMediaTypeException(
        `content type ${file.contentType} is not accepted; use ${allowed.join(', ')}`,
      );
    }
    const maxBytes = Math.min(
      spec.maxSizeBytes ?? this.config.storage.maxUploadBytes,
      this.config.storage.maxUploadBytes,
    );
    const zone: { code: string }[] = await this.dataSource.query('SELECT code FROM zones WHERE id = $1', [
      app.zoneId,
    ]);
    let stored;
    try {
      stored = await this.store.save(zone[0].code, file.stream, maxBytes);
    } catch (error) {
      if (error instanceof FileTooLargeError)
        throw new PayloadTooLargeException(`file must be at most ${maxBytes} bytes`);
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
        throw new PayloadTooLargeException(
          `file must be at most ${this.config.storage.maxUploadBytes} bytes`,
        );
      }
      throw error;
    }
    if (stored.sizeBytes === 0 || !contentMatches(file.contentType, stored.head)) {
      await this.store.remove(stored.storageKey);
      throw new UnsupportedMediaTypeException(`the file is empty or its content is not ${file.contentType}`);
    }
    try {
      return await this.dataSource.transaction(async (m) => {
        const locked = await m.findOne(ApplicationEntity, {
          where: { id: app.id },
          lock: { mode: 'pessimistic_read' },
        });
        if (!locked || !EDITABLE_STATES.includes(locked.state)) {
          throw new DomainError(DomainErrorCode.Conflict, text('error.documents-locked'));
        }
        const doc = await m.save(
          m.create(ApplicationDocumentEntity, {
            applicationId: app.id,
            zoneId: app.zoneId,
            enterpriseId: app.enterpriseId,
            documentType,
            fileName: sanitizeFileName(file.fileName),
            contentType: file.contentType,
            sizeBytes: stored.sizeBytes,
            sha256: stored.sha256,
            storageKey: stored.storageKey,
            uploadedBy: p.userId,
          }),
        );
        await this.audit.append(m, {
          stream: applicationStream(app.id),
          zoneId: app.zoneId,
          enterpriseId: app.enterpriseId,
          actorId: p.userId,
          actorRole: p.role,
          action: 'document.uploaded',
          data: {
            documentId: doc.id,
            documentType,
            fileName: doc.fileName,
            sha256: doc.sha256,
            sizeBytes: doc.sizeBytes,
          },
        });
        return toDocumentView(await m.findOneByOrFail(ApplicationDocumentEntity, { id: doc.id }));
      });
    } catch (error) {
      await this.store.remove(stored.storageKey);
      throw error;
    }
  }

  async list(p: Principal, applicationId: string): Promise<DocumentView[]> {
    await this.visible(p, applicationId);
    return (await this.activeDocuments(applicationId)).map(toDocumentView);
  }

  activeDocuments(applicationId: string): Promise<ApplicationDocumentEntity[]> {
    return this.dataSource.getRepository(ApplicationDocumentEntity).find({
      where: { applicationId, removedAt: IsNull() },
      order: { createdAt: 'ASC' },
    });
  }

  async download(p: Principal, applicationId: string, documentId: string) {
    await this.visible(p, applicationId);
    const doc = await this.dataSource
      .getRepository(ApplicationDocumentEntity)
      .findOne({ where: { id: documentId, applicationId } });
    if (!doc || doc.removedAt) throw DomainError.notFound('document');
    const { stream } = await this.store.open(doc.storageKey);
    return { doc, stream };
  }

  async remove(p: Principal, applicationId: string, documentId: string): Promise<void> {
    const app = await this.visible(p, applicationId);
    this.requireEditable(p, app);
    await this.dataSource.transaction(async (m) => {
      const locked = await m.findOne(ApplicationEntity, {
        where: { id: app.id },
        lock: { mode: 'pessimistic_read' },
      });
      if (!locked || !EDITABLE_STATES.includes(locked.state)) {
        throw new DomainError(DomainErrorCode.Conflict, text('error.documents-locked'));
      }
      const doc = await m.findOne(ApplicationDocumentEntity, { where: { id: documentId, applicationId } });
      if (!doc || doc.removedAt) throw DomainError.notFound('document');
      await m.update(
        ApplicationDocumentEntity,
        { id: doc.id },
        { removedAt: new Date(), removedBy: p.userId },
      );
      await this.audit.append(m, {
        stream: applicationStream(app.id),
        zoneId: app.zoneId,
        enterpriseId: app.enterpriseId,
        actorId: p.userId,
        actorRole: p.role,
        action: 'document.removed',
        data: { documentId: doc.id, documentType: doc.documentType, fileName: doc.fileName },
      });
    });
  }

  private async visible(p: Principal, applicationId: string): Promise<ApplicationEntity> {
    const app = await this.dataSource
      .getRepository(ApplicationEntity)
      .findOne({ where: { id: applicationId } });
    const row = inScopeOr404(p, app, 'application');
    if (row.state === 'draft' && p.role !== 'enterprise' && p.role !== 'admin')
      throw DomainError.notFound('application');
    return row;
  }

  private requireEditable(p: Principal, app: ApplicationEntity): void {
    if (p.role !== 'enterprise') {
      throw new DomainError(DomainErrorCode.Forbidden, text('error.documents-applicant-only'));
    }
    if (!EDITABLE_STATES.includes(app.state)) {
      throw new DomainError(DomainErrorCode.Conflict, text('error.documents-locked'));
    }
  }
}
