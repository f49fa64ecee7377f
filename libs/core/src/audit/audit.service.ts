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

  /**
   * Appends many events, to any streams, in one insert: what `append` does for each, in input order.
   * The streams' advisory locks are taken in one statement (in sorted order, so two bulk appenders
   * cannot deadlock each other), each stream's last seq and hash is read in one query, and each new
   * event's hash is computed here from its stream's previous one. Returns the events' fields, in input
   * order.
   */
  async appendMany(
    manager: EntityManager,
    inputs: AuditAppend[],
  ): Promise<(AuditEventFields & { hash: string })[]> {
    if (inputs.length === 0) return [];
    const streams = [...new Set(inputs.map((i) => i.stream))].sort();
    await manager.query(
      `SELECT count(pg_advisory_xact_lock(hashtextextended(s, 0)))
       FROM (SELECT s FROM unnest($1::text[]) AS s ORDER BY s) AS ordered`,
      [streams],
    );
    const last: { stream: string; seq: number; hash: string }[] = await manager.query(
      `SELECT s AS stream, e.seq, e.hash FROM unnest($1::text[]) AS s
       CROSS JOIN LATERAL (SELECT seq, hash FROM audit_events WHERE stream = s ORDER BY seq DESC LIMIT 1) e`,
      [streams],
    );
    const heads = new Map(last.map((l) => [l.stream, { seq: l.seq, hash: l.hash as string | null }]));
    const createdAt = new Date();
    const events = inputs.map((input) => {
      const head = heads.get(input.stream) ?? { seq: 0, hash: null };
      const fields = { ...this.fieldsOf(input, head.seq + 1, head.hash), createdAt };
      const event = { ...fields, hash: hashAuditEvent(fields) };
      heads.set(input.stream, { seq: event.seq, hash: event.hash });
      return event;
    });
    await manager.query(
      `INSERT INTO audit_events (stream, seq, zone_id, enterprise_id, actor_id, actor_role, action, from_state,
         to_state, comment, amount_fen, data, correlation_id, created_at, prev_hash, hash)
       SELECT * FROM unnest($1::text[], $2::int[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[],
         $8::text[], $9::text[], $10::text[], $11::bigint[], $12::jsonb[], $13::text[], $14::timestamptz[],
         $15::text[], $16::text[])`,
      [
        events.map((e) => e.stream),
        events.map((e) => e.seq),
        events.map((e) => e.zoneId),
        events.map((e) => e.enterpriseId),
        events.map((e) => e.actorId),
        events.map((e) => e.actorRole),
        events.map((e) => e.action),
        events.map((e) => e.fromState),
        events.map((e) => e.toState),
        events.map((e) => e.comment),
        events.map((e) => (e.amountFen === null ? null : String(e.amountFen))),
        events.map((e) => JSON.stringify(e.data)),
        events.map((e) => e.correlationId),
        events.map((e) => e.createdAt.toISOString()),
        events.map((e) => e.prevHash),
        events.map((e) => e.hash),
      ],
    );
    return events;
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
