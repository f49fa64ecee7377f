import { SEED_CATALOG } from '@huiqi/policies';
import type { Seeder } from '../seed/seeders';

/**
 * Loads the seed catalog (every program of the four zones, version 1) once. Versions are immutable,
 * so an existing (code, version) is left alone; new versions are published through the API.
 */
export const seedCatalog: Seeder = async (ds, _config, logger) => {
  let added = 0;
  for (const def of SEED_CATALOG) {
    const rows: unknown[] = await ds.query(
      `INSERT INTO program_versions
         (code, version, zone_id, mode, category, policy_document_code, status, definition, effective_from, effective_to, published_at)
       SELECT $1, $2, z.id, $4, $5, $6, 'published', $7::jsonb, $8, $9, now() FROM zones z WHERE z.code = $3
       ON CONFLICT (code, version) DO NOTHING RETURNING 1`,
      [
        def.code,
        def.version,
        def.zone,
        def.mode,
        def.category,
        def.policyDocument.code,
        JSON.stringify(def),
        def.effectiveFrom,
        def.effectiveTo ?? null,
      ],
    );
    added += rows.length;
  }
  if (added > 0) logger.log(`Loaded ${added} program versions from the seed catalog.`);
};
