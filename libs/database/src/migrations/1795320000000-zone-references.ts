import { MigrationInterface, QueryRunner } from 'typeorm';

/** The seed zones' tags (the letters after the kind in every reference of theirs). */
const SEED_TAGS: Record<string, string> = {
  'ningxiang-htz': 'NX',
  'xixian-new-area': 'XX',
  'changsha-etdz': 'CS',
  'guangzhou-science-city': 'GZ',
};

/**
 * References numbered per zone and per year, so one zone cannot estimate another's volume from them:
 * `<KIND><ZONETAG><YY><SERIAL6+>` — applications HQNX26000030 (payment references add P1, P2...),
 * disbursement batches PBNX26000005, clawback notices ZHNX26000001 — uppercase letters and digits only,
 * as banks strip punctuation. The old global sequences stay readable (HQ000000018P1) but make nothing new.
 *
 * Each zone gets a unique 2-4 letter tag (a trigger picks one for a new zone). Serials come from a
 * counter row per (zone, kind, year), taken by a BEFORE INSERT trigger row by row, so multi-row INSERTs
 * (a sweep's hundreds of offers in one statement) number correctly, and concurrent transactions
 * queue on the counter row instead of colliding. Year: the calendar year in Asia/Shanghai.
 */
export class ZoneReferences1795320000000 implements MigrationInterface {
  name = 'ZoneReferences1795320000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE zones ADD COLUMN reference_tag text`);
    await q.query(
      `ALTER TABLE zones ADD CONSTRAINT ck_zones_reference_tag CHECK (reference_tag ~ '^[A-Z]{2,4}$')`,
    );
    await q.query(`ALTER TABLE zones ADD CONSTRAINT uq_zones_reference_tag UNIQUE (reference_tag)`);
    await q.query(`
      CREATE FUNCTION zone_reference_tag_pick() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        letters text := upper(regexp_replace(NEW.code, '[^a-zA-Z]', '', 'g'));
        initials text := upper(array_to_string(ARRAY(
          SELECT left(part, 1) FROM unnest(string_to_array(NEW.code, '-')) AS part WHERE part ~ '^[a-zA-Z]'), ''));
        candidate text;
      BEGIN
        IF NEW.reference_tag IS NOT NULL THEN RETURN NEW; END IF;
        -- One zone insert at a time picks a tag, so two new zones never race for the same one.
        PERFORM pg_advisory_xact_lock(hashtextextended('huiqi:zone-reference-tag', 0));
        FOREACH candidate IN ARRAY ARRAY[left(initials, 4), left(letters, 2), left(letters, 3), left(letters, 4)] LOOP
          IF length(candidate) >= 2 AND NOT EXISTS (SELECT 1 FROM zones WHERE reference_tag = candidate) THEN
            NEW.reference_tag := candidate;
            RETURN NEW;
          END IF;
        END LOOP;
        LOOP
          candidate := (SELECT string_agg(chr(65 + floor(random() * 26)::int), '') FROM generate_series(1, 4));
          IF NOT EXISTS (SELECT 1 FROM zones WHERE reference_tag = candidate) THEN
            NEW.reference_tag := candidate;
            RETURN NEW;
          END IF;
        END LOOP;
      END $$`);
    await q.query(`
      CREATE TRIGGER tg_zones_reference_tag BEFORE INSERT ON zones
      FOR EACH ROW EXECUTE FUNCTION zone_reference_tag_pick()`);
    for (const [code, tag] of Object.entries(SEED_TAGS)) {
      await q.query(`UPDATE zones SET reference_tag = $2 WHERE code = $1`, [code, tag]);
    }
    // Zones made before this migration (tests, operators): through the same picking rule.
    const untagged: { id: string; code: string }[] = await q.query(
      `SELECT id, code FROM zones WHERE reference_tag IS NULL ORDER BY created_at, code`,
    );
    for (const zone of untagged) {
      await q.query(
        `WITH picked AS (
           SELECT c AS tag FROM unnest(ARRAY[
             upper(left(regexp_replace($2, '[^a-zA-Z]', '', 'g'), 2)),
             upper(left(regexp_replace($2, '[^a-zA-Z]', '', 'g'), 3)),
             upper(left(regexp_replace($2, '[^a-zA-Z]', '', 'g'), 4))]) WITH ORDINALITY AS t(c, n)
           WHERE length(c) >= 2 AND NOT EXISTS (SELECT 1 FROM zones WHERE reference_tag = c)
           ORDER BY n LIMIT 1)
         UPDATE zones SET reference_tag = coalesce((SELECT tag FROM picked),
           (SELECT string_agg(chr(65 + floor(random() * 26)::int), '') FROM generate_series(1, 4)))
         WHERE id = $1`,
        [zone.id, zone.code],
      );
    }
    await q.query(`ALTER TABLE zones ALTER COLUMN reference_tag SET NOT NULL`);

