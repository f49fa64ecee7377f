import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One auto grant per (enterprise, program, period, beneficiary) whatever the program version. Invariant
 * 5 is per version; without this, a version published mid-year would offer a yearly program a second
 * time for the same fiscal year (and a one-off award again). Replaces the once-only index, which this
 * generalises to every period.
 */
export class AutoGrantPerPeriod1795309972694 implements MigrationInterface {
  name = 'AutoGrantPerPeriod1795309972694';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX uq_applications_auto_grant_once`);
    await q.query(`
      CREATE UNIQUE INDEX uq_applications_auto_grant_period ON applications (enterprise_id, program_code, period, beneficiary_key)
      WHERE mode = 'auto' AND parent_id IS NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX uq_applications_auto_grant_period`);
    await q.query(`
      CREATE UNIQUE INDEX uq_applications_auto_grant_once ON applications (enterprise_id, program_code, beneficiary_key)
      WHERE mode = 'auto' AND parent_id IS NULL AND period = 'once'`);
  }
}
