import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Finance: fund pools, the double-entry ledger, reservations, disbursement batches, bank statements
 * and clawback receivables.
 *
 * The database carries the money invariants, not the application code:
 * - a journal's entries are inserted by one statement and must sum to zero (double entry);
 * - a pool's balance columns are maintained only by the ledger trigger, from the entries;
 * - `ck_fund_pools_not_overcommitted`: reserved + paid ≤ allocated, whatever the callers do;
 * - one reservation, one release and one payment journal per application; one open and one paid
 *   disbursement item per application; one processed statement line per bank transaction.
 */
export class Finance1795305883831 implements MigrationInterface {
  name = 'Finance1795305883831';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE fund_pools (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        zone_id uuid NOT NULL REFERENCES zones(id),
        scope text NOT NULL CHECK (scope IN ('program','policy_document')),
        program_code text,
        policy_document_code text,
        fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
        name text NOT NULL,
        allocated_fen bigint NOT NULL DEFAULT 0,
        available_fen bigint NOT NULL DEFAULT 0,
        reserved_fen bigint NOT NULL DEFAULT 0,
        paid_fen bigint NOT NULL DEFAULT 0,
        clawed_back_fen bigint NOT NULL DEFAULT 0,
        receivable_fen bigint NOT NULL DEFAULT 0,
        recovered_fen bigint NOT NULL DEFAULT 0,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_fund_pools_scope CHECK (
          (scope = 'program' AND program_code IS NOT NULL AND policy_document_code IS NULL)
          OR (scope = 'policy_document' AND policy_document_code IS NOT NULL AND program_code IS NULL)
        ),
        CONSTRAINT ck_fund_pools_non_negative CHECK (
          allocated_fen >= 0 AND available_fen >= 0 AND reserved_fen >= 0 AND paid_fen >= 0
          AND clawed_back_fen >= 0 AND receivable_fen >= 0 AND recovered_fen >= 0
        ),
        CONSTRAINT ck_fund_pools_not_overcommitted CHECK (reserved_fen + paid_fen <= allocated_fen),
        CONSTRAINT ck_fund_pools_available CHECK (available_fen = allocated_fen - reserved_fen - paid_fen),
        CONSTRAINT ck_fund_pools_receivable CHECK (receivable_fen = clawed_back_fen - recovered_fen)
      )`);
    await q.query(`
      CREATE UNIQUE INDEX uq_fund_pools_program ON fund_pools (zone_id, program_code, fiscal_year)
      WHERE scope = 'program'`);
    await q.query(`
      CREATE UNIQUE INDEX uq_fund_pools_policy_document ON fund_pools (zone_id, policy_document_code, fiscal_year)
      WHERE scope = 'policy_document'`);
    // Balances change only through ledger entries (the ledger trigger runs at trigger depth 2).
    await q.query(`
      CREATE FUNCTION fund_pools_balances_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF NEW.allocated_fen <> 0 OR NEW.available_fen <> 0 OR NEW.reserved_fen <> 0 OR NEW.paid_fen <> 0
             OR NEW.clawed_back_fen <> 0 OR NEW.receivable_fen <> 0 OR NEW.recovered_fen <> 0 THEN
            RAISE EXCEPTION 'a fund pool starts empty: allocate through the ledger'
              USING ERRCODE = 'insufficient_privilege';
          END IF;
        ELSIF pg_trigger_depth() < 2 AND (
          NEW.allocated_fen, NEW.available_fen, NEW.reserved_fen, NEW.paid_fen,
          NEW.clawed_back_fen, NEW.receivable_fen, NEW.recovered_fen
        ) IS DISTINCT FROM (
          OLD.allocated_fen, OLD.available_fen, OLD.reserved_fen, OLD.paid_fen,
          OLD.clawed_back_fen, OLD.receivable_fen, OLD.recovered_fen
        ) THEN
          RAISE EXCEPTION 'fund pool balances change only through ledger entries'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER fund_pools_balances_guarded BEFORE INSERT OR UPDATE ON fund_pools
      FOR EACH ROW EXECUTE FUNCTION fund_pools_balances_guard()`);

    await q.query(`
      CREATE TABLE fund_reservations (
        application_id uuid PRIMARY KEY REFERENCES applications(id),
        pool_id uuid NOT NULL REFERENCES fund_pools(id),
        zone_id uuid NOT NULL REFERENCES zones(id),
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        status text NOT NULL CHECK (status IN ('reserved','released','paid')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_fund_reservations_pool ON fund_reservations (pool_id, status)`);

    await q.query(`CREATE SEQUENCE clawback_reference_seq`);
    await q.query(`
      CREATE TABLE clawback_receivables (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL DEFAULT ('ZH' || lpad(nextval('clawback_reference_seq')::text, 9, '0')),
        zone_id uuid NOT NULL REFERENCES zones(id),
        pool_id uuid NOT NULL REFERENCES fund_pools(id),
        application_id uuid NOT NULL REFERENCES applications(id),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        recovered_fen bigint NOT NULL DEFAULT 0 CHECK (recovered_fen >= 0),
        state text NOT NULL CHECK (state IN ('open','settled')),
        source text NOT NULL CHECK (source IN ('workflow','finance')),
        reason text NOT NULL,
        due_on date NOT NULL,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        settled_at timestamptz,
        CONSTRAINT uq_clawback_receivables_reference UNIQUE (reference),
        CONSTRAINT uq_clawback_receivables_application UNIQUE (application_id),
        CONSTRAINT ck_clawback_receivables_recovered CHECK (recovered_fen <= amount_fen),
        CONSTRAINT ck_clawback_receivables_settled CHECK (
          (state = 'settled') = (recovered_fen = amount_fen) AND (state = 'settled') = (settled_at IS NOT NULL)
        )
      )`);
    await q.query(
      `CREATE INDEX ix_clawback_receivables_open ON clawback_receivables (enterprise_id, created_at) WHERE state = 'open'`,
    );
    await q.query(`CREATE INDEX ix_clawback_receivables_zone ON clawback_receivables (zone_id, created_at)`);

    await q.query(`CREATE SEQUENCE disbursement_batch_reference_seq`);
    await q.query(`
      CREATE TABLE disbursement_batches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL DEFAULT ('PB' || lpad(nextval('disbursement_batch_reference_seq')::text, 8, '0')),
        zone_id uuid NOT NULL REFERENCES zones(id),
        state text NOT NULL CHECK (state IN ('draft','locked','exported','settled','partly_settled','cancelled')),
        filters jsonb NOT NULL DEFAULT '{}'::jsonb,
        note text,
        created_by uuid REFERENCES users(id),
        locked_by uuid REFERENCES users(id),
        locked_at timestamptz,
        exported_by uuid REFERENCES users(id),
        exported_at timestamptz,
        export_count integer NOT NULL DEFAULT 0,
        closed_at timestamptz,
        cancelled_by uuid REFERENCES users(id),
        cancelled_at timestamptz,
        cancel_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_disbursement_batches_reference UNIQUE (reference)
      )`);
    await q.query(
      `CREATE INDEX ix_disbursement_batches_zone ON disbursement_batches (zone_id, created_at DESC)`,
    );
    await q.query(`
      CREATE TABLE disbursement_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        batch_id uuid NOT NULL REFERENCES disbursement_batches(id),
        zone_id uuid NOT NULL REFERENCES zones(id),
        application_id uuid NOT NULL REFERENCES applications(id),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        pool_id uuid NOT NULL REFERENCES fund_pools(id),
        payment_reference text NOT NULL,
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        offset_fen bigint NOT NULL DEFAULT 0 CHECK (offset_fen >= 0 AND offset_fen <= amount_fen),
        transfer_fen bigint GENERATED ALWAYS AS (amount_fen - offset_fen) STORED,
        state text NOT NULL CHECK (state IN ('draft','awaiting_bank','paid','returned','removed','cancelled')),
        payee_name text,
        payee_uscc text,
        bank_name text,
        account_no text,
        cnaps_code text,
        outcome_reason text,
        value_date date,
        settled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_disbursement_items_payment_reference UNIQUE (payment_reference),
        CONSTRAINT ck_disbursement_items_payee CHECK (
          state IN ('draft','removed') OR (payee_name IS NOT NULL AND account_no IS NOT NULL AND bank_name IS NOT NULL)
        )
      )`);
    await q.query(`
      CREATE UNIQUE INDEX uq_disbursement_items_open ON disbursement_items (application_id)
      WHERE state IN ('draft','awaiting_bank')`);
    await q.query(`
      CREATE UNIQUE INDEX uq_disbursement_items_paid ON disbursement_items (application_id) WHERE state = 'paid'`);
    await q.query(
      `CREATE INDEX ix_disbursement_items_batch ON disbursement_items (batch_id, payment_reference)`,
    );
    await q.query(`
      CREATE TABLE disbursement_offsets (
        item_id uuid NOT NULL REFERENCES disbursement_items(id),
        receivable_id uuid NOT NULL REFERENCES clawback_receivables(id),
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        PRIMARY KEY (item_id, receivable_id)
      )`);
    await q.query(`CREATE INDEX ix_disbursement_offsets_receivable ON disbursement_offsets (receivable_id)`);

    await q.query(`
      CREATE TABLE bank_statement_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        zone_id uuid NOT NULL REFERENCES zones(id),
        file_name text NOT NULL,
        content_sha256 text NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
        line_count integer NOT NULL CHECK (line_count >= 0),
        counts jsonb NOT NULL,
        results jsonb NOT NULL,
        imported_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX ix_bank_statement_imports_zone ON bank_statement_imports (zone_id, created_at DESC)`,
    );
    await q.query(`
      CREATE TABLE bank_statement_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        zone_id uuid NOT NULL REFERENCES zones(id),
        import_id uuid NOT NULL REFERENCES bank_statement_imports(id),
        line_no integer NOT NULL,
        dedupe_key text NOT NULL,
        transaction_id text,
        value_date date NOT NULL,
        direction text NOT NULL CHECK (direction IN ('debit','credit')),
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        reference text,
        bank_status text NOT NULL CHECK (bank_status IN ('success','returned','failed')),
        counterparty_name text,
        counterparty_account text,
        bank_reason text,
        outcome text NOT NULL,
        detail text,
        item_id uuid REFERENCES disbursement_items(id),
        receivable_id uuid REFERENCES clawback_receivables(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_bank_statement_lines_dedupe UNIQUE (zone_id, dedupe_key)
      )`);
    await q.query(
      `CREATE INDEX ix_bank_statement_lines_item ON bank_statement_lines (item_id) WHERE item_id IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE ledger_journals (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        zone_id uuid NOT NULL REFERENCES zones(id),
        pool_id uuid NOT NULL REFERENCES fund_pools(id),
        kind text NOT NULL CHECK (kind IN ('allocate','deallocate','reserve','release','pay','clawback','recover')),
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        application_id uuid REFERENCES applications(id),
        receivable_id uuid REFERENCES clawback_receivables(id),
        disbursement_item_id uuid REFERENCES disbursement_items(id),
        statement_line_id uuid REFERENCES bank_statement_lines(id),
        memo text,
        actor_id uuid REFERENCES users(id),
        actor_role text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_ledger_journals_id_pool UNIQUE (id, pool_id),
        CONSTRAINT ck_ledger_journals_refs CHECK (
          (kind IN ('allocate','deallocate') AND application_id IS NULL)
          OR (kind IN ('reserve','release','pay') AND application_id IS NOT NULL)
          OR (kind = 'clawback' AND receivable_id IS NOT NULL)
          OR (kind = 'recover' AND receivable_id IS NOT NULL
              AND (statement_line_id IS NOT NULL OR disbursement_item_id IS NOT NULL))
        )
      )`);
    await q.query(`CREATE INDEX ix_ledger_journals_pool ON ledger_journals (pool_id, id)`);
    await q.query(
      `CREATE UNIQUE INDEX uq_ledger_journals_reserve ON ledger_journals (application_id) WHERE kind = 'reserve'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX uq_ledger_journals_release ON ledger_journals (application_id) WHERE kind = 'release'`,
    );
    // Nothing is paid twice: one payment journal per grant (application or installment).
    await q.query(
      `CREATE UNIQUE INDEX uq_ledger_journals_pay ON ledger_journals (application_id) WHERE kind = 'pay'`,
    );
    await q.query(`
      CREATE TABLE ledger_entries (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        journal_id bigint NOT NULL,
        pool_id uuid NOT NULL,
        account text NOT NULL CHECK (account IN ('funding','available','reserved','paid','clawback','receivable','recovered')),
        amount_fen bigint NOT NULL CHECK (amount_fen <> 0),
        CONSTRAINT fk_ledger_entries_journal FOREIGN KEY (journal_id, pool_id) REFERENCES ledger_journals (id, pool_id)
      )`);
    await q.query(`CREATE INDEX ix_ledger_entries_journal ON ledger_entries (journal_id)`);
    await q.query(`CREATE INDEX ix_ledger_entries_pool ON ledger_entries (pool_id, account)`);
    // Double entry, enforced here: the entries of a journal arrive in one statement and sum to zero;
    // the pool's balances are then moved by exactly those entries (debit positive, credit negative).
    await q.query(`
      CREATE FUNCTION ledger_entries_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM inserted GROUP BY journal_id HAVING sum(amount_fen) <> 0 OR count(*) < 2) THEN
          RAISE EXCEPTION 'every ledger journal must have at least two entries summing to zero'
            USING ERRCODE = 'check_violation';
        END IF;
        IF EXISTS (
          SELECT 1 FROM ledger_entries e
          WHERE e.journal_id IN (SELECT journal_id FROM inserted)
            AND e.id NOT IN (SELECT id FROM inserted)
        ) THEN
          RAISE EXCEPTION 'a ledger journal is closed once its entries are written'
            USING ERRCODE = 'check_violation';
        END IF;
        UPDATE fund_pools p SET
          allocated_fen = p.allocated_fen - d.funding,
          available_fen = p.available_fen + d.available,
          reserved_fen = p.reserved_fen + d.reserved,
          paid_fen = p.paid_fen + d.paid,
          clawed_back_fen = p.clawed_back_fen - d.clawback,
          receivable_fen = p.receivable_fen + d.receivable,
          recovered_fen = p.recovered_fen + d.recovered,
          updated_at = now()
        FROM (
          SELECT pool_id,
            coalesce(sum(amount_fen) FILTER (WHERE account = 'funding'), 0) AS funding,
            coalesce(sum(amount_fen) FILTER (WHERE account = 'available'), 0) AS available,
            coalesce(sum(amount_fen) FILTER (WHERE account = 'reserved'), 0) AS reserved,
            coalesce(sum(amount_fen) FILTER (WHERE account = 'paid'), 0) AS paid,
            coalesce(sum(amount_fen) FILTER (WHERE account = 'clawback'), 0) AS clawback,
            coalesce(sum(amount_fen) FILTER (WHERE account = 'receivable'), 0) AS receivable,
            coalesce(sum(amount_fen) FILTER (WHERE account = 'recovered'), 0) AS recovered
          FROM inserted GROUP BY pool_id
        ) d
        WHERE p.id = d.pool_id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER ledger_entries_applied AFTER INSERT ON ledger_entries
      REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_apply()`);
    await q.query(`
      CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['ledger_journals', 'ledger_entries']) {
      await q.query(`
        CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION ledger_append_only()`);
      await q.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only()`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ledger_entries`);
    await q.query(`DROP TABLE ledger_journals`);
    await q.query(`DROP FUNCTION ledger_entries_apply()`);
    await q.query(`DROP FUNCTION ledger_append_only()`);
    await q.query(`DROP TABLE bank_statement_lines`);
    await q.query(`DROP TABLE bank_statement_imports`);
    await q.query(`DROP TABLE disbursement_offsets`);
    await q.query(`DROP TABLE disbursement_items`);
    await q.query(`DROP TABLE disbursement_batches`);
    await q.query(`DROP SEQUENCE disbursement_batch_reference_seq`);
    await q.query(`DROP TABLE clawback_receivables`);
    await q.query(`DROP SEQUENCE clawback_reference_seq`);
    await q.query(`DROP TABLE fund_reservations`);
    await q.query(`DROP TABLE fund_pools`);
    await q.query(`DROP FUNCTION fund_pools_balances_guard()`);
  }
}
