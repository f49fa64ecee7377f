import { AuditEventFields, canonicalJson, hashAuditEvent, verifyChain } from './audit-hash';

function chain(n: number): (AuditEventFields & { hash: string })[] {
  const out: (AuditEventFields & { hash: string })[] = [];
  let prev: string | null = null;
  for (let seq = 1; seq <= n; seq++) {
    const fields: AuditEventFields = {
      stream: 'application:a',
      seq,
      zoneId: 'z',
      enterpriseId: 'e',
      actorId: 'u',
      actorRole: 'officer',
      action: `step-${seq}`,
      fromState: 's',
      toState: 't',
      comment: null,
      amountFen: seq * 100,
      data: { b: 1, a: { d: [1, 2], c: '惠企' } },
      correlationId: 'req-1',
      createdAt: new Date(Date.UTC(2026, 0, seq)),
      prevHash: prev,
    };
    const hash = hashAuditEvent(fields);
    out.push({ ...fields, hash });
    prev = hash;
  }
  return out;
}

describe('audit hash chain', () => {
  it('canonical JSON ignores key order', () => {
    expect(canonicalJson({ b: 1, a: { y: 2, x: 1 } })).toBe(canonicalJson({ a: { x: 1, y: 2 }, b: 1 }));
  });

  it('hashes a Date in the data as the ISO string jsonb stores, so the stored event verifies', () => {
    const at = new Date(Date.UTC(2026, 11, 5, 9, 10, 0, 123));
    expect(canonicalJson({ requestedAt: at })).toBe(canonicalJson({ requestedAt: at.toISOString() }));
    const [event] = chain(1);
    const appended = { ...event, data: { requestedAt: at }, prevHash: null };
    const hash = hashAuditEvent(appended);
    const stored = {
      ...appended,
      data: JSON.parse(JSON.stringify(appended.data)) as Record<string, unknown>,
      hash,
    };
    expect(verifyChain([stored])).toEqual({ valid: true, events: 1 });
  });

  it('verifies an untouched chain', () => {
    expect(verifyChain(chain(5))).toEqual({ valid: true, events: 5 });
    expect(verifyChain([])).toEqual({ valid: true, events: 0 });
  });

  it.each([
    ['comment', (e: AuditEventFields) => ({ ...e, comment: 'edited' })],
    ['amount', (e: AuditEventFields) => ({ ...e, amountFen: (e.amountFen ?? 0) + 1 })],
    ['actor', (e: AuditEventFields) => ({ ...e, actorId: 'someone-else' })],
    ['state', (e: AuditEventFields) => ({ ...e, toState: 'approved' })],
    ['data', (e: AuditEventFields) => ({ ...e, data: { ...e.data, b: 2 } })],
    ['time', (e: AuditEventFields) => ({ ...e, createdAt: new Date(e.createdAt.getTime() + 1) })],
  ])('detects an altered %s', (_name, alter) => {
    const events = chain(4);
    events[2] = { ...events[2], ...alter(events[2]) };
    expect(verifyChain(events)).toMatchObject({ valid: false, brokenAtSeq: 3, problem: 'hash-mismatch' });
  });

  it('detects a re-hashed event by the broken link after it', () => {
    const events = chain(4);
    const forged = { ...events[1], comment: 'forged' };
    events[1] = { ...forged, hash: hashAuditEvent(forged) };
    expect(verifyChain(events)).toMatchObject({ valid: false, brokenAtSeq: 3, problem: 'broken-link' });
  });

  it('detects a removed event', () => {
    const events = chain(4);
    events.splice(1, 1);
    expect(verifyChain(events)).toMatchObject({ valid: false, brokenAtSeq: 3, problem: 'sequence-gap' });
  });
});
