import { MigrationInterface, QueryRunner } from 'typeorm';

/** Zones, users, enterprises, idempotency keys and the append-only audit log. */
export class Foundation1795304876095 implements MigrationInterface {
  name = 'Foundation1795304876095';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`
      CREATE TABLE zones (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        name_zh text NOT NULL,
        name_en text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_zones_code UNIQUE (code)
      )`);
    await q.query(`
      CREATE TABLE enterprises (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        uscc text NOT NULL,
        name text NOT NULL,
        zone_id uuid NOT NULL REFERENCES zones(id),
        bank_name text,
        bank_account_name text,
        bank_account_no text,
        bank_cnaps_code text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_enterprises_uscc UNIQUE (uscc),
        CONSTRAINT ck_enterprises_uscc CHECK (uscc ~ '^[0-9A-HJ-NP-RTUWXY]{18}$')
      )`);
    await q.query(`CREATE INDEX ix_enterprises_zone ON enterprises (zone_id, id)`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL,
        zone_id uuid REFERENCES zones(id),
        enterprise_id uuid REFERENCES enterprises(id),
        is_enterprise_owner boolean NOT NULL DEFAULT false,
        display_name text NOT NULL,
        email text,
        locale text NOT NULL DEFAULT 'zh-CN',
        is_active boolean NOT NULL DEFAULT true,
        token_version integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_users_username UNIQUE (username),
        CONSTRAINT ck_users_username_lower CHECK (username = lower(username)),
        CONSTRAINT ck_users_role CHECK (role IN ('enterprise','officer','director','expert','finance','policy_admin','auditor','admin')),
        CONSTRAINT ck_users_binding CHECK (
          (role = 'enterprise' AND enterprise_id IS NOT NULL AND zone_id IS NOT NULL)
          OR (role = 'admin' AND enterprise_id IS NULL)
          OR (role NOT IN ('enterprise','admin') AND zone_id IS NOT NULL AND enterprise_id IS NULL)
        ),
        CONSTRAINT ck_users_locale CHECK (locale IN ('zh-CN','en'))
      )`);
    await q.query(
      `CREATE INDEX ix_users_enterprise ON users (enterprise_id) WHERE enterprise_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX ix_users_zone_role ON users (zone_id, role)`);
    await q.query(`
      CREATE TABLE idempotency_keys (
        scope text NOT NULL,
        key text NOT NULL,
        method text NOT NULL,
        path text NOT NULL,
        request_hash text NOT NULL,
        state text NOT NULL CHECK (state IN ('in_flight','done')),
        response_status integer,
        response_body jsonb,
        response_content_type text,
        locked_until timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`);
    await q.query(`CREATE INDEX ix_idempotency_keys_expires ON idempotency_keys (expires_at)`);
    await q.query(`
      CREATE TABLE audit_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        stream text NOT NULL,
        seq integer NOT NULL CHECK (seq >= 1),
        zone_id uuid,
        enterprise_id uuid,
        actor_id uuid,
        actor_role text NOT NULL,
        action text NOT NULL,
        from_state text,
        to_state text,
        comment text,
        amount_fen bigint,
        data jsonb NOT NULL DEFAULT '{}'::jsonb,
        correlation_id text,
        created_at timestamptz NOT NULL,
        prev_hash text,
        hash text NOT NULL,
        CONSTRAINT uq_audit_events_stream_seq UNIQUE (stream, seq)
      )`);
    await q.query(`CREATE INDEX ix_audit_events_zone ON audit_events (zone_id, created_at)`);
    // Append-only: the application may insert and read, never change or remove an audit event.
    await q.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_events`);
    await q.query(`DROP FUNCTION audit_events_append_only()`);
    await q.query(`DROP TABLE idempotency_keys`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE enterprises`);
    await q.query(`DROP TABLE zones`);
  }
}
