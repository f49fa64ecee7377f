import { createHash } from 'node:crypto';

/** The fields of an audit event that its hash covers (everything but the database id). */
export interface AuditEventFields {
  stream: string;
  seq: number;
  zoneId: string | null;
  enterpriseId: string | null;
  actorId: string | null;
  actorRole: string;
  action: string;
  fromState: string | null;
  toState: string | null;
  comment: string | null;
  amountFen: number | null;
  data: Record<string, unknown>;
  correlationId: string | null;
  createdAt: Date;
  prevHash: string | null;
}

/** JSON with object keys sorted at every level, so jsonb's key reordering never changes a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  // A Date in an event's data is stored (jsonb) as its ISO string; hash it as that string, or the chain
  // breaks when it is verified from what was stored.
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** sha256 over the canonical form of the event, including the previous event's hash. */
export function hashAuditEvent(e: AuditEventFields): string {
  const canonical = canonicalJson([
    e.stream,
    e.seq,
    e.zoneId,
    e.enterpriseId,
    e.actorId,
    e.actorRole,
    e.action,
    e.fromState,
    e.toState,
    e.comment,
    e.amountFen,
    e.data,
    e.correlationId,
    e.createdAt.toISOString(),
    e.prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export interface ChainVerdict {
  valid: boolean;
  events: number;
  /** The first event whose hash or link does not match, if any. */
  brokenAtSeq?: number;
  problem?: 'hash-mismatch' | 'broken-link' | 'sequence-gap';
}

/** Checks a stream's events (in seq order): each hash matches its content and links to its predecessor. */
export function verifyChain(events: (AuditEventFields & { hash: string })[]): ChainVerdict {
  let prev: string | null = null;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.seq !== i + 1)
      return { valid: false, events: events.length, brokenAtSeq: e.seq, problem: 'sequence-gap' };
    if (e.prevHash !== prev)
      return { valid: false, events: events.length, brokenAtSeq: e.seq, problem: 'broken-link' };
    if (hashAuditEvent(e) !== e.hash) {
      return { valid: false, events: events.length, brokenAtSeq: e.seq, problem: 'hash-mismatch' };
    }
    prev = e.hash;
  }
  return { valid: true, events: events.length };
}
