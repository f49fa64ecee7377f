/**
 * `npm run migration:generate -- <Name>`: writes a migration adding the tables, columns and types the
 * entities declare and the database lacks, and registers it in migrations/index.ts.
 *
 * Run it against a database migrated to the current head (`npm run migration:run`). It never generates
 * drops: the hand-written schema's constraints, indexes and defaults are not in the entities (see
 * libs/database/src/schema/entity-drift.ts); a constraint, an index or a removal is written by hand.
 */
import { exitOnConfigError, loadConfig } from '@huiqi/config';
import { dataSourceOptions } from '@huiqi/database';
import { classifyEntityDrift, renderMigration } from '@huiqi/database/schema/entity-drift';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DataSource } from 'typeorm';
import { useLocalSecrets } from './local-secrets';

const MIGRATIONS_DIR = join(__dirname, '..', 'libs', 'database', 'src', 'migrations');

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const name = basename(process.argv[2] ?? '').replace(/\.ts$/, '');
  if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(name))
    fail('Usage: npm run migration:generate -- <Name>   (letters, digits and dashes, e.g. GrantNotes)');
  let config;
  try {
    useLocalSecrets();
    config = loadConfig();
  } catch (error) {
    exitOnConfigError(error);
  }
  const ds = await new DataSource(dataSourceOptions(config, 'huiqi-cli')).initialize();
  try {
    if (await ds.showMigrations())
      fail('The database has pending migrations: run `npm run migration:run` first, then generate.');
    const { upQueries } = await ds.driver.createSchemaBuilder().log();
    const drift = classifyEntityDrift(upQueries.map((q) => q.query));
    if (drift.additive.length === 0) {
      process.stdout.write(
        `Entities and migrations agree: nothing to generate (${drift.ignored.length} statements about hand-written constraints, indexes and defaults left out).\n`,
      );
      return;
    }
    const timestamp = Date.now();
    const pascal = name.replace(/(^|-)([a-z0-9])/gi, (_, __, c: string) => c.toUpperCase());
    const className = `${pascal}${timestamp}`;
    const fileBase = `${timestamp}-${name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`;
    writeFileSync(join(MIGRATIONS_DIR, `${fileBase}.ts`), renderMigration(className, drift));
    registerMigration(className, fileBase);
    process.stdout.write(
      `Wrote libs/database/src/migrations/${fileBase}.ts (${drift.additive.length} statements) and registered it in index.ts.\n` +
        'Add the constraints and indexes the change needs by hand.\n',
    );
  } finally {
    await ds.destroy();
  }
}

/** Adds the import and the entry at the end of MIGRATIONS, the order migrations run in. */
function registerMigration(className: string, fileBase: string): void {
  const indexPath = join(MIGRATIONS_DIR, 'index.ts');
  const source = readFileSync(indexPath, 'utf8');
  const lastImport = source.lastIndexOf('\nimport ');
  const importEnd = source.indexOf('\n', lastImport + 1);
  const withImport =
    source.slice(0, importEnd + 1) +
    `import { ${className} } from './${fileBase}';\n` +
    source.slice(importEnd + 1);
  const listEnd = withImport.lastIndexOf('];');
  if (listEnd < 0) fail(`Could not find the MIGRATIONS list in ${indexPath}; register ${className} by hand.`);
  writeFileSync(indexPath, `${withImport.slice(0, listEnd)}  ${className},\n${withImport.slice(listEnd)}`);
}

void main();