    await q.query(`
      CREATE TABLE reference_counters (
        zone_id uuid NOT NULL REFERENCES zones(id),
        kind text NOT NULL CHECK (kind IN ('HQ', 'PB', 'ZH')),
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2099),
        last_value bigint NOT NULL CHECK (last_value >= 1),
        PRIMARY KEY (zone_id, kind, year)
      )`);
    await q.query(`
      CREATE FUNCTION next_zone_reference(p_kind text, p_zone uuid) RETURNS text LANGUAGE plpgsql AS $$
      DECLARE
        y integer := extract(year FROM (now() AT TIME ZONE 'Asia/Shanghai'))::integer;
        tag text;
        n bigint;
      BEGIN
        SELECT reference_tag INTO STRICT tag FROM zones WHERE id = p_zone;
        INSERT INTO reference_counters AS c (zone_id, kind, year, last_value) VALUES (p_zone, p_kind, y, 1)
        ON CONFLICT (zone_id, kind, year) DO UPDATE SET last_value = c.last_value + 1
        RETURNING last_value INTO n;
        RETURN p_kind || tag || lpad((y % 100)::text, 2, '0') || lpad(n::text, 6, '0');
      END $$`);
    await q.query(`
      CREATE FUNCTION assign_zone_reference() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.reference IS NULL THEN
          NEW.reference := next_zone_reference(TG_ARGV[0], NEW.zone_id);
        END IF;
        RETURN NEW;
      END $$`);
    for (const [table, kind] of [
      ['applications', 'HQ'],
      ['disbursement_batches', 'PB'],
      ['clawback_receivables', 'ZH'],
    ]) {
      await q.query(`ALTER TABLE ${table} ALTER COLUMN reference DROP DEFAULT`);
      await q.query(`
        CREATE TRIGGER tg_${table}_reference BEFORE INSERT ON ${table}
        FOR EACH ROW EXECUTE FUNCTION assign_zone_reference('${kind}')`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    const defaults: [string, string, number][] = [
      ['applications', 'HQ', 9],
      ['disbursement_batches', 'PB', 8],
      ['clawback_receivables', 'ZH', 9],
    ];
    const sequences: Record<string, string> = {
      applications: 'application_reference_seq',
      disbursement_batches: 'disbursement_batch_reference_seq',
      clawback_receivables: 'clawback_reference_seq',
    };
    for (const [table, kind, width] of defaults) {
      await q.query(`DROP TRIGGER tg_${table}_reference ON ${table}`);
      await q.query(
        `ALTER TABLE ${table} ALTER COLUMN reference SET DEFAULT ('${kind}' || lpad(nextval('${sequences[table]}')::text, ${width}, '0'))`,
      );
    }
    await q.query(`DROP FUNCTION assign_zone_reference()`);
    await q.query(`DROP FUNCTION next_zone_reference(text, uuid)`);
    await q.query(`DROP TABLE reference_counters`);
    await q.query(`DROP TRIGGER tg_zones_reference_tag ON zones`);
    await q.query(`DROP FUNCTION zone_reference_tag_pick()`);
    await q.query(`ALTER TABLE zones DROP COLUMN reference_tag`);
  }
}
