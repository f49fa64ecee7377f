import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox: API transactions write the work to do here; the worker relays rows to
 * BullMQ and marks each done only in the same transaction as the processor's effect.
 */
export class Outbox1795305449074 implements MigrationInterface {
  name = 'Outbox1795305449074';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        queue text NOT NULL,
        job_name text NOT NULL,
        payload jsonb NOT NULL,
        correlation_id text,
        dedup_key text,
        available_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        send_count integer NOT NULL DEFAULT 0,
        done_at timestamptz,
        failed_at timestamptz,
        last_error text,
        CONSTRAINT uq_outbox_dedup_key UNIQUE (dedup_key)
      )`);
    await q.query(
      `CREATE INDEX ix_outbox_unsent ON outbox (available_at, id) WHERE sent_at IS NULL AND done_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX ix_outbox_unfinished ON outbox (sent_at) WHERE sent_at IS NOT NULL AND done_at IS NULL`,
    );
    await q.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('huiqi_outbox', '');
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER outbox_inserted AFTER INSERT ON outbox
      FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox`);
    await q.query(`DROP FUNCTION outbox_notify()`);
  }
}
