import { ConfigModule, loadConfig } from '@huiqi/config';
import { DatabaseModule } from '@huiqi/core/database/database.module';
import { ApplicationEntity } from '@huiqi/database';
import { createWorkflow } from '@huiqi/workflow';
import { DynamicModule, ForwardReference, Type } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { ClsModule } from 'nestjs-cls';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { makeUscc } from '../../support/api-client';
import { createIsolatedDatabase } from '../../support/isolated-db';
import { e2eEnv, secretsEnv } from '../../support/test-env';

type Importable = Type<unknown> | DynamicModule | ForwardReference;

/**
 * A Nest testing module for finance services against a database of their own (migrated and seeded),
 * so service tests can set up application rows directly without touching the run's shared data.
 */
export async function financeServiceHarness(
  label: string,
  imports: Importable[],
): Promise<{ moduleRef: TestingModule; ds: DataSource; url: string; close: () => Promise<void> }> {
  const db = await createIsolatedDatabase(label);
  const config = loadConfig({
    ...secretsEnv(),
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: '30',
    REDIS_URL: e2eEnv().redisUrl,
  });
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(config),
      ClsModule.forRoot({ global: true }),
      DatabaseModule.forRoot(`finance-${label}`),
      ...imports,
    ],
  }).compile();
  await moduleRef.init();
  const ds = moduleRef.get(DataSource);
  return {
    moduleRef,
    ds,
    url: db.url,
    close: async () => {
      await moduleRef.close();
      await db.drop();
    },
  };
}

export interface SeededProgram {
  zoneId: string;
  zoneCode: string;
  programCode: string;
  programVersion: number;
  policyDocumentCode: string;
}

/** A seeded program of the zone (the given one, or the first by code), with its policy document. */
export async function seededProgram(
  ds: DataSource,
  zoneCode: string,
  programCode?: string,
): Promise<SeededProgram> {
  const rows: { zone_id: string; code: string; version: number; policy_document_code: string }[] =
    await ds.query(
      `SELECT p.zone_id, p.code, p.version, p.policy_document_code
     FROM program_versions p JOIN zones z ON z.id = p.zone_id
     WHERE z.code = $1 AND ($2::text IS NULL OR p.code = $2) ORDER BY p.code, p.version LIMIT 1`,
      [zoneCode, programCode ?? null],
    );
  const row = rows[0];
  return {
    zoneId: row.zone_id,
    zoneCode,
    programCode: row.code,
    programVersion: row.version,
    policyDocumentCode: row.policy_document_code,
  };
}

