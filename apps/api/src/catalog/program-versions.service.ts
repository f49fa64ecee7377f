import { AuditService } from '@huiqi/core/audit/audit.service';
import { ProgramCatalogService } from '@huiqi/core/catalog/program-catalog.service';
import { DomainError, DomainErrorCode } from '@huiqi/core/errors/domain-error';
import { ProgramVersionEntity } from '@huiqi/database';
import type { ProgramDefinition } from '@huiqi/policies';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { ZonesService } from '../zones/zones.service';
import { ProgramVersionView, toProgramVersionView } from './catalog.views';
import { acceptDefinition } from './program-definition-input';

export const programStream = (code: string) => `program:${code}`;

function columnsOf(d: ProgramDefinition) {
  return {
    mode: d.mode,
    category: d.category,
    policyDocumentCode: d.policyDocument.code,
    definition: d,
    effectiveFrom: d.effectiveFrom,
    effectiveTo: d.effectiveTo ?? null,
  };
}

/**
 * Policy admins version their zone's programs: a new program or a new version starts as a draft
 * (one open draft per program), is edited in place, and is published once; a published version never
 * changes (the database refuses it), so applications pinned to it are never disturbed.
 */
@Injectable()
export class ProgramVersionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: ProgramCatalogService,
    private readonly zones: ZonesService,
    private readonly audit: AuditService,
  ) {}

  /** A brand-new program of the caller's zone, as draft version 1. */
  async createProgram(p: Principal, body: unknown): Promise<ProgramVersionView> {
    const zoneCode = await this.zoneCodeOf(p);
    const code = typeof body === 'object' && body !== null ? (body as { code?: unknown }).code : undefined;
    if (typeof code !== 'string')
      throw DomainError.invalid('code', `code is required, e.g. "${zoneCode}.new-program"`);
    const definition = acceptDefinition(body, { code, zone: zoneCode, version: 1 });
    return this.dataSource.transaction(async (m) => {
      await this.lockProgram(m, code);
      const exists = await m.exists(ProgramVersionEntity, { where: { code } });
      if (exists) {
        throw new DomainError(DomainErrorCode.AlreadyExists, `Program ${code} already exists`, {}, [
          {
            field: 'code',
            messages: ['a program with this code already exists; add a version to it instead'],
          },
        ]);
      }
      return this.insertDraft(m, p, definition, 'program.created');
    });
  }

  /** The next version of a program of the caller's zone, as a draft. */
  async createDraft(p: Principal, code: string, body: unknown): Promise<ProgramVersionView> {
    return this.dataSource.transaction(async (m) => {
      await this.lockProgram(m, code);
      const rows = await m.find(ProgramVersionEntity, { where: { code }, order: { version: 'DESC' } });
      if (rows.length === 0) throw DomainError.notFound(`program ${code}`);
      const zoneCode = await this.requireOwnZone(p, rows[0].zoneId);
      const draft = rows.find((r) => r.status === 'draft');
      if (draft) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          `Version ${draft.version} of ${code} is a draft already: edit it (PUT) or publish it first`,
          { draftVersion: draft.version },
        );
      }
      const definition = acceptDefinition(body, { code, zone: zoneCode, version: rows[0].version + 1 });
      return this.insertDraft(m, p, definition, 'program.draft-created');
    });
  }

  /** Replaces a draft's definition. */
  async updateDraft(p: Principal, code: string, version: number, body: unknown): Promise<ProgramVersionView> {
    return this.dataSource.transaction(async (m) => {
      const row = await this.lockDraft(m, p, code, version);
      const zoneCode = await this.requireOwnZone(p, row.zoneId);
      const definition = acceptDefinition(body, { code, zone: zoneCode, version });
      Object.assign(row, columnsOf(definition));
      const saved = await m.save(row);
      await this.audit.append(m, this.event(p, saved, 'program.draft-updated'));
      return toProgramVersionView(this.catalog.load(saved), zoneCode);
    });
  }

  /** Publishes a draft: from now on it is immutable, and in force from its effectiveFrom. */
  async publish(p: Principal, code: string, version: number): Promise<ProgramVersionView> {
    const published = await this.dataSource.transaction(async (m) => {
      const row = await this.lockDraft(m, p, code, version);
      const zoneCode = await this.requireOwnZone(p, row.zoneId);
      // Parsed again: a draft saved under an older library must still be valid to be published.
      acceptDefinition(row.definition, { code, zone: zoneCode, version });
      row.status = 'published';
      row.publishedAt = new Date();
      row.publishedBy = p.userId;
      const saved = await m.save(row);
      await this.audit.append(m, this.event(p, saved, 'program.version-published'));
      return { saved, zoneCode };
    });
    return toProgramVersionView(await this.catalog.getVersion(code, version), published.zoneCode);
  }

  private async insertDraft(
    m: EntityManager,
    p: Principal,
    definition: ProgramDefinition,
    action: string,
  ): Promise<ProgramVersionView> {
    const saved = await m.save(
      m.create(ProgramVersionEntity, {
        code: definition.code,
        version: definition.version,
        zoneId: p.zoneId!,
        status: 'draft',
        ...columnsOf(definition),
        createdBy: p.userId,
        publishedBy: null,
        publishedAt: null,
      }),
    );
    const reloaded = await m.findOneByOrFail(ProgramVersionEntity, { id: saved.id });
    await this.audit.append(m, this.event(p, reloaded, action));
    return toProgramVersionView(this.catalog.load(reloaded), definition.zone);
  }

  /** Serialises version changes of one program (next version number, the one-draft rule). */
  private async lockProgram(m: EntityManager, code: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('program:' || $1, 0))`, [code]);
  }

  private async lockDraft(
    m: EntityManager,
    p: Principal,
    code: string,
    version: number,
  ): Promise<ProgramVersionEntity> {
    await this.lockProgram(m, code);
    const row = await m.findOne(ProgramVersionEntity, {
      where: { code, version },
      lock: { mode: 'pessimistic_write' },
    });
    if (!row || (row.status === 'draft' && row.zoneId !== p.zoneId)) {
      throw DomainError.notFound(`program ${code} version ${version}`);
    }
    if (row.status === 'published') {
      throw new DomainError(
        DomainErrorCode.Conflict,
        `Version ${version} of ${code} is published and cannot change; create a new version instead`,
        { status: 'published' },
      );
    }
    return row;
  }

  private async zoneCodeOf(p: Principal): Promise<string> {
    const code = await this.zones.codeOf(p.zoneId);
    if (!code)
      throw new DomainError(DomainErrorCode.Forbidden, 'Only policy admins of a zone manage programs');
    return code;
  }

  private async requireOwnZone(p: Principal, zoneId: string): Promise<string> {
    if (p.zoneId !== zoneId) {
      throw new DomainError(DomainErrorCode.Forbidden, "Policy admins manage only their own zone's programs");
    }
    return this.zoneCodeOf(p);
  }

  private event(p: Principal, row: ProgramVersionEntity, action: string) {
    return {
      stream: programStream(row.code),
      zoneId: row.zoneId,
      enterpriseId: null,
      actorId: p.userId,
      actorRole: p.role,
      action,
      data: {
        code: row.code,
        version: row.version,
        status: row.status,
        effectiveFrom: row.effectiveFrom,
        effectiveTo: row.effectiveTo,
        mode: row.mode,
      },
    };
  }
}
