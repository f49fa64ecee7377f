import { MigrationInterface, QueryRunner } from 'typeorm';

/** Idempotency keys gain the state `applied`: committed with the request's effect, before its response is stored. */
export class IdempotencyApplied1795315115064 implements MigrationInterface {
  name = 'IdempotencyApplied1795315115064';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_state_check`);
    await q.query(
      `ALTER TABLE idempotency_keys ADD CONSTRAINT idempotency_keys_state_check CHECK (state IN ('in_flight','applied','done'))`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM idempotency_keys WHERE state = 'applied'`);
    await q.query(`ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_state_check`);
    await q.query(
      `ALTER TABLE idempotency_keys ADD CONSTRAINT idempotency_keys_state_check CHECK (state IN ('in_flight','done'))`,
    );
  }
}
