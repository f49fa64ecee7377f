import { AuditEventEntity } from '@huiqi/database';
import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { EntityManager } from 'typeorm';
import { currentCorrelationId, HuiqiClsStore } from '../context/request-context';
import { AuditEventFields, ChainVerdict, hashAuditEvent, verifyChain } from './audit-hash';

export interface AuditAppend {
  stream: string;
  zoneId: string | null;
  enterpriseId: string | null;
  actorId: string | null;
  actorRole: string;
  action: string;
  fromState?: string | null;
  toState?: string | null;
  comment?: string | null;
  amountFen?: number | null;
  data?: Record<string, unknown>;
}

/** Appends to and verifies the hash-chained, append-only audit streams. */
@Injectable()
export class AuditService {
  constructor(private readonly cls: ClsService<HuiqiClsStore>) {}

  /**
   * Appends one event inside the caller's transaction. A transaction-scoped advisory lock on the
   * stream serialises appenders, so the chain never forks; the unique (stream, seq) backs it up.
   */
  async append(manager: EntityManager, input: AuditAppend): Promise<AuditEventEntity> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [input.stream]);
    const last: { seq: number; hash: string }[] = await manager.query(
      'SELECT seq, hash FROM audit_events WHERE stream = $1 ORDER BY seq DESC LIMIT 1',
      [input.stream],
    );
    const fields = this.fieldsOf(input, (last[0]?.seq ?? 0) + 1, last[0]?.hash ?? null);
    const entity = manager.create(AuditEventEntity, { ...fields, hash: hashAuditEvent(fields) });
    return manager.save(AuditEventEntity, entity);
  }

  /**
   * The first event of each of many streams that did not exist before (e.g. auto-grant offers created
   * in bulk), in one insert. Nothing can have appended to a stream whose subject was created in this
   * same transaction; the unique (stream, seq) refuses the insert if that assumption were ever wrong.
   */
  async appendFirst(manager: EntityManager, inputs: AuditAppend[]): Promise<AuditEventEntity[]> {
    if (inputs.length === 0) return [];
    const entities = inputs.map((input) => {
      const fields = this.fieldsOf(input, 1, null);
      return manager.create(AuditEventEntity, { ...fields, hash: hashAuditEvent(fields) });
    });
    return manager.save(AuditEventEntity, entities, { chunk: 500 });
  }

  private fieldsOf(input: AuditAppend, seq: number, prevHash: string | null): AuditEventFields {
    return {
      stream: input.stream,
      seq,
      zoneId: input.zoneId,
      enterpriseId: input.enterpriseId,
      actorId: input.actorId,
      actorRole: input.actorRole,
      action: input.action,
      fromState: input.fromState ?? null,
      toState: input.toState ?? null,
      comment: input.comment ?? null,
      amountFen: input.amountFen ?? null,
      data: input.data ?? {},
      correlationId: currentCorrelationId(this.cls),
      createdAt: new Date(),
      prevHash,
    };
  }

  async list(manager: EntityManager, stream: string): Promise<AuditEventEntity[]> {
    return manager.find(AuditEventEntity, { where: { stream }, order: { seq: 'ASC' } });
  }

  async verify(manager: EntityManager, stream: string): Promise<ChainVerdict> {
    return verifyChain(await this.list(manager, stream));
  }
}
