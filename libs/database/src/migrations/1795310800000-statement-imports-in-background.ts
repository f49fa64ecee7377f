import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bank statements imported set-based and, when large, in the worker:
 * - an import has a status (queued → running → completed, or failed) and progress counters; earlier
 *   imports were reconciled in their request, so they are `completed`;
 * - the uploaded file is kept as it came (`bank_statement_files`), the evidence the worker imports from;
 * - every line's outcome lives in rows, not in one JSON document per import: the bank transactions
 *   stored once per zone (`bank_statement_lines`, now with the amount a mismatch expected) and the lines
 *   that were not stored (`bank_statement_skipped_lines`: duplicates, by their dedupe key, and lines that
 *   could not be read). `results` stays for the reports of earlier imports and is null from now on;
 * - a line's import and zone are checked by one foreign key instead of two (the zone follows from the
 *   import, which must be of the same zone): one trigger call per inserted line fewer;
 * - lines by import and line number (reports), and the lines still waiting to be settled.
 */
export class StatementImportsInBackground1795310800000 implements MigrationInterface {
  name = 'StatementImportsInBackground1795310800000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE bank_statement_imports
        ADD COLUMN status text NOT NULL DEFAULT 'completed'
          CHECK (status IN ('queued','running','completed','failed')),
        ADD COLUMN lines_loaded integer NOT NULL DEFAULT 0 CHECK (lines_loaded >= 0),
        ADD COLUMN lines_to_settle integer NOT NULL DEFAULT 0 CHECK (lines_to_settle >= 0),
        ADD COLUMN lines_settled integer NOT NULL DEFAULT 0 CHECK (lines_settled >= 0),
        ADD COLUMN error text,
        ADD COLUMN started_at timestamptz,
        ADD COLUMN finished_at timestamptz,
        ALTER COLUMN results DROP NOT NULL,
        ADD CONSTRAINT uq_bank_statement_imports_id_zone UNIQUE (id, zone_id),
        ADD CONSTRAINT ck_bank_statement_imports_progress CHECK (
          lines_loaded <= line_count AND lines_settled <= lines_to_settle
        )`);
    await q.query(`
      UPDATE bank_statement_imports
      SET lines_loaded = line_count, started_at = created_at, finished_at = created_at`);
    await q.query(`ALTER TABLE bank_statement_imports ALTER COLUMN status DROP DEFAULT`);

    await q.query(`
      CREATE TABLE bank_statement_files (
        import_id uuid PRIMARY KEY REFERENCES bank_statement_imports(id),
        content bytea NOT NULL
      )`);

    await q.query(`
      ALTER TABLE bank_statement_lines
        ADD COLUMN expected_amount_fen bigint,
        DROP CONSTRAINT bank_statement_lines_import_id_fkey,
        DROP CONSTRAINT bank_statement_lines_zone_id_fkey,
        ADD CONSTRAINT fk_bank_statement_lines_import FOREIGN KEY (import_id, zone_id)
          REFERENCES bank_statement_imports (id, zone_id)`);
    await q.query(`CREATE INDEX ix_bank_statement_lines_import ON bank_statement_lines (import_id, line_no)`);
    await q.query(`
      CREATE INDEX ix_bank_statement_lines_pending ON bank_statement_lines (import_id, line_no)
      WHERE outcome = 'pending'`);

    await q.query(`
      CREATE TABLE bank_statement_skipped_lines (
        import_id uuid NOT NULL REFERENCES bank_statement_imports(id),
        line_no integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('duplicate','invalid')),
        dedupe_key text,
        transaction_id text,
        value_date date,
        direction text,
        amount_fen bigint,
        reference text,
        bank_status text,
        errors jsonb NOT NULL DEFAULT '[]'::jsonb,
        PRIMARY KEY (import_id, line_no),
        CONSTRAINT ck_bank_statement_skipped_lines_kind CHECK ((kind = 'duplicate') = (dedupe_key IS NOT NULL))
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE bank_statement_skipped_lines`);
    await q.query(`DROP INDEX ix_bank_statement_lines_pending`);
    await q.query(`DROP INDEX ix_bank_statement_lines_import`);
    await q.query(`
      ALTER TABLE bank_statement_lines
        DROP CONSTRAINT fk_bank_statement_lines_import,
        ADD CONSTRAINT bank_statement_lines_import_id_fkey FOREIGN KEY (import_id) REFERENCES bank_statement_imports(id),
        ADD CONSTRAINT bank_statement_lines_zone_id_fkey FOREIGN KEY (zone_id) REFERENCES zones(id),
        DROP COLUMN expected_amount_fen`);
    await q.query(`DROP TABLE bank_statement_files`);
    await q.query(`UPDATE bank_statement_imports SET results = '[]'::jsonb WHERE results IS NULL`);
    await q.query(`
      ALTER TABLE bank_statement_imports
        DROP CONSTRAINT ck_bank_statement_imports_progress,
        DROP CONSTRAINT uq_bank_statement_imports_id_zone,
        ALTER COLUMN results SET NOT NULL,
        DROP COLUMN finished_at,
        DROP COLUMN started_at,
        DROP COLUMN error,
        DROP COLUMN lines_settled,
        DROP COLUMN lines_to_settle,
        DROP COLUMN lines_loaded,
        DROP COLUMN status`);
  }
}
