import { EntityManager } from 'typeorm';

/**
 * Serialises a zone's disbursement and reconciliation work (building, locking, cancelling batches,
 * importing statements) for the rest of the transaction. These are rare, human-paced operations;
 * running them one at a time per zone rules out every interleaving between them. Approvals do not
 * take it: they queue on the fund pool row instead.
 */
export async function lockZoneMoney(manager: EntityManager, zoneId: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`finance:${zoneId}`]);
}