export async function insertEnterprise(
  ds: DataSource,
  zoneId: string,
  bank: { accountNo?: string | null } = {},
): Promise<{ id: string; name: string; uscc: string }> {
  const uscc = makeUscc();
  const name = `测试企业-${randomUUID().slice(0, 8)}`;
  const accountNo =
    bank.accountNo === undefined ? `6222${Date.now() % 1e10}`.padEnd(19, '7') : bank.accountNo;
  const rows: { id: string }[] = await ds.query(
    `INSERT INTO enterprises (uscc, name, zone_id, bank_name, bank_account_name, bank_account_no, bank_cnaps_code)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      uscc,
      name,
      zoneId,
      accountNo ? '中国工商银行长沙分行' : null,
      accountNo ? name : null,
      accountNo,
      accountNo ? '102551000012' : null,
    ],
  );
  return { id: rows[0].id, name, uscc };
}

/** An application row in the given state, as the workflow would leave it (service tests only). */
export async function insertApplication(
  ds: DataSource,
  program: SeededProgram,
  enterpriseId: string,
  fields: { fiscalYear: number; state?: string; approvedAmountFen?: number | null; submittedAt?: Date },
): Promise<ApplicationEntity> {
  const rows: { id: string }[] = await ds.query(
    `INSERT INTO applications (zone_id, enterprise_id, program_code, program_version, mode, beneficiary_kind,
       beneficiary_key, period, fiscal_year, state, machine_version, snapshot, approved_amount_fen, submitted_at)
     VALUES ($1, $2, $3, $4, 'apply', 'enterprise', $5, $6, $7, $8, 1, '{}'::jsonb, $9, $10) RETURNING id`,
    [
      program.zoneId,
      enterpriseId,
      program.programCode,
      program.programVersion,
      randomUUID(),
      String(fields.fiscalYear),
      fields.fiscalYear,
      fields.state ?? 'approved',
      fields.approvedAmountFen ?? null,
      fields.submittedAt ?? new Date(),
    ],
  );
  return ds.manager.findOneOrFail(ApplicationEntity, { where: { id: rows[0].id } });
}

export const FINANCE_ACTOR = { userId: null, role: 'finance' } as const;

const AUTO_PARAMS = {
  directorApprovalAboveFen: 50_000_000,
  expertReview: 'never',
  publicityWorkingDays: 0,
  amountSetByReview: false,
} as const;

export interface Offer {
  application: ApplicationEntity;
  owner: { userId: string; role: 'enterprise'; enterpriseId: string };
}

/**
 * An auto-grant offer (state `offered`) with a real machine snapshot and no publicity, so the
 * enterprise's CONFIRM goes through the approval decision (reserving funds) straight to `approved`.
 * Service tests only: e2e tests create applications through the API.
 */
export async function insertOffer(
  ds: DataSource,
  program: SeededProgram,
  enterprise: { id: string; ownerId: string },
  fields: { fiscalYear: number; amountFen: number },
): Promise<Offer> {
  const id = randomUUID();
  const persisted = createWorkflow('auto', {
    applicationId: id,
    enterpriseId: enterprise.id,
    params: AUTO_PARAMS,
    computedAmountFen: fields.amountFen,
  });
  await ds.query(
    `INSERT INTO applications (id, zone_id, enterprise_id, program_code, program_version, mode, beneficiary_kind,
       beneficiary_key, period, fiscal_year, state, machine_version, snapshot, computed_amount_fen, submitted_at)
     VALUES ($1, $2, $3, $4, $5, 'auto', 'enterprise', $6, $7, $8, 'offered', $9, $10, $11, now())`,
    [
      id,
      program.zoneId,
      enterprise.id,
      program.programCode,
      program.programVersion,
      randomUUID(),
      String(fields.fiscalYear),
      fields.fiscalYear,
      persisted.machineVersion,
      JSON.stringify(persisted.snapshot),
      fields.amountFen,
    ],
  );
  return {
    application: await ds.manager.findOneOrFail(ApplicationEntity, { where: { id } }),
    owner: { userId: enterprise.ownerId, role: 'enterprise', enterpriseId: enterprise.id },
  };
}

/** An enterprise with its owner user and a bank account (or none). */
export async function insertEnterpriseWithOwner(
  ds: DataSource,
  zoneId: string,
  bank: { accountNo?: string | null } = {},
): Promise<{ id: string; name: string; uscc: string; ownerId: string }> {
  const enterprise = await insertEnterprise(ds, zoneId, bank);
  const users: { id: string }[] = await ds.query(
    `INSERT INTO users (username, password_hash, role, zone_id, enterprise_id, is_enterprise_owner, display_name)
     VALUES ($1, 'x', 'enterprise', $2, $3, true, 'owner') RETURNING id`,
    [`owner-${randomUUID()}`, zoneId, enterprise.id],
  );
  return { ...enterprise, ownerId: users[0].id };
}

/** A staff user row (finance, director...) to act as. */
export async function insertStaff(
  ds: DataSource,
  zoneId: string,
  role: 'finance' | 'director' | 'officer',
): Promise<{ userId: string; role: 'finance' | 'director' | 'officer' }> {
  const users: { id: string }[] = await ds.query(
    `INSERT INTO users (username, password_hash, role, zone_id, display_name) VALUES ($1, 'x', $2, $3, $2) RETURNING id`,
    [`${role}-${randomUUID()}`, role, zoneId],
  );
  return { userId: users[0].id, role };
}
