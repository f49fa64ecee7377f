import { APP_CONFIG, AppConfig } from '@huiqi/config';
import { AuditService } from '@huiqi/core/audit/audit.service';
import { ProgramCatalogService } from '@huiqi/core/catalog/program-catalog.service';
import { DomainError, DomainErrorCode } from '@huiqi/core/errors/domain-error';
import { toValidatedFact } from '@huiqi/core/facts/fact-input';
import { FactWriter } from '@huiqi/core/facts/fact-writer.service';
import { OutboxService } from '@huiqi/core/outbox/outbox.service';
import { EnterpriseEntity } from '@huiqi/database';
import { FACT_KEYS, factLabel, isFactKey, type FactKey, type ValidatedFact } from '@huiqi/policies';
import { QueueName } from '@huiqi/queues';
import { shanghaiDate } from '@huiqi/workflow';
import { Inject, Injectable, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { inScopeOr404 } from '../auth/scope';
import { contentMatches, DEFAULT_DOCUMENT_CONTENT_TYPES, sanitizeFileName } from '../documents/content-types';
import { DocumentStore, FileTooLargeError } from '../documents/document-store';
import type { IncomingFile } from '../documents/documents.service';
import { enterpriseStream } from '../enterprises/enterprises.service';
import { DeclareFactDto, RefuseDeclaredFactDto, VerifyDeclaredFactDto } from './declared-facts.dto';
import { DeclarableFactView, DeclaredFactView, EvidenceView } from './declared-facts.views';

/** The source a verified declaration is recorded with: not authoritative, so `auto` programs ignore it. */
const DECLARED_SOURCE = 'self_declared';

interface DeclaredRow {
  id: string;
  zone_id: string;
  enterprise_id: string;
  enterprise_name: string;
  enterprise_uscc: string;
  key: string;
  period: string | null;
  value: unknown;
  note: string | null;
  status: 'pending' | 'verified' | 'refused';
  declared_by: string;
  declared_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision_comment: string | null;
  fact_id: string | null;
}

interface EvidenceRow {
  id: string;
  declared_fact_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string;
  created_at: Date;
}

const SELECT_DECLARED = `SELECT d.*, e.name AS enterprise_name, e.uscc AS enterprise_uscc FROM declared_facts d JOIN enterprises e ON e.id = d.enterprise_id`;

/** A fact key an enterprise may declare itself: about the enterprise, and `self_declared` is one of its sources. */
function isDeclarable(key: FactKey): boolean {
  const def = FACT_KEYS[key];
  return !def.perPerson && (def.sources as readonly string[]).includes(DECLARED_SOURCE);
}

function labelOf(key: string) {
  return isFactKey(key) ? { ...factLabel(key) } : { zh: key, en: key };
}

function toEvidenceView(r: EvidenceRow): EvidenceView {
  return {
    id: r.id,
    fileName: r.file_name,
    contentType: r.content_type,
    sizeBytes: r.size_bytes,
    sha256: r.sha256,
    uploadedBy: r.uploaded_by,
    createdAt: r.created_at,
  };
}

function toView(r: DeclaredRow, evidence: EvidenceRow[]): DeclaredFactView {
  return {
    id: r.id,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    enterpriseUscc: r.enterprise_uscc,
    key: r.key,
    label: labelOf(r.key),
    valueType: isFactKey(r.key) ? FACT_KEYS[r.key].shape.type : null,
    period: r.period,
    value: r.value,
    note: r.note,
    status: r.status,
    declaredBy: r.declared_by,
    declaredAt: r.declared_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    refusalReason: r.status === 'refused' ? r.decision_comment : null,
    verificationComment: r.status === 'verified' ? r.decision_comment : null,
    factId: r.fact_id,
    evidence: evidence.map(toEvidenceView),
  };
}

function invalidFact(issues: { path: string; message: string }[]): DomainError {
  return new DomainError(
    DomainErrorCode.InvalidInput,
    `Invalid declaration: ${issues.map((i) => i.path).join(', ')}`,
    {},
    issues.map((i) => ({ field: i.path, messages: [i.message] })),
  );
}

/**
 * Facts an enterprise declares itself (一企一档) with evidence. A declaration counts for eligibility only
 * once an officer or director of the enterprise's zone verifies it: verification records it as a new
 * version of the enterprise's fact (source `self_declared`), audited; a refusal needs a reason. The
 * enterprise is told either way through the outbox.
 */
@Injectable()
export class DeclaredFactsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: ProgramCatalogService,
    private readonly writer: FactWriter,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly store: DocumentStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The fact keys the zone's programs in force read that the enterprise may declare, with those programs. */
  async declarable(p: Principal, enterpriseId: string): Promise<DeclarableFactView[]> {
    const enterprise = await this.visibleEnterprise(p, enterpriseId);
    const programs = await this.catalog.listCurrent(enterprise.zoneId, shanghaiDate(new Date()));
    const byKey = new Map<FactKey, DeclarableFactView>();
    for (const program of programs) {
      // `auto` programs trust authoritative sources only: a declaration never helps there.
      if (program.compiled.authoritativeOnly) continue;
      for (const read of program.compiled.factReads) {
        if (!isDeclarable(read.key)) continue;
        const def = FACT_KEYS[read.key];
        let entry = byKey.get(read.key);
        if (!entry) {
          entry = {
            key: read.key,
            valueType: def.shape.type,
            periodKind: def.periodKind,
            label: { ...def.label },
            programs: [],
          };
          byKey.set(read.key, entry);
        }
        if (!entry.programs.some((x) => x.code === program.compiled.code))
          entry.programs.push({ code: program.compiled.code, title: { ...program.compiled.title } });
      }
    }
    return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
  }

  async declare(p: Principal, enterpriseId: string, dto: DeclareFactDto): Promise<DeclaredFactView> {
    const enterprise = await this.visibleEnterprise(p, enterpriseId);
    const fact = this.validated({ key: dto.key, period: dto.period, value: dto.value });
    const id = await this.dataSource.transaction(async (m) => {
      const rows: { id: string }[] = await m.query(
        `INSERT INTO declared_facts (zone_id, enterprise_id, key, period, value, note, declared_by)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7) RETURNING id`,
        [
          enterprise.zoneId,
          enterpriseId,
          fact.key,
          fact.period,
          JSON.stringify(fact.value),
          dto.note?.trim() ? dto.note.trim() : null,
          p.userId,
        ],
      );
      await this.audit.append(m, {
        stream: enterpriseStream(enterpriseId),
        zoneId: enterprise.zoneId,
        enterpriseId,
        actorId: p.userId,
        actorRole: p.role,
        action: 'declared-fact.declared',
        data: { declaredFactId: rows[0].id, key: fact.key, period: fact.period, value: fact.value },
      });
      return rows[0].id;
    });
    return this.view(id);
  }

  async list(p: Principal, enterpriseId: string): Promise<DeclaredFactView[]> {
    await this.visibleEnterprise(p, enterpriseId);
    const rows: DeclaredRow[] = await this.dataSource.query(
      `${SELECT_DECLARED} WHERE d.enterprise_id = $1 ORDER BY d.declared_at DESC, d.id`,
      [enterpriseId],
    );
    return this.withEvidence(rows);
  }

  /** The zone's declarations by status (pending first-in first-out), for officers and directors. */
  async queue(p: Principal, status: 'pending' | 'verified' | 'refused'): Promise<DeclaredFactView[]> {
    const rows: DeclaredRow[] = await this.dataSource.query(
      `${SELECT_DECLARED} WHERE d.zone_id = $1 AND d.status = $2
       ORDER BY ${status === 'pending' ? 'd.declared_at ASC' : 'd.decided_at DESC'}, d.id LIMIT 500`,
      [p.zoneId ?? '00000000-0000-0000-0000-000000000000', status],
    );
    return this.withEvidence(rows);
  }

  async uploadEvidence(
    p: Principal,
    enterpriseId: string,
    declaredFactId: string,
    file: IncomingFile,
  ): Promise<EvidenceView> {
    const declared = await this.visibleDeclaration(p, enterpriseId, declaredFactId);
    if (declared.status !== 'pending') {
      file.stream.resume();
      throw new DomainError(
        DomainErrorCode.Conflict,
        `Evidence can only be added while pending, not ${declared.status}`,
        {
          status: declared.status,
        },
      );
    }
    if (!DEFAULT_DOCUMENT_CONTENT_TYPES.includes(file.contentType)) {
      file.stream.resume();
      throw new UnsupportedMediaTypeException(
        `content type ${file.contentType} is not accepted; use ${DEFAULT_DOCUMENT_CONTENT_TYPES.join(', ')}`,
      );
    }
    const maxBytes = this.config.storage.maxUploadBytes;
    const zone: { code: string }[] = await this.dataSource.query('SELECT code FROM zones WHERE id = $1', [
      declared.zone_id,
    ]);
    let stored;
    try {
      stored = await this.store.save(zone[0].code, file.stream, maxBytes);
    } catch (error) {
      if (
        error instanceof FileTooLargeError ||
        (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE'
      )
        throw new PayloadTooLargeException(`file must be at most ${maxBytes} bytes`);
      throw error;
    }
    if (stored.sizeBytes === 0 || !contentMatches(file.contentType, stored.head)) {
      await this.store.remove(stored.storageKey);
      throw new UnsupportedMediaTypeException(`the file is empty or its content is not ${file.contentType}`);
    }
    try {
      return await this.dataSource.transaction(async (m) => {
        const locked = await this.lockDeclaration(m, declaredFactId);
        if (locked.status !== 'pending') {
          throw new DomainError(
            DomainErrorCode.Conflict,
            `Evidence can only be added while pending, not ${locked.status}`,
          );
        }
        const rows: EvidenceRow[] = await m.query(
          `INSERT INTO declared_fact_evidence
             (declared_fact_id, zone_id, enterprise_id, file_name, content_type, size_bytes, sha256, storage_key, uploaded_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
          [
            declaredFactId,
            declared.zone_id,
            declared.enterprise_id,
            sanitizeFileName(file.fileName),
            file.contentType,
            stored.sizeBytes,
            stored.sha256,
            stored.storageKey,
            p.userId,
          ],
        );
        await this.audit.append(m, {
          stream: enterpriseStream(declared.enterprise_id),
          zoneId: declared.zone_id,
          enterpriseId: declared.enterprise_id,
          actorId: p.userId,
          actorRole: p.role,
          action: 'declared-fact.evidence-uploaded',
          data: {
            declaredFactId,
            evidenceId: rows[0].id,
            fileName: rows[0].file_name,
            sha256: rows[0].sha256,
            sizeBytes: rows[0].size_bytes,
          },
        });
        return toEvidenceView(rows[0]);
      });
    } catch (error) {
      await this.store.remove(stored.storageKey);
      throw error;
    }
  }

  async evidenceContent(p: Principal, enterpriseId: string, declaredFactId: string, evidenceId: string) {
    await this.visibleDeclaration(p, enterpriseId, declaredFactId);
    const rows: EvidenceRow[] = await this.dataSource.query(
      `SELECT * FROM declared_fact_evidence WHERE id = $1 AND declared_fact_id = $2`,
      [evidenceId, declaredFactId],
    );
    if (rows.length === 0) throw DomainError.notFound('evidence');
    const { stream } = await this.store.open(rows[0].storage_key);
    return { evidence: toEvidenceView(rows[0]), stream };
  }

  /** Verifies a pending declaration: it becomes a version of the enterprise's fact and counts from now on. */
  async verify(p: Principal, declaredFactId: string, dto: VerifyDeclaredFactDto): Promise<DeclaredFactView> {
    await this.inZone(p, declaredFactId);
    await this.dataSource.transaction(async (m) => {
      const declared = await this.decidable(m, declaredFactId);
      const evidence: { n: number }[] = await m.query(
        `SELECT count(*)::int AS n FROM declared_fact_evidence WHERE declared_fact_id = $1`,
        [declaredFactId],
      );
      if (evidence[0].n === 0) {
        throw new DomainError(
          DomainErrorCode.Unprocessable,
          'A declaration without evidence cannot be verified; refuse it or wait for the evidence.',
          {},
          [{ field: 'evidence', messages: ['at least one evidence document is required'] }],
        );
      }
      const fact = this.validated({
        key: declared.key,
        period: declared.period ?? undefined,
        value: declared.value,
      });
      const [outcome] = await this.writer.write(
        m,
        [{ enterpriseId: declared.enterprise_id, zoneId: declared.zone_id, fact }],
        { recordedBy: p.userId, feedId: null },
      );
      const factId = outcome.status === 'written' ? outcome.stored.id : outcome.currentId;
      const comment = dto.comment?.trim() ? dto.comment.trim() : null;
      await m.query(
        `UPDATE declared_facts SET status = 'verified', decided_by = $2, decided_at = now(), decision_comment = $3, fact_id = $4
         WHERE id = $1`,
        [declaredFactId, p.userId, comment, factId],
      );
      await this.audit.append(m, {
        stream: enterpriseStream(declared.enterprise_id),
        zoneId: declared.zone_id,
        enterpriseId: declared.enterprise_id,
        actorId: p.userId,
        actorRole: p.role,
        action: 'declared-fact.verified',
        comment,
        data: {
          declaredFactId,
          factId,
          key: fact.key,
          period: fact.period,
          value: fact.value,
          source: fact.source,
        },
      });
      await this.notifyEnterprise(m, declaredFactId, 'verified');
    });
    return this.view(declaredFactId);
  }

  async refuse(p: Principal, declaredFactId: string, dto: RefuseDeclaredFactDto): Promise<DeclaredFactView> {
    const reason = dto.reason.trim();
    if (!reason) throw DomainError.invalid('reason', 'reason is required');
    await this.inZone(p, declaredFactId);
    await this.dataSource.transaction(async (m) => {
      const declared = await this.decidable(m, declaredFactId);
      await m.query(
        `UPDATE declared_facts SET status = 'refused', decided_by = $2, decided_at = now(), decision_comment = $3
         WHERE id = $1`,
        [declaredFactId, p.userId, reason],
      );
      await this.audit.append(m, {
        stream: enterpriseStream(declared.enterprise_id),
        zoneId: declared.zone_id,
        enterpriseId: declared.enterprise_id,
        actorId: p.userId,
        actorRole: p.role,
        action: 'declared-fact.refused',
        comment: reason,
        data: { declaredFactId, key: declared.key, period: declared.period },
      });
      await this.notifyEnterprise(m, declaredFactId, 'refused');
    });
    return this.view(declaredFactId);
  }

  private notifyEnterprise(m: EntityManager, declaredFactId: string, outcome: 'verified' | 'refused') {
    return this.outbox.enqueue(m, [
      {
        queue: QueueName.Notifications,
        jobName: `declared-fact-${outcome}`,
        payload: { declaredFactId, outcome },
        dedupKey: `declared-fact:${declaredFactId}:${outcome}`,
      },
    ]);
  }

  /** Checks a declaration with the facts' own validation, as the enterprise's self-declared source. */
  private validated(input: { key: unknown; period: unknown; value: unknown }): ValidatedFact {
    if (!isFactKey(input.key)) {
      throw DomainError.invalid(
        'key',
        `key must be one of: ${Object.keys(FACT_KEYS)
          .filter((k) => isDeclarable(k as FactKey))
          .join(', ')}`,
      );
    }
    if (!isDeclarable(input.key)) {
      throw DomainError.invalid(
        'key',
        `${input.key} cannot be declared by an enterprise; it comes from an authority`,
      );
    }
    const checked = toValidatedFact(
      {
        key: input.key,
        ...(input.period !== undefined && input.period !== null ? { period: input.period } : {}),
        value: input.value,
        source: DECLARED_SOURCE,
      },
      this.config.idHashSecret,
    );
    if (!checked.ok) throw invalidFact(checked.issues);
    return checked.fact;
  }

  private async lockDeclaration(m: EntityManager, id: string): Promise<DeclaredRow> {
    const rows: DeclaredRow[] = await m.query(`SELECT * FROM declared_facts WHERE id = $1 FOR UPDATE`, [id]);
    if (rows.length === 0) throw DomainError.notFound('declared fact');
    return rows[0];
  }

  /** Locks a declaration for a decision; only a pending one can be decided (a second decision is a 409). */
  private async decidable(m: EntityManager, id: string): Promise<DeclaredRow> {
    const row = await this.lockDeclaration(m, id);
    if (row.status !== 'pending') {
      throw new DomainError(DomainErrorCode.Conflict, `The declaration is already ${row.status}`, {
        status: row.status,
      });
    }
    return row;
  }

  private async view(id: string): Promise<DeclaredFactView> {
    const rows: DeclaredRow[] = await this.dataSource.query(`${SELECT_DECLARED} WHERE d.id = $1`, [id]);
    return (await this.withEvidence(rows))[0];
  }

  private async withEvidence(rows: DeclaredRow[]): Promise<DeclaredFactView[]> {
    if (rows.length === 0) return [];
    const evidence: EvidenceRow[] = await this.dataSource.query(
      `SELECT * FROM declared_fact_evidence WHERE declared_fact_id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [rows.map((r) => r.id)],
    );
    return rows.map((r) =>
      toView(
        r,
        evidence.filter((e) => e.declared_fact_id === r.id),
      ),
    );
  }

  private async visibleEnterprise(p: Principal, id: string): Promise<EnterpriseEntity> {
    const row = await this.dataSource.getRepository(EnterpriseEntity).findOne({ where: { id } });
    return inScopeOr404(p, row && { ...row, zoneId: row.zoneId, enterpriseId: row.id }, 'enterprise');
  }

  private async visibleDeclaration(p: Principal, enterpriseId: string, id: string): Promise<DeclaredRow> {
    await this.visibleEnterprise(p, enterpriseId);
    const rows: DeclaredRow[] = await this.dataSource.query(
      `${SELECT_DECLARED} WHERE d.id = $1 AND d.enterprise_id = $2`,
      [id, enterpriseId],
    );
    if (rows.length === 0) throw DomainError.notFound('declared fact');
    return rows[0];
  }

  /** Staff act only on declarations of their zone; anything else is a 404. */
  private async inZone(p: Principal, id: string): Promise<DeclaredRow> {
    const rows: DeclaredRow[] = await this.dataSource.query(`${SELECT_DECLARED} WHERE d.id = $1`, [id]);
    return inScopeOr404(
      p,
      rows[0] && { ...rows[0], zoneId: rows[0].zone_id, enterpriseId: rows[0].enterprise_id },
      'declared fact',
    );
  }
}
