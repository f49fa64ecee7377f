import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "The cases I objected to" (GET /objections/mine) reads the objector's `object` events from the
 * audit log; this partial index keeps that on an index however long the log grows.
 */
export class ObjectionFollowUp1795386000000 implements MigrationInterface {
  name = 'ObjectionFollowUp1795386000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX ix_audit_events_objector ON audit_events (actor_id, created_at DESC) WHERE action = 'object'`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_audit_events_objector`);
  }
}
