import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Program versions (the catalog; a version is immutable once published) and enterprise facts
 * (append-only: a correction is a newer row, so history is kept and evidence never changes).
 */
export class CatalogAndFacts1795305704099 implements MigrationInterface {
  name = 'CatalogAndFacts1795305704099';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE program_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        version integer NOT NULL CHECK (version >= 1),
        zone_id uuid NOT NULL REFERENCES zones(id),
        mode text NOT NULL CHECK (mode IN ('apply','auto','commitment')),
        category text NOT NULL,
        policy_document_code text NOT NULL,
        status text NOT NULL CHECK (status IN ('draft','published')),
        definition jsonb NOT NULL,
        effective_from date NOT NULL,
        effective_to date,
        created_by uuid REFERENCES users(id),
        published_by uuid REFERENCES users(id),
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_program_versions_code_version UNIQUE (code, version),
        CONSTRAINT ck_program_versions_published CHECK ((status = 'published') = (published_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX ix_program_versions_zone ON program_versions (zone_id, status, code)`);
    // Once published, a version never changes: applications pinned to it rely on that.
    await q.query(`
      CREATE FUNCTION program_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'published' THEN
          RAISE EXCEPTION 'program version %/% is published and cannot change', OLD.code, OLD.version
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF TG_OP = 'DELETE' THEN
          RETURN OLD;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER program_versions_published_immutable BEFORE UPDATE OR DELETE ON program_versions
      FOR EACH ROW EXECUTE FUNCTION program_versions_immutable()`);
    await q.query(`
      ALTER TABLE applications ADD CONSTRAINT fk_applications_program_version
      FOREIGN KEY (program_code, program_version) REFERENCES program_versions (code, version)`);

    await q.query(`
      CREATE TABLE enterprise_facts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        zone_id uuid NOT NULL REFERENCES zones(id),
        key text NOT NULL,
        subject text,
        period text,
        value jsonb NOT NULL,
        source text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        recorded_by uuid REFERENCES users(id),
        feed_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE INDEX ix_enterprise_facts_lookup
      ON enterprise_facts (enterprise_id, key, subject, period, received_at DESC)`);
    await q.query(`CREATE INDEX ix_enterprise_facts_zone ON enterprise_facts (zone_id, received_at)`);
    await q.query(`
      CREATE FUNCTION enterprise_facts_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'enterprise_facts is append-only: record a correction as a new fact'
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER enterprise_facts_no_update_delete BEFORE UPDATE OR DELETE ON enterprise_facts
      FOR EACH ROW EXECUTE FUNCTION enterprise_facts_append_only()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE enterprise_facts`);
    await q.query(`DROP FUNCTION enterprise_facts_append_only()`);
    await q.query(`ALTER TABLE applications DROP CONSTRAINT fk_applications_program_version`);
    await q.query(`DROP TABLE program_versions`);
    await q.query(`DROP FUNCTION program_versions_immutable()`);
  }
}
