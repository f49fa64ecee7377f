import { AUTHORITATIVE_FACT_SOURCES, FACT_KEYS, type FactKey, type FactRecord, isFactKey } from './facts';

interface Winners {
  /** The newest record from any source. */
  any: FactRecord;
  anyAt: number;
  /** The newest record from an authoritative source, if any. */
  authoritative?: FactRecord;
  authoritativeAt?: number;
}

interface Slot {
  byPeriod: Map<string, Winners>;
  /** Fiscal years with at least one record, newest first. */
  yearsDescending: number[];
}

/** Options for reading facts. */
export interface FactLookupOptions {
  /** Ignore self-declared records (used for `auto` programs). */
  authoritativeOnly?: boolean;
}

const NO_PERIOD = '';

/**
 * The facts of one enterprise (and of the persons attached to it), indexed for evaluation.
 * Build it once per enterprise with {@link indexFacts} and evaluate any number of programs on it.
 */
export class FactIndex {
  /** @internal use {@link indexFacts}. */
  constructor(private readonly slots: ReadonlyMap<string, Slot>) {}

  /** The winning record of `key` for `subject` in `period` (`null` for facts without a period). */
  get(
    key: FactKey,
    subject: string | null,
    period: string | null,
    options: FactLookupOptions = {},
  ): FactRecord | undefined {
    const winners = this.slots.get(slotKey(key, subject))?.byPeriod.get(period ?? NO_PERIOD);
    return winners && pick(winners, options);
  }

  /**
   * The most recent value: for fiscal-year facts the winning record of the latest fiscal year that
   * is not after `maxFiscalYear` (the evaluator never looks into the future); for facts without a
   * period, the current record.
   */
  latest(
    key: FactKey,
    subject: string | null,
    maxFiscalYear: number,
    options: FactLookupOptions = {},
  ): FactRecord | undefined {
    const slot = this.slots.get(slotKey(key, subject));
    if (!slot) return undefined;
    if (FACT_KEYS[key].periodKind === 'none') {
      const winners = slot.byPeriod.get(NO_PERIOD);
      return winners && pick(winners, options);
    }
    for (const year of slot.yearsDescending) {
      if (year > maxFiscalYear) continue;
      const found = pick(slot.byPeriod.get(String(year)) as Winners, options);
      if (found) return found;
    }
    return undefined;
  }

  /** The subjects (hashed person ids) that have at least one record of the per-person `key`. */
  subjects(key: FactKey): string[] {
    const prefix = `${key}\u0000`;
    const out: string[] = [];
    for (const k of this.slots.keys()) {
      if (k.startsWith(prefix) && k.length > prefix.length) out.push(k.slice(prefix.length));
    }
    return out.sort();
  }

  /** The winning records (one per key, subject and period), in a stable order. */
  records(): FactRecord[] {
    const out: FactRecord[] = [];
    for (const slot of this.slots.values()) for (const w of slot.byPeriod.values()) out.push(w.any);
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}

function pick(winners: Winners, options: FactLookupOptions): FactRecord | undefined {
  return options.authoritativeOnly ? winners.authoritative : winners.any;
}

function slotKey(key: string, subject: string | null): string {
  return `${key}\u0000${subject ?? ''}`;
}

/**
 * Indexes an enterprise's fact records. For each `(key, subject, period)` the record with the latest
 * `receivedAt` wins (a correction is a newer record); equal timestamps are broken by the larger `id`
 * so the result never depends on input order. Records are trusted to have passed `validateFact` at
 * ingest (they are not re-validated here — this runs once per enterprise in sweeps); records of
 * unknown keys are ignored. Throws a TypeError when a record's `receivedAt` is not a timestamp.
 */
export function indexFacts(facts: readonly FactRecord[]): FactIndex {
  const slots = new Map<string, Slot>();
  for (const record of facts) {
    if (!isFactKey(record.key)) continue;
    const at = Date.parse(record.receivedAt);
    if (!Number.isFinite(at))
      throw new TypeError(`fact ${record.id}: receivedAt "${record.receivedAt}" is not an ISO timestamp`);
    const key = slotKey(record.key, record.subject);
    let slot = slots.get(key);
    if (!slot) {
      slot = { byPeriod: new Map(), yearsDescending: [] };
      slots.set(key, slot);
    }
    const period = record.period ?? NO_PERIOD;
    const current = slot.byPeriod.get(period);
    const authoritative = AUTHORITATIVE_FACT_SOURCES.includes(record.source);
    if (!current) {
      slot.byPeriod.set(period, {
        any: record,
        anyAt: at,
        ...(authoritative ? { authoritative: record, authoritativeAt: at } : {}),
      });
      if (period !== NO_PERIOD) slot.yearsDescending.push(Number(period));
      continue;
    }
    if (newer(record, at, current.any, current.anyAt)) {
      current.any = record;
      current.anyAt = at;
    }
    if (
      authoritative &&
      (!current.authoritative || newer(record, at, current.authoritative, current.authoritativeAt as number))
    ) {
      current.authoritative = record;
      current.authoritativeAt = at;
    }
  }
  for (const slot of slots.values()) slot.yearsDescending.sort((a, b) => b - a);
  return new FactIndex(slots);
}

function newer(candidate: FactRecord, candidateAt: number, current: FactRecord, currentAt: number): boolean {
  if (candidateAt !== currentAt) return candidateAt > currentAt;
  return candidate.id > current.id;
}
