import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The language a user chose for the API's messages (`PUT /me/preferences`). NULL until they choose:
 * then each request's `Accept-Language` decides. `locale` (notifications) keeps its default.
 */
export class UserLanguagePreference1795330000000 implements MigrationInterface {
  name = 'UserLanguagePreference1795330000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN language_preference text NULL
      CONSTRAINT ck_users_language_preference CHECK (language_preference IN ('zh-CN','en'))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN language_preference`);
  }
}
