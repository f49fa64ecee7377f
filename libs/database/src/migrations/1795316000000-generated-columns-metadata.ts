import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TypeORM keeps the expressions of generated columns in its own `typeorm_metadata` table and reads
 * them when it compares the entities with the database (`npm run migration:generate`). Our migrations
 * are hand-written, so the table and its rows are written here, matching the entities' `asExpression`.
 */
const GENERATED = [
  { table: 'disbursement_items', column: 'transfer_fen', expression: 'amount_fen - offset_fen' },
  { table: 'sandbox_run_changes', column: 'delta_fen', expression: 'new_amount_fen - old_amount_fen' },
];

export class GeneratedColumnsMetadata1795316000000 implements MigrationInterface {
  name = 'GeneratedColumnsMetadata1795316000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE IF NOT EXISTS typeorm_metadata (
      "type" varchar NOT NULL, "database" varchar, "schema" varchar, "table" varchar, "name" varchar, "value" text)`);
    for (const g of GENERATED)
      await q.query(
        `INSERT INTO typeorm_metadata ("type", "database", "schema", "table", "name", "value")
         VALUES ('GENERATED_COLUMN', current_database(), current_schema(), $1, $2, $3)`,
        [g.table, g.column, g.expression],
      );
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const g of GENERATED)
      await q.query(
        `DELETE FROM typeorm_metadata WHERE "type" = 'GENERATED_COLUMN' AND "table" = $1 AND "name" = $2`,
        [g.table, g.column],
      );
  }
}
