import type { DataSource } from 'typeorm';
import type { Seeder } from '../seed/seeders';
import { IdNumberProtector } from './id-number-protection';

const BATCH = 500;

/**
 * Seals resident ID numbers that earlier releases stored in the clear in application forms (fields of
 * type `id_number` of the application's program version). Runs at every start under the migration
 * lock, in batches, until none is left; a no-op once done.
 */
export const protectStoredIdNumbers: Seeder = async (ds, config, logger) => {
  const protector = new IdNumberProtector(config.idHashSecret);
  let sealed = 0;
  for (;;) {
    const rows = await cleartextRows(ds);
    if (rows.length === 0) break;
    await ds.transaction(async (m) => {
      for (const row of rows) {
        const locked: { form: Record<string, unknown> }[] = await m.query(
          `SELECT form FROM applications WHERE id = $1 FOR UPDATE`,
          [row.id],
        );
        await m.query(`UPDATE applications SET form = $2::jsonb WHERE id = $1`, [
          row.id,
          JSON.stringify(protector.protectFields(locked[0].form, row.fields)),
        ]);
      }
    });
    sealed += rows.length;
  }
  if (sealed > 0)
    logger.log(`Sealed resident ID numbers stored in the clear in ${sealed} application forms.`);
};

/** Applications with an `id_number` form field whose stored value is not sealed yet. */
export function cleartextRows(ds: Pick<DataSource, 'query'>): Promise<{ id: string; fields: string[] }[]> {
  return ds.query(
    `SELECT a.id, array_agg(f.field->>'name') AS fields
     FROM applications a
     JOIN program_versions pv ON pv.code = a.program_code AND pv.version = a.program_version
     CROSS JOIN LATERAL jsonb_array_elements(pv.definition->'formFields') AS f(field)
     WHERE f.field->>'type' = 'id_number'
       AND jsonb_typeof(a.form -> (f.field->>'name')) = 'string'
       AND left(a.form ->> (f.field->>'name'), 7) <> 'enc:v1:'
     GROUP BY a.id
     LIMIT ${BATCH}`,
  );
}
