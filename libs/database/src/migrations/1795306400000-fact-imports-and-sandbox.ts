import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data-feed imports (their per-row report and the key that makes a re-import idempotent), one open
 * draft per program, and policy sandbox runs (progress, resumable cursor, partial aggregates, report,
 * and the enterprises who gain or lose against the current version).
 */
export class FactImportsAndSandbox1795306400000 implements MigrationInterface {
  name = 'FactImportsAndSandbox1795306400000';

  public async up(q: QueryRunner): Promise<void> {
    // Two drafts of one program would race to become "the next version"; one at a time, edited in place.
    await q.query(`
      CREATE UNIQUE INDEX uq_program_versions_one_draft ON program_versions (code) WHERE status = 'draft'`);

    await q.query(`
      CREATE TABLE fact_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        zone_id uuid NOT NULL REFERENCES zones(id),
        dedup_key text NOT NULL,
        feed_ref text,
        content_hash text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
        format text NOT NULL CHECK (format IN ('csv','json')),
        file_name text,
        row_count integer NOT NULL CHECK (row_count >= 0),
        written_count integer NOT NULL DEFAULT 0 CHECK (written_count >= 0),
        unchanged_count integer NOT NULL DEFAULT 0 CHECK (unchanged_count >= 0),
        duplicate_count integer NOT NULL DEFAULT 0 CHECK (duplicate_count >= 0),
        rejected_count integer NOT NULL DEFAULT 0 CHECK (rejected_count >= 0),
        enterprise_count integer NOT NULL DEFAULT 0 CHECK (enterprise_count >= 0),
        errors jsonb NOT NULL DEFAULT '[]'::jsonb,
        errors_truncated boolean NOT NULL DEFAULT false,
        imported_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // A feed imported cleanly is imported once; one with rejected rows may be sent again as it is
    // (e.g. after the missing enterprise registered), its already-written rows then being unchanged.
    await q.query(`
      CREATE UNIQUE INDEX uq_fact_imports_clean ON fact_imports (zone_id, dedup_key) WHERE rejected_count = 0`);
    await q.query(`CREATE INDEX ix_fact_imports_dedup ON fact_imports (zone_id, dedup_key)`);
    await q.query(`CREATE INDEX ix_fact_imports_zone ON fact_imports (zone_id, created_at DESC)`);
    await q.query(`
      ALTER TABLE enterprise_facts ADD CONSTRAINT fk_enterprise_facts_feed
      FOREIGN KEY (feed_id) REFERENCES fact_imports(id)`);
    await q.query(`
      CREATE INDEX ix_enterprise_facts_feed ON enterprise_facts (feed_id) WHERE feed_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE sandbox_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        zone_id uuid NOT NULL REFERENCES zones(id),
        program_code text NOT NULL,
        program_version integer NOT NULL,
        program_status text NOT NULL CHECK (program_status IN ('draft','published')),
        definition jsonb NOT NULL,
        baseline_version integer,
        fiscal_years integer[] NOT NULL CHECK (cardinality(fiscal_years) BETWEEN 1 AND 5),
        as_of date NOT NULL,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','completed','failed')),
        total integer CHECK (total >= 0),
        processed integer NOT NULL DEFAULT 0 CHECK (processed >= 0),
        cursor uuid,
        aggregates jsonb NOT NULL DEFAULT '{}'::jsonb,
        report jsonb,
        error text,
        requested_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_sandbox_runs_program_version
          FOREIGN KEY (program_code, program_version) REFERENCES program_versions (code, version),
        CONSTRAINT ck_sandbox_runs_report CHECK ((status = 'completed') = (report IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX ix_sandbox_runs_program ON sandbox_runs (zone_id, program_code, created_at DESC)`,
    );
    await q.query(`
      CREATE TABLE sandbox_run_changes (
        run_id uuid NOT NULL REFERENCES sandbox_runs(id),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        fiscal_year integer NOT NULL,
        subject text NOT NULL DEFAULT '',
        old_amount_fen bigint NOT NULL CHECK (old_amount_fen >= 0),
        new_amount_fen bigint NOT NULL CHECK (new_amount_fen >= 0),
        old_eligible boolean NOT NULL,
        new_eligible boolean NOT NULL,
        old_up_to boolean NOT NULL,
        new_up_to boolean NOT NULL,
        delta_fen bigint GENERATED ALWAYS AS (new_amount_fen - old_amount_fen) STORED,
        PRIMARY KEY (run_id, enterprise_id, fiscal_year, subject),
        CONSTRAINT ck_sandbox_run_changes_changed CHECK (old_amount_fen <> new_amount_fen)
      )`);
    await q.query(`CREATE INDEX ix_sandbox_run_changes_delta ON sandbox_run_changes (run_id, delta_fen)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sandbox_run_changes`);
    await q.query(`DROP TABLE sandbox_runs`);
    await q.query(`ALTER TABLE enterprise_facts DROP CONSTRAINT fk_enterprise_facts_feed`);
    await q.query(`DROP INDEX ix_enterprise_facts_feed`);
    await q.query(`DROP TABLE fact_imports`);
    await q.query(`DROP INDEX uq_program_versions_one_draft`);
  }
}
