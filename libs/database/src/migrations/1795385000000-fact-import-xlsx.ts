import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fact feeds may be uploaded as XLSX workbooks (what the bureaus' data desks export): the import's
 * report records that format. Nothing else changes; the rows are read and checked as the CSV ones.
 */
export class FactImportXlsx1795385000000 implements MigrationInterface {
  name = 'FactImportXlsx1795385000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE fact_imports DROP CONSTRAINT fact_imports_format_check`);
    await q.query(
      `ALTER TABLE fact_imports ADD CONSTRAINT fact_imports_format_check CHECK (format IN ('csv','json','xlsx'))`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE fact_imports SET format = 'csv' WHERE format = 'xlsx'`);
    await q.query(`ALTER TABLE fact_imports DROP CONSTRAINT fact_imports_format_check`);
    await q.query(
      `ALTER TABLE fact_imports ADD CONSTRAINT fact_imports_format_check CHECK (format IN ('csv','json'))`,
    );
  }
}
