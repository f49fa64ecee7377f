import type { AppConfig } from '@huiqi/config';
import { SEED_ZONE_LIST } from '@huiqi/common';
import type { DataSource } from 'typeorm';
import { seedCatalog } from '../catalog/catalog.seeder';
import { hashPassword } from '../identity/password';
import { protectStoredIdNumbers } from '../identity/protect-stored-id-numbers';

export interface SeedLogger {
  log(message: string): void;
  warn(message: string): void;
}

/** An idempotent step run after migrations, under the migration lock. */
export type Seeder = (dataSource: DataSource, config: AppConfig, logger: SeedLogger) => Promise<void>;

export const seedZones: Seeder = async (ds) => {
  for (const zone of SEED_ZONE_LIST) {
    await ds.query(
      `INSERT INTO zones (code, name_zh, name_en, reference_tag) VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING`,
      [zone.code, zone.nameZh, zone.nameEn, zone.referenceTag],
    );
  }
};

/** Creates the first admin from ADMIN_USERNAME / ADMIN_PASSWORD once; never resets an existing password. */
export const seedAdmin: Seeder = async (ds, config, logger) => {
  const { adminUsername, adminPassword } = config.auth;
  const existing: unknown[] = await ds.query(`SELECT 1 FROM users WHERE username = $1`, [adminUsername]);
  if (existing.length > 0) return;
  if (!adminPassword) {
    logger.warn(`No admin user yet and ADMIN_PASSWORD is not set: set it to create "${adminUsername}".`);
    return;
  }
  await ds.query(
    `INSERT INTO users (username, password_hash, role, display_name)
     VALUES ($1, $2, 'admin', 'Administrator') ON CONFLICT (username) DO NOTHING`,
    [adminUsername, await hashPassword(adminPassword, config.auth.passwordHashing)],
  );
  logger.log(`Created admin user "${adminUsername}".`);
};

/** Seeders in order: zones first (the catalog refers to them); then stored ID numbers are sealed. */
export const SEEDERS: Seeder[] = [seedZones, seedAdmin, seedCatalog, protectStoredIdNumbers];
