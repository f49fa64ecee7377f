import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11: a policy admin retires a program at a date (its last day: no new applications or auto
 * grants after it; cases already started continue on their pinned version), and a draft carries a
 * revision so that two admins editing it cannot overwrite each other (If-Match on PUT).
 */
export class ProgramRetirements1795384100000 implements MigrationInterface {
  name = 'ProgramRetirements1795384100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE program_versions ADD COLUMN revision integer NOT NULL DEFAULT 1`);
    await q.query(`
      CREATE TABLE program_retirements (
        code text PRIMARY KEY,
        zone_id uuid NOT NULL REFERENCES zones(id),
        last_day date NOT NULL,
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        retired_by uuid NOT NULL REFERENCES users(id),
        retired_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_program_retirements_zone ON program_retirements (zone_id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE program_retirements`);
    await q.query(`ALTER TABLE program_versions DROP COLUMN revision`);
  }
}
