import { MigrationInterface, QueryRunner } from 'typeorm';

/** Working-day calendars (holidays and 调休 make-up days) per zone, with a default for all zones. */
export class WorkingCalendars1795305771023 implements MigrationInterface {
  name = 'WorkingCalendars1795305771023';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE working_calendars (
        scope text PRIMARY KEY,
        holidays jsonb NOT NULL DEFAULT '[]'::jsonb,
        extra_workdays jsonb NOT NULL DEFAULT '[]'::jsonb,
        updated_by uuid REFERENCES users(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE working_calendars`);
  }
}
