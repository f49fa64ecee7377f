import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Facts an enterprise declares itself (一企一档), with evidence files. A declaration counts for
 * eligibility only once an officer or director of its zone verifies it: verification writes it into
 * enterprise_facts (source self_declared) and records that fact's id here.
 */
export class DeclaredFacts1795340000000 implements MigrationInterface {
  name = 'DeclaredFacts1795340000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE declared_facts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        zone_id uuid NOT NULL REFERENCES zones(id),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        key text NOT NULL,
        period text,
        value jsonb NOT NULL,
        note text CHECK (note IS NULL OR length(note) <= 2000),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified', 'refused')),
        declared_by uuid NOT NULL REFERENCES users(id),
        declared_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        decision_comment text CHECK (decision_comment IS NULL OR length(decision_comment) <= 2000),
        fact_id uuid REFERENCES enterprise_facts(id),
        CONSTRAINT ck_declared_facts_decision CHECK (
          (status = 'pending' AND decided_by IS NULL AND decided_at IS NULL AND fact_id IS NULL)
          OR (status = 'verified' AND decided_by IS NOT NULL AND decided_at IS NOT NULL AND fact_id IS NOT NULL)
          OR (status = 'refused' AND decided_by IS NOT NULL AND decided_at IS NOT NULL AND fact_id IS NULL
              AND decision_comment IS NOT NULL AND length(btrim(decision_comment)) > 0))
      )`);
    await q.query(
      `CREATE INDEX ix_declared_facts_enterprise ON declared_facts (enterprise_id, declared_at DESC)`,
    );
    await q.query(
      `CREATE INDEX ix_declared_facts_zone_pending ON declared_facts (zone_id, declared_at) WHERE status = 'pending'`,
    );
    await q.query(`
      CREATE TABLE declared_fact_evidence (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        declared_fact_id uuid NOT NULL REFERENCES declared_facts(id),
        zone_id uuid NOT NULL REFERENCES zones(id),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        file_name text NOT NULL,
        content_type text NOT NULL,
        size_bytes integer NOT NULL CHECK (size_bytes > 0),
        sha256 text NOT NULL,
        storage_key text NOT NULL UNIQUE,
        uploaded_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX ix_declared_fact_evidence_fact ON declared_fact_evidence (declared_fact_id, created_at)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE declared_fact_evidence`);
    await q.query(`DROP TABLE declared_facts`);
  }
}
