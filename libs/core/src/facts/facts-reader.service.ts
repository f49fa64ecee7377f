import { FactIndex, FactRecord, indexFacts } from '@huiqi/policies';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

interface FactRow {
  id: string;
  enterprise_id: string;
  key: string;
  subject: string | null;
  period: string | null;
  value: unknown;
  source: string;
  received_at: Date;
}

function toRecord(row: FactRow): FactRecord {
  return {
    id: row.id,
    key: row.key,
    subject: row.subject,
    period: row.period,
    value: row.value,
    source: row.source,
    receivedAt: row.received_at.toISOString(),
  } as FactRecord;
}

// The newest record per source, not just overall: a newer self-declared value must not hide the
// authoritative one that auto programs are evaluated on (the index picks per program).
const CURRENT_FACTS = `
  SELECT DISTINCT ON (enterprise_id, key, subject, period, source) id, enterprise_id, key, subject, period, value, source, received_at
  FROM enterprise_facts WHERE enterprise_id = ANY($1::uuid[])
  ORDER BY enterprise_id, key, subject, period, source, received_at DESC, created_at DESC`;

/** Reads the current facts (newest per key, subject, period and source) of enterprises, indexed for evaluation. */
@Injectable()
export class FactsReader {
  constructor(private readonly dataSource: DataSource) {}

  async indexFor(enterpriseId: string, manager: EntityManager = this.dataSource.manager): Promise<FactIndex> {
    const rows: FactRow[] = await manager.query(CURRENT_FACTS, [[enterpriseId]]);
    return indexFacts(rows.map(toRecord));
  }

  /** One query for a batch of enterprises (sweeps, sandbox): enterprise id → its fact index. */
  async indexForMany(
    enterpriseIds: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, FactIndex>> {
    const rows: FactRow[] = enterpriseIds.length ? await manager.query(CURRENT_FACTS, [enterpriseIds]) : [];
    const grouped = new Map<string, FactRecord[]>(enterpriseIds.map((id) => [id, []]));
    for (const row of rows) grouped.get(row.enterprise_id)?.push(toRecord(row));
    return new Map([...grouped].map(([id, records]) => [id, indexFacts(records)]));
  }
}
