import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { api, bearer, makeUscc } from '../../support/api-client';
import { e2eEnv } from '../../support/test-env';

/** A connection to the run's database, for fixtures and for checking what was (not) written. */
export async function connectPg(): Promise<Client> {
  const pg = new Client({ connectionString: e2eEnv().databaseUrl });
  await pg.connect();
  return pg;
}

/**
 * A zone of its own, so a test that counts a whole zone's enterprises or publishes program versions
 * neither sees nor disturbs the other test files (zones are configuration, created here directly).
 */
export async function createTestZone(pg: Client): Promise<{ id: string; code: string }> {
  const code = `e2e-${randomBytes(4).toString('hex')}`;
  const { rows } = await pg.query<{ id: string }>(
    `INSERT INTO zones (code, name_zh, name_en) VALUES ($1, $2, $3) RETURNING id`,
    [code, `测试园区 ${code}`, `Test zone ${code}`],
  );
  return { id: rows[0].id, code };
}

/**
 * Enterprises inserted directly (registration through the API costs an argon2 hash each), each with
 * its owner user in the same statement, as registration leaves them (no enterprise is ever owner-less).
 */
export async function insertEnterprises(
  pg: Client,
  zoneId: string,
  n: number,
): Promise<{ id: string; uscc: string }[]> {
  const usccs = Array.from({ length: n }, () => makeUscc());
  const { rows } = await pg.query<{ id: string; uscc: string }>(
    `WITH e AS (
       INSERT INTO enterprises (uscc, name, zone_id)
       SELECT u, '沙盘测试企业-' || u, $2 FROM unnest($1::text[]) AS u RETURNING id, uscc, zone_id
     ), owners AS (
       INSERT INTO users (username, password_hash, role, zone_id, enterprise_id, is_enterprise_owner, display_name)
       SELECT lower('owner-' || e.uscc), 'not-a-password-hash', 'enterprise', e.zone_id, e.id, true, e.uscc FROM e
     )
     SELECT id, uscc FROM e`,
    [usccs, zoneId],
  );
  return rows;
}

const YUAN = 100;

/**
 * A valid `auto` program of the zone: rate × the fiscal year's R&D expense (tax bureau data),
 * for enterprises with at least `minEmployees`, capped.
 */
export function rndProgram(
  zone: string,
  code: string,
  opts: { rateBasisPoints?: number; minBaseFen?: number; capFen?: number; version?: number } = {},
): Record<string, unknown> {
  return {
    code,
    zone,
    version: opts.version ?? 1,
    effectiveFrom: '2024-01-01',
    effectiveTo: null,
    policyDocument: {
      code: `${zone}.e2e-measures`,
      title: { zh: '测试措施', en: 'Test measures' },
      role: 'main',
    },
    title: { zh: '研发奖励（测试）', en: 'R&D reward (test)' },
    summary: { zh: '按研发费用给予奖励', en: 'A share of the R&D expense' },
    category: 'rnd',
    mode: 'auto',
    beneficiary: 'enterprise',
    period: 'fiscal-year',
    parameters: {
      rate: {
        value: opts.rateBasisPoints ?? 1_000,
        unit: 'bp',
        description: { zh: '比例', en: 'Rate' },
        origin: 'source',
      },
    },
    eligibility: [
      {
        id: 'has-rnd-expense',
        rule: { '>': [{ var: 'facts.rnd_expense_fen.fy' }, 0] },
        reason: { zh: '{fy}年度须有研发费用', en: 'There must be R&D expense in {fy}' },
      },
    ],
    amount: {
      kind: 'percentage-of-base',
      baseFrom: { fact: 'rnd_expense_fen', period: 'fy' },
      rateBasisPoints: { param: 'rate' },
      minBaseFen: opts.minBaseFen ?? 1_000_000 * YUAN,
      capFen: opts.capFen ?? 500_000 * YUAN,
    },
    caps: {},
    documents: [],
    route: { directorApprovalAboveFen: 50_000_000, expertReview: 'never' },
    publicityWorkingDays: 5,
    sla: { firstReview: 5, expertReview: 10, directorApproval: 3, amendment: 10, confirmation: 10 },
    formFields: [],
  };
}

/** A valid `apply` program of the zone: a fixed amount, with one form field. */
export function applyProgram(zone: string, code: string, amountFen: number): Record<string, unknown> {
  return {
    code,
    zone,
    effectiveFrom: '2024-01-01',
    effectiveTo: null,
    policyDocument: {
      code: `${zone}.e2e-measures`,
      title: { zh: '测试措施', en: 'Test measures' },
      role: 'main',
    },
    title: { zh: '平台奖励（测试）', en: 'Platform reward (test)' },
    summary: { zh: '固定金额奖励', en: 'A fixed reward' },
    category: 'platform',
    mode: 'apply',
    beneficiary: 'enterprise',
    period: 'once',
    parameters: {},
    eligibility: [],
    amount: { kind: 'fixed', amountFen },
    caps: {},
    documents: [],
    route: { directorApprovalAboveFen: 50_000_000, expertReview: 'never' },
    publicityWorkingDays: 5,
    sla: { firstReview: 5, expertReview: 10, directorApproval: 3, amendment: 10 },
    formFields: [
      { name: 'projectName', type: 'string', required: true, label: { zh: '项目名称', en: 'Project name' } },
    ],
  };
}

/** Creates and publishes a program (version 1) as the zone's policy admin. */
export async function publishNewProgram(token: string, definition: Record<string, unknown>): Promise<void> {
  const created = await api().post('/programs').set(bearer(token)).send(definition);
  if (created.status !== 201)
    throw new Error(`create program: ${created.status} ${JSON.stringify(created.body)}`);
  const published = await api()
    .post(`/programs/${String(definition.code)}/versions/1/publish`)
    .set(bearer(token));
  if (published.status !== 200)
    throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
}

/** Polls until `check` returns a value (or the time is up). */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A valid resident ID number (GB 11643 check character), different on every call. */
export function makeIdNumber(): string {
  const seq = String(randomBytes(2).readUInt16BE(0) % 1000).padStart(3, '0');
  const day = String(1 + (randomBytes(1)[0] % 28)).padStart(2, '0');
  const first17 = `430124199${randomBytes(1)[0] % 10}07${day}${seq}`;
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * ID_WEIGHTS[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

/** Imports JSON feed rows into the caller's zone. */
export function importRows(token: string, rows: unknown[], feedRef?: string) {
  return api()
    .post('/facts/imports')
    .set(bearer(token))
    .send({ rows, ...(feedRef ? { feedRef } : {}) });
}
