import { QueueName } from '@huiqi/queues';
import { earliestFiscalYearOf, type ValidatedFact } from '@huiqi/policies';
import { shanghaiDate } from '@huiqi/workflow';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { canonicalJson } from '../audit/audit-hash';
import { OutboxService } from '../outbox/outbox.service';
import { factIdentity } from './fact-input';

/** A validated fact for one enterprise, ready to be recorded. */
export interface FactToWrite {
  enterpriseId: string;
  zoneId: string;
  fact: ValidatedFact;
}

export interface StoredFact {
  id: string;
  enterpriseId: string;
  receivedAt: Date;
}

/** Per input, in order: the new row, or `unchanged` when it repeats the current value and source. */
export type FactWriteOutcome =
  { status: 'written'; stored: StoredFact } | { status: 'unchanged'; currentId: string };

interface CurrentRow {
  id: string;
  enterprise_id: string;
  key: string;
  subject: string | null;
  period: string | null;
  value: unknown;
  source: string;
}

const OUTBOX_SLICE = 5_000;

/** The auto-grant check every change of an enterprise's facts triggers (one per enterprise touched). */
export const FACTS_CHANGED_JOB = 'check-enterprise';

/**
 * Records enterprise facts. The table is append-only: a different value (or source) for the same
 * (key, subject, period) is a new row and the old one stays in history; the same value from the same
 * source again writes nothing, so re-sending a feed never piles up identical versions.
 *
 * Writers of one enterprise are serialised by locking its row, and a fact's
 * `received_at` is the clock at insert time (after the lock), so "newest" is the order facts were
 * really recorded in and the unchanged check always compares with the true current value.
 */
@Injectable()
export class FactWriter {
  constructor(private readonly outbox: OutboxService) {}

  async write(
    manager: EntityManager,
    facts: readonly FactToWrite[],
    meta: { recordedBy: string | null; feedId: string | null },
  ): Promise<FactWriteOutcome[]> {
    if (facts.length === 0) return [];
    const identities = facts.map((f) => factIdentity(f.enterpriseId, f.fact));
    if (new Set(identities).size !== identities.length) {
      throw new Error('FactWriter.write: one fact per (enterprise, key, subject, period) per call');
    }
    const enterpriseIds = [...new Set(facts.map((f) => f.enterpriseId))].sort();
    // Row locks (in id order, so writers never deadlock) rather than advisory locks: a feed may touch
    // tens of thousands of enterprises, more than the shared lock table holds. NO KEY UPDATE leaves
    // foreign-key checks of other writers (KEY SHARE) unblocked.
    const locked: { id: string }[] = await manager.query(
      `SELECT id FROM enterprises WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`,
      [enterpriseIds],
    );
    if (locked.length !== enterpriseIds.length) throw new Error('FactWriter.write: unknown enterprise');
    const current = await this.currentValues(manager, enterpriseIds, [
      ...new Set(facts.map((f) => f.fact.key)),
    ]);

    const outcomes: (FactWriteOutcome | null)[] = facts.map((f, i) => {
      const now = current.get(identities[i]);
      const same =
        now && now.source === f.fact.source && canonicalJson(now.value) === canonicalJson(f.fact.value);
      return same ? { status: 'unchanged', currentId: now.id } : null;
    });
    const toInsert = facts.map((f, i) => ({ f, i })).filter(({ i }) => outcomes[i] === null);
    if (toInsert.length > 0) {
      const ids = toInsert.map(() => randomUUID());
      const rows: { id: string; received_at: Date }[] = await manager.query(
        `INSERT INTO enterprise_facts (id, enterprise_id, zone_id, key, subject, period, value, source, received_at, recorded_by, feed_id)
         SELECT t.id, t.enterprise_id, t.zone_id, t.key, t.subject, t.period, t.value, t.source, clock_timestamp(), $9::uuid, $10::uuid
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::text[])
           AS t(id, enterprise_id, zone_id, key, subject, period, value, source)
         RETURNING id, received_at`,
        [
          ids,
          toInsert.map(({ f }) => f.enterpriseId),
          toInsert.map(({ f }) => f.zoneId),
          toInsert.map(({ f }) => f.fact.key),
          toInsert.map(({ f }) => f.fact.subject),
          toInsert.map(({ f }) => f.fact.period),
          toInsert.map(({ f }) => JSON.stringify(f.fact.value)),
          toInsert.map(({ f }) => f.fact.source),
          meta.recordedBy,
          meta.feedId,
        ],
      );
      const receivedAt = new Map(rows.map((r) => [r.id, r.received_at]));
      toInsert.forEach(({ f, i }, n) => {
        const at = receivedAt.get(ids[n]);
        if (!at) throw new Error('FactWriter.write: a fact was not inserted');
        outcomes[i] = {
          status: 'written',
          stored: { id: ids[n], enterpriseId: f.enterpriseId, receivedAt: at },
        };
      });
      // Per enterprise touched, the earliest past fiscal year its new facts speak about: a fact recorded
      // late for a past year (a talent recognised in 2023, a 2023 tax figure) re-checks from that year.
      const currentYear = Number(shanghaiDate(new Date()).slice(0, 4));
      const touched = new Map<string, number | null>();
      for (const { f } of toInsert) {
        const year = earliestFiscalYearOf(f.fact);
        const past = year !== null && year < currentYear ? year : null;
        const before = touched.get(f.enterpriseId);
        touched.set(f.enterpriseId, before == null ? past : past === null ? before : Math.min(before, past));
      }
      const checks = [...touched.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      // In slices: one INSERT binds six parameters per item, and Postgres allows 65,535 per statement.
      for (let i = 0; i < checks.length; i += OUTBOX_SLICE) {
        await this.outbox.enqueue(
          manager,
          checks.slice(i, i + OUTBOX_SLICE).map(([enterpriseId, fromFiscalYear]) => ({
            queue: QueueName.AutoGrants,
            jobName: FACTS_CHANGED_JOB,
            payload: {
              kind: 'check-enterprise' as const,
              enterpriseId,
              reason: 'facts-changed',
              ...(fromFiscalYear !== null ? { fromFiscalYear } : {}),
            },
          })),
        );
      }
    }
    return outcomes as FactWriteOutcome[];
  }

  private async currentValues(
    manager: EntityManager,
    enterpriseIds: string[],
    keys: string[],
  ): Promise<Map<string, CurrentRow>> {
    const rows: CurrentRow[] = await manager.query(
      `SELECT DISTINCT ON (enterprise_id, key, subject, period) id, enterprise_id, key, subject, period, value, source
       FROM enterprise_facts WHERE enterprise_id = ANY($1::uuid[]) AND key = ANY($2::text[])
       ORDER BY enterprise_id, key, subject, period, received_at DESC, created_at DESC`,
      [enterpriseIds, keys],
    );
    return new Map(
      rows.map((r) => [
        factIdentity(r.enterprise_id, {
          key: r.key as ValidatedFact['key'],
          subject: r.subject,
          period: r.period,
        }),
        r,
      ]),
    );
  }
}
