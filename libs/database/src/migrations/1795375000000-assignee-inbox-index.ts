import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The "mine" inbox (assignee = me, in my zone, not a draft) can count its cases with an index-only
 * scan: the assignee index gains the zone, so the count need not visit the table to check it (the
 * count took 79 ms of a 100k-case zone's "mine" page in `npm run bench -- --only inbox`, where an
 * EXPLAIN showed a bitmap heap scan of 14k pages).
 */
export class AssigneeInboxIndex1795375000000 implements MigrationInterface {
  name = 'AssigneeInboxIndex1795375000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX ix_applications_assignee_zone ON applications (assignee_id, zone_id, state) WHERE assignee_id IS NOT NULL`,
    );
    await q.query(`DROP INDEX ix_applications_assignee`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX ix_applications_assignee ON applications (assignee_id, state) WHERE assignee_id IS NOT NULL`,
    );
    await q.query(`DROP INDEX ix_applications_assignee_zone`);
  }
}
