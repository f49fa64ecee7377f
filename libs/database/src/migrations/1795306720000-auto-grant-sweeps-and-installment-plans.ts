import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Auto-grant sweeps (免申即享) and installment plans.
 *
 * A sweep's row is the record of the work: the worker advances `cursor` (the last enterprise id
 * processed, keyset order) and the counters in the same transaction as the offers of each batch, so a
 * crashed sweep resumes exactly after the last committed batch. The lease columns only keep two
 * processors from working one sweep at the same time; correctness never depends on them (each batch
 * locks the row and reads the cursor under that lock).
 *
 * An installment plan is identified by its first case (installment 1); installments 2..N become cases of
 * their own (`applications.parent_id` = the plan) when their year's data arrives.
 */
export class AutoGrantSweepsAndInstallmentPlans1795306720000 implements MigrationInterface {
  name = 'AutoGrantSweepsAndInstallmentPlans1795306720000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE auto_grant_sweeps (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        zone_id uuid NOT NULL REFERENCES zones(id),
        program_code text,
        fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
        as_of date NOT NULL,
        program_versions jsonb NOT NULL,
        trigger text NOT NULL CHECK (trigger IN ('manual','schedule')),
        schedule_slot date,
        status text NOT NULL CHECK (status IN ('pending','running','completed','failed')),
        total integer NOT NULL CHECK (total >= 0),
        processed integer NOT NULL DEFAULT 0 CHECK (processed >= 0),
        offers_created integer NOT NULL DEFAULT 0 CHECK (offers_created >= 0),
        duplicates integer NOT NULL DEFAULT 0 CHECK (duplicates >= 0),
        skipped integer NOT NULL DEFAULT 0 CHECK (skipped >= 0),
        error_count integer NOT NULL DEFAULT 0 CHECK (error_count >= 0),
        cursor uuid,
        batches integer NOT NULL DEFAULT 0 CHECK (batches >= 0),
        lease_owner uuid,
        lease_expires_at timestamptz,
        lease_generation integer NOT NULL DEFAULT 0,
        consecutive_failures integer NOT NULL DEFAULT 0,
        last_error text,
        started_by uuid REFERENCES users(id),
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_auto_grant_sweeps_finished CHECK ((status IN ('completed','failed')) = (finished_at IS NOT NULL)),
        CONSTRAINT ck_auto_grant_sweeps_schedule CHECK ((trigger = 'schedule') = (schedule_slot IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX ix_auto_grant_sweeps_zone ON auto_grant_sweeps (zone_id, started_at DESC)`);
    // One scheduled sweep per zone and night, however often the scheduler's job is delivered.
    await q.query(`
      CREATE UNIQUE INDEX uq_auto_grant_sweeps_schedule_slot ON auto_grant_sweeps (zone_id, schedule_slot)
      WHERE schedule_slot IS NOT NULL`);
    await q.query(`
      CREATE INDEX ix_auto_grant_sweeps_unfinished ON auto_grant_sweeps (lease_expires_at)
      WHERE status IN ('pending','running')`);

    await q.query(`
      CREATE TABLE auto_grant_sweep_errors (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        sweep_id uuid NOT NULL REFERENCES auto_grant_sweeps(id),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        message text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_auto_grant_sweep_errors_sweep ON auto_grant_sweep_errors (sweep_id, id)`);

    await q.query(`
      CREATE TABLE installment_plans (
        id uuid PRIMARY KEY REFERENCES applications(id),
        zone_id uuid NOT NULL REFERENCES zones(id),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        program_code text NOT NULL,
        program_version integer NOT NULL,
        subject text,
        start_fiscal_year integer NOT NULL CHECK (start_fiscal_year BETWEEN 2000 AND 2100),
        years integer NOT NULL CHECK (years BETWEEN 1 AND 50),
        status text NOT NULL CHECK (status IN ('active','completed','stopped')),
        stopped_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_installment_plans_program_version FOREIGN KEY (program_code, program_version)
          REFERENCES program_versions (code, version),
        CONSTRAINT ck_installment_plans_stopped CHECK ((status = 'stopped') = (stopped_reason IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX ix_installment_plans_open ON installment_plans (enterprise_id) WHERE status = 'active'`,
    );

    await q.query(`
      CREATE TABLE installment_plan_items (
        plan_id uuid NOT NULL REFERENCES installment_plans(id),
        installment_index integer NOT NULL CHECK (installment_index >= 1),
        fiscal_year integer NOT NULL,
        base_fiscal_year integer NOT NULL,
        status text NOT NULL CHECK (status IN ('scheduled','awaiting-data','invalid-data','offered','nothing-due','cancelled')),
        application_id uuid REFERENCES applications(id),
        amount_fen bigint CHECK (amount_fen >= 0),
        unmet jsonb NOT NULL DEFAULT '[]'::jsonb,
        checked_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (plan_id, installment_index),
        CONSTRAINT uq_installment_plan_items_application UNIQUE (application_id),
        CONSTRAINT ck_installment_plan_items_offered CHECK ((status = 'offered') = (application_id IS NOT NULL))
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE installment_plan_items`);
    await q.query(`DROP TABLE installment_plans`);
    await q.query(`DROP TABLE auto_grant_sweep_errors`);
    await q.query(`DROP TABLE auto_grant_sweeps`);
  }
}
