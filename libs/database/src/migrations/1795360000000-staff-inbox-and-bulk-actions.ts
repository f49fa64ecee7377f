import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The staff console's inbox and bulk actions:
 * - inbox search: an enterprise's name by any part (pg_trgm GIN; works for Chinese, whose characters
 *   are word characters under the database's UTF-8 ctype), a case number by prefix (text_pattern_ops,
 *   since the default collation is not C), and the zone's default inbox order (deadline, then newest)
 *   over everything but drafts, so the first page of a 100k-case zone reads a few index pages;
 * - bulk actions: one row per request (who, what, progress counters) and one row per selected case
 *   with its own outcome, so progress and the per-case report are plain reads and a restarted worker
 *   resumes at the first case without an outcome.
 */
export class StaffInboxAndBulkActions1795360000000 implements MigrationInterface {
  name = 'StaffInboxAndBulkActions1795360000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE INDEX ix_enterprises_name_trgm ON enterprises USING gin (name gin_trgm_ops)`);
    await q.query(
      `CREATE INDEX ix_applications_reference_prefix ON applications (reference text_pattern_ops)`,
    );
    await q.query(`
      CREATE INDEX ix_applications_zone_inbox_order ON applications (zone_id, stage_due_at, created_at DESC, id)
      WHERE state <> 'draft'`);
    await q.query(`
      CREATE INDEX ix_applications_zone_submitted ON applications (zone_id, submitted_at DESC NULLS LAST, id)
      WHERE state <> 'draft'`);

    await q.query(`
      CREATE TABLE bulk_actions (
        id uuid PRIMARY KEY,
        zone_id uuid NOT NULL REFERENCES zones(id),
        action text NOT NULL CHECK (action IN ('approve','return')),
        comment text NOT NULL CHECK (length(comment) BETWEEN 1 AND 2000),
        created_by uuid NOT NULL REFERENCES users(id),
        created_by_role text NOT NULL,
        selection jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('queued','running','completed','failed')),
        total integer NOT NULL CHECK (total >= 0),
        done integer NOT NULL DEFAULT 0,
        succeeded integer NOT NULL DEFAULT 0,
        failed integer NOT NULL DEFAULT 0,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        CONSTRAINT ck_bulk_actions_progress CHECK (done = succeeded + failed AND done <= total)
      )`);
    await q.query(`CREATE INDEX ix_bulk_actions_zone ON bulk_actions (zone_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE bulk_action_items (
        bulk_action_id uuid NOT NULL REFERENCES bulk_actions(id),
        seq integer NOT NULL CHECK (seq >= 0),
        application_id uuid NOT NULL REFERENCES applications(id),
        outcome text CHECK (outcome IN ('succeeded','failed')),
        state_after text,
        error_type text,
        error_detail text,
        processed_at timestamptz,
        PRIMARY KEY (bulk_action_id, seq),
        CONSTRAINT uq_bulk_action_items_case UNIQUE (bulk_action_id, application_id)
      )`);
    await q.query(`
      CREATE INDEX ix_bulk_action_items_pending ON bulk_action_items (bulk_action_id, seq)
      WHERE outcome IS NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE bulk_action_items`);
    await q.query(`DROP TABLE bulk_actions`);
    await q.query(`DROP INDEX ix_applications_zone_submitted`);
    await q.query(`DROP INDEX ix_applications_zone_inbox_order`);
    await q.query(`DROP INDEX ix_applications_reference_prefix`);
    await q.query(`DROP INDEX ix_enterprises_name_trgm`);
  }
}
