import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A one-off auto grant (`period = 'once'`) is granted once per beneficiary whatever the program
 * version: without this, publishing version 2 of "100,000 yuan once when certified" would offer it
 * again to every enterprise that already had version 1.
 */
export class AutoGrantOnce1795306370181 implements MigrationInterface {
  name = 'AutoGrantOnce1795306370181';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNIQUE INDEX uq_applications_auto_grant_once ON applications (enterprise_id, program_code, beneficiary_key)
      WHERE mode = 'auto' AND parent_id IS NULL AND period = 'once'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX uq_applications_auto_grant_once`);
  }
}
