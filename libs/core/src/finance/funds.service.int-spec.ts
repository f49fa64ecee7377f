import { FundPoolEntity, FundReservationEntity } from '@huiqi/database';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  FINANCE_ACTOR,
  financeServiceHarness,
  insertApplication,
  insertEnterprise,
  SeededProgram,
  seededProgram,
} from '../../../../test/finance/support/finance-fixtures';
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import { FinanceCoreModule } from './finance-core.module';
import { FundPoolsService } from './fund-pools.service';
import { FundsService } from './funds.service';
import { balanceProblems } from './ledger';
import { LedgerService } from './ledger.service';

/** Reservations against real Postgres: the pool can never be over-committed, whatever the concurrency. */
describe('FundsService', () => {
  let harness: Awaited<ReturnType<typeof financeServiceHarness>>;
  let ds: DataSource;
  let funds: FundsService;
  let pools: FundPoolsService;
  let ledger: LedgerService;
  let program: SeededProgram;
  let enterpriseId: string;

  beforeAll(async () => {
    harness = await financeServiceHarness('funds', [FinanceCoreModule]);
    ds = harness.ds;
    funds = harness.moduleRef.get(FundsService);
    pools = harness.moduleRef.get(FundPoolsService);
    ledger = harness.moduleRef.get(LedgerService);
    program = await seededProgram(ds, 'changsha-etdz');
    enterpriseId = (await insertEnterprise(ds, program.zoneId)).id;
  });

  afterAll(() => harness?.close());

  async function expectConsistent(poolId: string): Promise<FundPoolEntity> {
    const pool = await ds.manager.findOneOrFail(FundPoolEntity, { where: { id: poolId } });
    const derived = (await ledger.balancesFromEntries(ds.manager, [poolId])).get(poolId);
    expect(derived).toEqual({
      allocatedFen: pool.allocatedFen,
      availableFen: pool.availableFen,
      reservedFen: pool.reservedFen,
      paidFen: pool.paidFen,
      clawedBackFen: pool.clawedBackFen,
      receivableFen: pool.receivableFen,
      recoveredFen: pool.recoveredFen,
    });
    expect(balanceProblems(derived!)).toEqual([]);
    const unbalanced: unknown[] = await ds.query(
      `SELECT journal_id FROM ledger_entries WHERE pool_id = $1 GROUP BY journal_id HAVING sum(amount_fen) <> 0`,
      [poolId],
    );
    expect(unbalanced).toEqual([]);
    return pool;
  }

  it('100 concurrent reservations against a pool that covers 10: exactly 10 succeed', async () => {
    const grantFen = 50_000_00;
    const pool = await pools.create(
      program.zoneId,
      { programCode: program.programCode, fiscalYear: 2031, allocatedFen: 10 * grantFen },
      FINANCE_ACTOR,
    );
    const applications = await Promise.all(
      Array.from({ length: 100 }, () =>
        insertApplication(ds, program, enterpriseId, { fiscalYear: 2031, approvedAmountFen: grantFen }),
      ),
    );
    const outcomes = await Promise.allSettled(
      applications.map((application) =>
        ds.transaction((m) =>
          funds.reserve(m, {
            application,
            policyDocumentCode: program.policyDocumentCode,
            amountFen: grantFen,
            actor: FINANCE_ACTOR,
          }),
        ),
      ),
    );
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(outcomes.length - refused.length).toBe(10);
    for (const r of refused) {
      expect(r.reason).toBeInstanceOf(DomainError);
      expect(r.reason).toMatchObject({
        code: DomainErrorCode.InsufficientFunds,
        extensions: { availableFen: 0, requestedFen: grantFen, pool: { id: pool.id, fiscalYear: 2031 } },
      });
    }
    const after = await expectConsistent(pool.id);
    expect(after).toMatchObject({ allocatedFen: 10 * grantFen, reservedFen: 10 * grantFen, availableFen: 0 });
    expect(await ds.manager.count(FundReservationEntity, { where: { poolId: pool.id } })).toBe(10);
  });

  it('falls back to the policy document pool and names the pool and its available amount when short', async () => {
    const pool = await pools.create(
      program.zoneId,
      { policyDocumentCode: program.policyDocumentCode, fiscalYear: 2032, allocatedFen: 1_000 },
      FINANCE_ACTOR,
    );
    const a = await insertApplication(ds, program, enterpriseId, { fiscalYear: 2032 });
    await ds.transaction((m) =>
      funds.reserve(m, {
        application: a,
        policyDocumentCode: program.policyDocumentCode,
        amountFen: 600,
        actor: FINANCE_ACTOR,
      }),
    );
    const b = await insertApplication(ds, program, enterpriseId, { fiscalYear: 2032 });
    const error = await ds
      .transaction((m) =>
        funds.reserve(m, {
          application: b,
          policyDocumentCode: program.policyDocumentCode,
          amountFen: 500,
          actor: FINANCE_ACTOR,
        }),
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: DomainErrorCode.InsufficientFunds,
      extensions: {
        availableFen: 400,
        requestedFen: 500,
        pool: { scope: 'policy_document', code: program.policyDocumentCode, fiscalYear: 2032 },
      },
    });
    expect((error as Error).message).toContain('4.00 yuan available');
    await expectConsistent(pool.id);
  });

  it('refuses an approval when no pool covers the program or its document', async () => {
    const a = await insertApplication(ds, program, enterpriseId, { fiscalYear: 2033 });
    const error = await ds
      .transaction((m) =>
        funds.reserve(m, {
          application: a,
          policyDocumentCode: program.policyDocumentCode,
          amountFen: 1,
          actor: FINANCE_ACTOR,
        }),
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: DomainErrorCode.InsufficientFunds,
      extensions: { availableFen: 0, pool: { programCode: program.programCode, fiscalYear: 2033 } },
    });
  });

  it('reserves once per application, releases once, and pays once', async () => {
    const pool = await pools.create(
      program.zoneId,
      { programCode: program.programCode, fiscalYear: 2034, allocatedFen: 10_000 },
      FINANCE_ACTOR,
    );
    const a = await insertApplication(ds, program, enterpriseId, { fiscalYear: 2034 });
    const reserve = () =>
      ds.transaction((m) =>
        funds.reserve(m, {
          application: a,
          policyDocumentCode: null,
          amountFen: 3_000,
          actor: FINANCE_ACTOR,
        }),
      );
    await reserve();
    await reserve();
    expect(await expectConsistent(pool.id)).toMatchObject({ reservedFen: 3_000, availableFen: 7_000 });

    const pay = () =>
      ds.transaction((m) =>
        funds.pay(m, {
          application: a,
          amountFen: 3_000,
          disbursementItemId: null,
          statementLineId: null,
          actor: FINANCE_ACTOR,
        }),
      );
    await pay();
    await expect(pay()).rejects.toMatchObject({ code: DomainErrorCode.Conflict });
    expect(await expectConsistent(pool.id)).toMatchObject({
      reservedFen: 0,
      paidFen: 3_000,
      availableFen: 7_000,
    });
    // Released after payment: nothing is reserved, so nothing moves.
    await ds.transaction((m) => funds.release(m, { application: a, actor: FINANCE_ACTOR }));
    expect(await expectConsistent(pool.id)).toMatchObject({ paidFen: 3_000, availableFen: 7_000 });

    const b = await insertApplication(ds, program, enterpriseId, { fiscalYear: 2034 });
    await ds.transaction((m) =>
      funds.reserve(m, { application: b, policyDocumentCode: null, amountFen: 2_000, actor: FINANCE_ACTOR }),
    );
    await ds.transaction((m) => funds.release(m, { application: b, actor: FINANCE_ACTOR }));
    await ds.transaction((m) => funds.release(m, { application: b, actor: FINANCE_ACTOR }));
    expect(await expectConsistent(pool.id)).toMatchObject({ reservedFen: 0, availableFen: 7_000 });
  });

  it('never lowers an allocation below what is reserved and paid', async () => {
    const pool = await pools.create(
      program.zoneId,
      { programCode: program.programCode, fiscalYear: 2035, allocatedFen: 5_000 },
      FINANCE_ACTOR,
    );
    const a = await insertApplication(ds, program, enterpriseId, { fiscalYear: 2035 });
    await ds.transaction((m) =>
      funds.reserve(m, { application: a, policyDocumentCode: null, amountFen: 4_000, actor: FINANCE_ACTOR }),
    );
    await expect(
      pools.setAllocation(program.zoneId, pool.id, 3_999, 'cut', FINANCE_ACTOR),
    ).rejects.toMatchObject({
      code: DomainErrorCode.InsufficientFunds,
      fieldIssues: [{ field: 'allocatedFen' }],
    });
    expect(await pools.setAllocation(program.zoneId, pool.id, 4_000, 'cut', FINANCE_ACTOR)).toMatchObject({
      allocatedFen: 4_000,
      availableFen: 0,
    });
    await expectConsistent(pool.id);
  });

  it('refuses a second pool for the same program and year, and codes of other zones', async () => {
    await pools.create(
      program.zoneId,
      { programCode: program.programCode, fiscalYear: 2036, allocatedFen: 0 },
      FINANCE_ACTOR,
    );
    await expect(
      pools.create(
        program.zoneId,
        { programCode: program.programCode, fiscalYear: 2036, allocatedFen: 1 },
        FINANCE_ACTOR,
      ),
    ).rejects.toMatchObject({ code: DomainErrorCode.AlreadyExists, fieldIssues: [{ field: 'programCode' }] });
    const other = await seededProgram(ds, 'ningxiang-htz');
    await expect(
      pools.create(
        program.zoneId,
        { programCode: other.programCode, fiscalYear: 2036, allocatedFen: 1 },
        FINANCE_ACTOR,
      ),
    ).rejects.toMatchObject({ code: DomainErrorCode.InvalidInput, fieldIssues: [{ field: 'programCode' }] });
  });

  it('lets nothing but ledger entries change a balance', async () => {
    const pool = await pools.create(
      program.zoneId,
      { programCode: program.programCode, fiscalYear: 2037, allocatedFen: 100 },
      FINANCE_ACTOR,
    );
    // A plain client: these statements fail on purpose, and TypeORM would log each failure.
    const pg = new Client({ connectionString: harness.url });
    await pg.connect();
    try {
      await expect(
        pg.query(`UPDATE fund_pools SET allocated_fen = 1000000 WHERE id = $1`, [pool.id]),
      ).rejects.toThrow(/only through ledger entries/);
      await expect(pg.query(`DELETE FROM ledger_entries WHERE pool_id = $1`, [pool.id])).rejects.toThrow(
        /append-only/,
      );
      await expect(
        pg.query(
          `INSERT INTO ledger_entries (journal_id, pool_id, account, amount_fen)
           SELECT id, pool_id, 'available', 5 FROM ledger_journals WHERE pool_id = $1 LIMIT 1`,
          [pool.id],
        ),
      ).rejects.toThrow(/summing to zero/);
    } finally {
      await pg.end();
    }
    await expectConsistent(pool.id);
  });
});
