import { text } from '@huiqi/common';
import { AuditService } from '@huiqi/core/audit/audit.service';
import { ProgramCatalogService } from '@huiqi/core/catalog/program-catalog.service';
import { DomainError, DomainErrorCode } from '@huiqi/core/errors/domain-error';
import { ProgramVersionEntity } from '@huiqi/database';
import type { ProgramDefinition } from '@huiqi/policies';
import { shanghaiDate } from '@huiqi/workflow';
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
      throw DomainError.invalid(
        'code',
        text('error.program-code-required', { example: `${zoneCode}.new-program` }),
      );
    const definition = acceptDefinition(body, { code, zone: zoneCode, version: 1 });
    return this.dataSource.transaction(async (m) => {
      await this.lockProgram(m, code);
      const exists = await m.exists(ProgramVersionEntity, { where: { code } });
      if (exists) {
        throw new DomainError(DomainErrorCode.AlreadyExists, text('error.program-exists', { code }), {}, [
          {
            field: 'code',
            messages: [text('error.program-code-exists')],
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
      if (rows.length === 0) throw DomainError.notFound('program', code);
      const zoneCode = await this.requireOwnZone(p, code, rows[0].zoneId);
      const draft = rows.find((r) => r.status === 'draft');
      if (draft) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          text('error.program-has-draft', { version: draft.version, code }),
          { draftVersion: draft.version },
        );
      }
      const definition = acceptDefinition(body, { code, zone: zoneCode, version: rows[0].version + 1 });
      return this.insertDraft(m, p, definition, 'program.draft-created');
    });
  }

  /**
   * Replaces a draft's definition. With `expectedRevision` (If-Match) the save happens only if nobody
   * saved the draft since that revision; otherwise 409, and nothing is written.
   */
  async updateDraft(
    p: Principal,
    code: string,
    version: number,
    body: unknown,
    expectedRevision?: number,
  ): Promise<ProgramVersionView> {
    return this.dataSource.transaction(async (m) => {
      const row = await this.lockDraft(m, p, code, version);
      const zoneCode = await this.requireOwnZone(p, code, row.zoneId);
      if (expectedRevision !== undefined && expectedRevision !== row.revision) {
        throw new DomainError(
          DomainErrorCode.StaleVersion,
          text('error.stale-program-draft', { code, version, revision: row.revision }),
          { revision: row.revision },
        );
      }
      const definition = acceptDefinition(body, { code, zone: zoneCode, version });
      Object.assign(row, columnsOf(definition), { revision: row.revision + 1 });
      const saved = await m.save(row);
      await this.audit.append(m, this.event(p, saved, 'program.draft-updated'));
      return toProgramVersionView(this.catalog.load(saved), zoneCode);
    });
  }

  /** Publishes a draft: from now on it is immutable, and in force from its effectiveFrom. */
  async publish(p: Principal, code: string, version: number): Promise<ProgramVersionView> {
    const published = await this.dataSource.transaction(async (m) => {
      const row = await this.lockDraft(m, p, code, version);
      const zoneCode = await this.requireOwnZone(p, code, row.zoneId);
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

  /**
   * Retires a program of the caller's zone: `lastDay` (Beijing date, inclusive) is its last day in
   * force. No application or auto grant starts after it; cases already started stay on their pinned
   * version and continue. Audited in the program's stream. Once per program (409 after).
   */
  async retire(p: Principal, code: string, lastDay: string, reason: string): Promise<void> {
    const today = shanghaiDate(new Date());
    if (lastDay < today) {
      throw DomainError.invalid('lastDay', text('error.retire-in-past', { today }));
    }
    await this.dataSource.transaction(async (m) => {
      await this.lockProgram(m, code);
      const rows = await m.find(ProgramVersionEntity, { where: { code }, order: { version: 'DESC' } });
      // Another zone's program is out of scope: 404, exactly like a missing one.
      if (rows.length === 0 || rows[0].zoneId !== p.zoneId) throw DomainError.notFound('program', code);
      if (!rows.some((r) => r.status === 'published')) {
        throw new DomainError(DomainErrorCode.Conflict, text('error.program-not-published', { code }));
      }
      const existing: { last_day: string }[] = await m.query(
        `SELECT to_char(last_day, 'YYYY-MM-DD') AS last_day FROM program_retirements WHERE code = $1`,
        [code],
      );
      if (existing.length > 0) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          text('error.program-retired', { code, lastDay: existing[0].last_day }),
          { lastDay: existing[0].last_day },
        );
      }
      await m.query(
        `INSERT INTO program_retirements (code, zone_id, last_day, reason, retired_by) VALUES ($1, $2, $3, $4, $5)`,
        [code, rows[0].zoneId, lastDay, reason, p.userId],
      );
      await this.audit.append(m, {
        stream: programStream(code),
        zoneId: rows[0].zoneId,
        enterpriseId: null,
        actorId: p.userId,
        actorRole: p.role,
        action: 'program.retired',
        data: { code, lastDay, reason },
      });
    });
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
    // Another zone's program is out of scope: 404, like a missing one, whatever its state.
    if (!row || row.zoneId !== p.zoneId) {
      throw DomainError.notFound('programVersion', `${code} v${version}`);
    }
    if (row.status === 'published') {
      throw new DomainError(DomainErrorCode.Conflict, text('error.version-published', { version, code }), {
        status: 'published',
      });
    }
    return row;
  }

  private async zoneCodeOf(p: Principal): Promise<string> {
    const code = await this.zones.codeOf(p.zoneId);
    if (!code) throw new DomainError(DomainErrorCode.Forbidden, text('error.policy-admin-only'));
    return code;
  }

  /** Another zone's program is out of scope: 404, exactly like a missing one (never 403 or 409). */
  private async requireOwnZone(p: Principal, code: string, zoneId: string): Promise<string> {
    if (p.zoneId !== zoneId) throw DomainError.notFound('program', code);
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
