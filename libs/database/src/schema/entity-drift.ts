/**
 * What TypeORM's schema diff says about our entities, sorted into what a migration should add and
 * what it must not touch.
 *
 * Our migrations are written by hand: the schema carries CHECK constraints, partial unique indexes,
 * foreign keys, generated columns and defaults that the entities do not describe (the entities map
 * rows; the database enforces the invariants). TypeORM's diff therefore proposes to drop all of those.
 * Only the statements that add what an entity declares and the database lacks are worth generating.
 */
export interface EntityDrift {
  /** Statements that add a table, a column, an enum type, or change a column's type. */
  additive: { up: string; down: string | null }[];
  /** Statements TypeORM proposes only because the hand-written schema says more than the entities. */
  ignored: string[];
}

const CREATE_TABLE = /^CREATE TABLE ("[^"]+"(?:\."[^"]+")?)/;
const ADD_COLUMN = /^ALTER TABLE ("[^"]+"(?:\."[^"]+")?) ADD ("[^"]+") /;
const CREATE_TYPE = /^CREATE TYPE ("[^"]+"(?:\."[^"]+")?)/;
const ALTER_TYPE = /^ALTER TABLE "[^"]+"(?:\."[^"]+")? ALTER COLUMN "[^"]+" TYPE /;

export function classifyEntityDrift(upQueries: string[]): EntityDrift {
  const drift: EntityDrift = { additive: [], ignored: [] };
  for (const up of upQueries) {
    const table = CREATE_TABLE.exec(up);
    const column = ADD_COLUMN.exec(up);
    const type = CREATE_TYPE.exec(up);
    if (table) drift.additive.push({ up, down: `DROP TABLE ${table[1]}` });
    else if (column && !/ADD CONSTRAINT/.test(up))
      drift.additive.push({ up, down: `ALTER TABLE ${column[1]} DROP COLUMN ${column[2]}` });
    else if (type) drift.additive.push({ up, down: `DROP TYPE ${type[1]}` });
    else if (ALTER_TYPE.test(up)) drift.additive.push({ up, down: null });
    else drift.ignored.push(up);
  }
  return drift;
}

/** The source of a migration class running the additive statements (reversed in `down`). */
export function renderMigration(className: string, drift: EntityDrift): string {
  const literal = (sql: string) =>
    `\`${sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${')}\``;
  const ups = drift.additive.map((s) => `    await q.query(${literal(s.up)});`);
  const downs = [...drift.additive]
    .reverse()
    .map((s) =>
      s.down
        ? `    await q.query(${literal(s.down)});`
        : `    // reverse by hand: ${s.up.replace(/\s+/g, ' ')}`,
    );
  return [
    `import { MigrationInterface, QueryRunner } from 'typeorm';`,
    ``,
    `/** Generated from the entities by \`npm run migration:generate\`: say here why the schema changes. */`,
    `export class ${className} implements MigrationInterface {`,
    `  name = '${className}';`,
    ``,
    `  public async up(q: QueryRunner): Promise<void> {`,
    ...ups,
    `  }`,
    ``,
    `  public async down(q: QueryRunner): Promise<void> {`,
    ...downs,
    `  }`,
    `}`,
    ``,
  ].join('\n');
}

/** TypeORM's diff of the entities against a migrated database, classified. */
export async function entityDriftOf(dataSource: {
  driver: { createSchemaBuilder(): { log(): Promise<{ upQueries: { query: string }[] }> } };
}): Promise<EntityDrift> {
  const { upQueries } = await dataSource.driver.createSchemaBuilder().log();
  return classifyEntityDrift(upQueries.map((q) => q.query));
}
