import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bank statements that real banks export, and hand matching under four eyes:
 * - a statement line left unresolved (unknown reference, amount mismatch, needs review) is superseded
 *   when a corrected statement brings the same bank transaction again: its dedupe key is set aside
 *   (`superseded_by` = the import that took it over) so the new line is stored and settled. Settled
 *   lines keep their key: the duplicate guard protects settled money only;
 * - match proposals: one finance user proposes the payment or clawback an unresolved line pays, a
 *   second confirms it (the ledger entry is made then) or rejects it. One pending and one confirmed
 *   proposal per line at most; the proposer can never be the confirmer (CHECK).
 */
export class StatementMatching1795350000000 implements MigrationInterface {
  name = 'StatementMatching1795350000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE bank_statement_lines
        ADD COLUMN superseded_by uuid REFERENCES bank_statement_imports(id)`);
    await q.query(`
      CREATE TABLE bank_line_match_proposals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        zone_id uuid NOT NULL REFERENCES zones(id),
        statement_line_id uuid NOT NULL REFERENCES bank_statement_lines(id),
        item_id uuid REFERENCES disbursement_items(id),
        receivable_id uuid REFERENCES clawback_receivables(id),
        reference text NOT NULL,
        comment text NOT NULL,
        state text NOT NULL CHECK (state IN ('pending','confirmed','rejected','void')),
        proposed_by uuid NOT NULL REFERENCES users(id),
        proposed_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        decision_comment text,
        CONSTRAINT ck_bank_line_match_proposals_target CHECK ((item_id IS NULL) <> (receivable_id IS NULL)),
        CONSTRAINT ck_bank_line_match_proposals_four_eyes CHECK (decided_by IS NULL OR decided_by <> proposed_by),
        CONSTRAINT ck_bank_line_match_proposals_decided CHECK ((state = 'pending') = (decided_at IS NULL))
      )`);
    await q.query(`
      CREATE UNIQUE INDEX uq_bank_line_match_proposals_pending ON bank_line_match_proposals (statement_line_id)
      WHERE state = 'pending'`);
    await q.query(`
      CREATE UNIQUE INDEX uq_bank_line_match_proposals_confirmed ON bank_line_match_proposals (statement_line_id)
      WHERE state = 'confirmed'`);
    await q.query(`
      CREATE INDEX ix_bank_line_match_proposals_zone ON bank_line_match_proposals (zone_id, proposed_at DESC)
      WHERE state = 'pending'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE bank_line_match_proposals`);
    await q.query(`ALTER TABLE bank_statement_lines DROP COLUMN superseded_by`);
  }
}
