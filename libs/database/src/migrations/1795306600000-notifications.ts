import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications: the in-app inbox, each user's channel choices, zones' webhook endpoints and the record
 * of every email and webhook delivery. The unique keys make a redelivered notification job write
 * nothing twice: one inbox row per (outbox row, recipient), one delivery per (outbox row, recipient,
 * channel, endpoint).
 */
export class Notifications1795306600000 implements MigrationInterface {
  name = 'Notifications1795306600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        outbox_id bigint NOT NULL,
        user_id uuid NOT NULL REFERENCES users(id),
        zone_id uuid REFERENCES zones(id),
        application_id uuid REFERENCES applications(id),
        template text NOT NULL,
        locale text NOT NULL CHECK (locale IN ('zh-CN','en')),
        title text NOT NULL,
        body text NOT NULL,
        link text,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_notifications_outbox_user UNIQUE (outbox_id, user_id)
      )`);
    await q.query(`CREATE INDEX ix_notifications_user ON notifications (user_id, created_at DESC, id DESC)`);
    await q.query(
      `CREATE INDEX ix_notifications_unread ON notifications (user_id, created_at DESC) WHERE read_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE notification_preferences (
        user_id uuid PRIMARY KEY REFERENCES users(id),
        in_app boolean NOT NULL DEFAULT true,
        email boolean NOT NULL DEFAULT true,
        webhook boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE zone_webhooks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        zone_id uuid NOT NULL REFERENCES zones(id),
        url text NOT NULL CHECK (url ~ '^https?://'),
        secret text NOT NULL CHECK (length(secret) >= 32),
        description text,
        enabled boolean NOT NULL DEFAULT true,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_zone_webhooks_zone ON zone_webhooks (zone_id) WHERE deleted_at IS NULL`);

    await q.query(`
      CREATE TABLE notification_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        notification_outbox_id bigint NOT NULL,
        user_id uuid NOT NULL REFERENCES users(id),
        zone_id uuid REFERENCES zones(id),
        application_id uuid REFERENCES applications(id),
        template text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('email','webhook')),
        webhook_id uuid REFERENCES zone_webhooks(id),
        target text NOT NULL,
        content jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending','retrying','sent','failed','cancelled')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        last_attempt_at timestamptz,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_notification_deliveries_webhook CHECK ((channel = 'webhook') = (webhook_id IS NOT NULL))
      )`);
    // An expression rather than UNIQUE NULLS NOT DISTINCT, which needs PostgreSQL 15.
    await q.query(`
      CREATE UNIQUE INDEX uq_notification_deliveries ON notification_deliveries
        (notification_outbox_id, user_id, channel, coalesce(webhook_id, '00000000-0000-0000-0000-000000000000'::uuid))`);
    await q.query(
      `CREATE INDEX ix_notification_deliveries_status ON notification_deliveries (status, created_at DESC) WHERE status <> 'sent'`,
    );
    await q.query(
      `CREATE INDEX ix_notification_deliveries_app ON notification_deliveries (application_id, created_at)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_deliveries`);
    await q.query(`DROP TABLE zone_webhooks`);
    await q.query(`DROP TABLE notification_preferences`);
    await q.query(`DROP TABLE notifications`);
  }
}
