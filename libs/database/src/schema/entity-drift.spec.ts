import { classifyEntityDrift, renderMigration } from './entity-drift';

describe('classifyEntityDrift', () => {
  it('keeps what adds to the schema and reverses it', () => {
    const drift = classifyEntityDrift([
      `CREATE TABLE "grant_notes" ("id" uuid NOT NULL, CONSTRAINT "PK_1" PRIMARY KEY ("id"))`,
      `ALTER TABLE "applications" ADD "note" text`,
      `CREATE TYPE "public"."grant_notes_kind_enum" AS ENUM('a', 'b')`,
      `ALTER TABLE "applications" ALTER COLUMN "title" TYPE varchar(300)`,
    ]);
    expect(drift.ignored).toEqual([]);
    expect(drift.additive.map((s) => s.down)).toEqual([
      `DROP TABLE "grant_notes"`,
      `ALTER TABLE "applications" DROP COLUMN "note"`,
      `DROP TYPE "public"."grant_notes_kind_enum"`,
      null,
    ]);
  });

  it('never generates the drops that only mean the entities do not describe a hand-written constraint', () => {
    const drift = classifyEntityDrift([
      `ALTER TABLE "fund_pools" DROP CONSTRAINT "ck_fund_pools_not_overcommitted"`,
      `ALTER TABLE "applications" DROP CONSTRAINT "applications_zone_id_fkey"`,
      `DROP INDEX "public"."uq_applications_active_per_period"`,
      `ALTER TABLE "users" ALTER COLUMN "locale" DROP DEFAULT`,
      `ALTER TABLE "x" ADD CONSTRAINT "FK_1" FOREIGN KEY ("a") REFERENCES "y"("id")`,
      `ALTER TABLE "applications" DROP COLUMN "note"`,
    ]);
    expect(drift.additive).toEqual([]);
    expect(drift.ignored).toHaveLength(6);
  });

  it('renders a migration that runs the statements up and their reverses down, in reverse order', () => {
    const source = renderMigration(
      'GrantNotes1800000000000',
      classifyEntityDrift([`CREATE TABLE "a" ("id" uuid)`, `ALTER TABLE "b" ADD "c" text DEFAULT '\${x}'`]),
    );
    expect(source).toContain('export class GrantNotes1800000000000 implements MigrationInterface');
    expect(source).toContain("name = 'GrantNotes1800000000000';");
    const up = source.slice(source.indexOf('up('), source.indexOf('down('));
    const down = source.slice(source.indexOf('down('));
    expect(up.indexOf('CREATE TABLE "a"')).toBeLessThan(up.indexOf('ADD "c"'));
    expect(up).toContain("DEFAULT '\\${x}'");
    expect(down.indexOf('DROP COLUMN "c"')).toBeLessThan(down.indexOf('DROP TABLE "a"'));
  });
});
