import { MigrationInterface, QueryRunner } from 'typeorm';

/** States in which an application no longer holds its place (it can be applied for again). */
const INACTIVE = `('rejected','withdrawn','expired','cancelled','revoked','declined','lapsed')`;

/**
 * Applications (one row per case: an application, an auto-grant offer, or one installment of a
 * multi-year grant), their documents, stage log and the blacklist. The unique indexes carry the
 * invariants: one auto grant per (enterprise, program version, period, beneficiary); one active case per
 * (enterprise, program, period, beneficiary) once submitted; one talent award per person.
 */
export class Applications1795305582630 implements MigrationInterface {
  name = 'Applications1795305582630';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE application_reference_seq`);
    await q.query(`
      CREATE TABLE applications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL DEFAULT ('HQ' || lpad(nextval('application_reference_seq')::text, 9, '0')),
        zone_id uuid NOT NULL REFERENCES zones(id),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        program_code text NOT NULL,
        program_version integer NOT NULL,
        mode text NOT NULL CHECK (mode IN ('apply','auto','commitment')),
        beneficiary_kind text NOT NULL CHECK (beneficiary_kind IN ('enterprise','person','investor')),
        beneficiary_key text NOT NULL,
        period text NOT NULL,
        fiscal_year integer NOT NULL,
        parent_id uuid REFERENCES applications(id),
        installment_index integer CHECK (installment_index >= 1),
        state text NOT NULL,
        machine_version integer NOT NULL,
        snapshot jsonb NOT NULL,
        version integer NOT NULL DEFAULT 1,
        form jsonb NOT NULL DEFAULT '{}'::jsonb,
        person_id_hash text,
        computed_amount_fen bigint CHECK (computed_amount_fen >= 0),
        approved_amount_fen bigint CHECK (approved_amount_fen >= 0),
        paid_amount_fen bigint CHECK (paid_amount_fen >= 0),
        evidence jsonb,
        exclusivity_group text,
        exclusivity_conflicts jsonb NOT NULL DEFAULT '[]'::jsonb,
        assignee_id uuid REFERENCES users(id),
        stage text,
        stage_started_at timestamptz,
        stage_due_at timestamptz,
        escalated_at timestamptz,
        created_by uuid REFERENCES users(id),
        submitted_at timestamptz,
        approved_at timestamptz,
        paid_at timestamptz,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_applications_reference UNIQUE (reference),
        CONSTRAINT ck_applications_installment CHECK ((parent_id IS NULL) = (installment_index IS NULL))
      )`);
    await q.query(`CREATE INDEX ix_applications_inbox ON applications (zone_id, state, stage_due_at)`);
    await q.query(`CREATE INDEX ix_applications_enterprise ON applications (enterprise_id, created_at DESC)`);
    await q.query(
      `CREATE INDEX ix_applications_assignee ON applications (assignee_id, state) WHERE assignee_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX ix_applications_program ON applications (zone_id, program_code, state)`);
    await q.query(`
      CREATE UNIQUE INDEX uq_applications_auto_grant
      ON applications (enterprise_id, program_code, program_version, period, beneficiary_key)
      WHERE mode = 'auto' AND parent_id IS NULL`);
    await q.query(`
      CREATE UNIQUE INDEX uq_applications_installment ON applications (parent_id, installment_index)
      WHERE parent_id IS NOT NULL`);
    await q.query(`
      CREATE UNIQUE INDEX uq_applications_active_per_period
      ON applications (enterprise_id, program_code, period, beneficiary_key)
      WHERE mode <> 'auto' AND parent_id IS NULL AND state <> 'draft' AND state NOT IN ${INACTIVE}`);
    await q.query(`
      CREATE UNIQUE INDEX uq_applications_person_award ON applications (program_code, person_id_hash)
      WHERE person_id_hash IS NOT NULL AND parent_id IS NULL AND state <> 'draft' AND state NOT IN ${INACTIVE}`);

    await q.query(`
      CREATE TABLE application_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES applications(id),
        zone_id uuid NOT NULL REFERENCES zones(id),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        document_type text NOT NULL,
        file_name text NOT NULL,
        content_type text NOT NULL,
        size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key text NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        removed_at timestamptz,
        removed_by uuid REFERENCES users(id)
      )`);
    await q.query(
      `CREATE INDEX ix_application_documents_app ON application_documents (application_id) WHERE removed_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE application_stage_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES applications(id),
        zone_id uuid NOT NULL,
        stage text NOT NULL,
        assignee_id uuid REFERENCES users(id),
        entered_at timestamptz NOT NULL,
        due_at timestamptz,
        left_at timestamptz,
        left_by uuid REFERENCES users(id),
        on_time boolean
      )`);
    await q.query(
      `CREATE INDEX ix_stage_log_open ON application_stage_log (application_id) WHERE left_at IS NULL`,
    );
    await q.query(`CREATE INDEX ix_stage_log_zone ON application_stage_log (zone_id, stage, entered_at)`);

    await q.query(`
      CREATE TABLE enterprise_blacklist (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        zone_id uuid NOT NULL REFERENCES zones(id),
        reason text NOT NULL,
        source_application_id uuid REFERENCES applications(id),
        barred_from timestamptz NOT NULL DEFAULT now(),
        barred_until timestamptz NOT NULL,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        lifted_at timestamptz,
        CONSTRAINT uq_blacklist_source UNIQUE (source_application_id)
      )`);
    await q.query(
      `CREATE INDEX ix_blacklist_enterprise ON enterprise_blacklist (enterprise_id, barred_until)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE enterprise_blacklist`);
    await q.query(`DROP TABLE application_stage_log`);
    await q.query(`DROP TABLE application_documents`);
    await q.query(`DROP TABLE applications`);
    await q.query(`DROP SEQUENCE application_reference_seq`);
  }
}
