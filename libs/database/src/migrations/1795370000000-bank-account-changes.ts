import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bank account changes wait for a zone finance user's verification before payments use them (issue 12:
 * a stolen enterprise login must not redirect the next payment). The enterprise's bank_* columns stay
 * the verified account, the only one payments read; a change lives here until it is verified (then it
 * is copied there), refused (with the reason), or superseded by a newer change of the same enterprise.
 * Accounts already on enterprises when this runs were set before the rule and count as verified.
 */
export class BankAccountChanges1795370000000 implements MigrationInterface {
  name = 'BankAccountChanges1795370000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE bank_account_changes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        zone_id uuid NOT NULL REFERENCES zones(id),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        bank_name text NOT NULL,
        account_name text NOT NULL,
        account_no text NOT NULL,
        cnaps_code text,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'verified', 'refused', 'superseded')),
        requested_by uuid NOT NULL REFERENCES users(id),
        requested_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        decision_reason text CHECK (decision_reason IS NULL OR length(decision_reason) <= 2000),
        CONSTRAINT ck_bank_account_changes_decision CHECK (
          (state = 'pending' AND decided_by IS NULL AND decided_at IS NULL)
          OR (state = 'superseded' AND decided_at IS NOT NULL)
          OR (state = 'verified' AND decided_by IS NOT NULL AND decided_at IS NOT NULL)
          OR (state = 'refused' AND decided_by IS NOT NULL AND decided_at IS NOT NULL
              AND decision_reason IS NOT NULL AND length(btrim(decision_reason)) > 0))
      )`);
    // One change waits per enterprise: a newer one supersedes it.
    await q.query(
      `CREATE UNIQUE INDEX uq_bank_account_changes_pending ON bank_account_changes (enterprise_id) WHERE state = 'pending'`,
    );
    await q.query(
      `CREATE INDEX ix_bank_account_changes_enterprise ON bank_account_changes (enterprise_id, requested_at DESC)`,
    );
    await q.query(
      `CREATE INDEX ix_bank_account_changes_zone_pending ON bank_account_changes (zone_id, requested_at) WHERE state = 'pending'`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE bank_account_changes`);
  }
}
