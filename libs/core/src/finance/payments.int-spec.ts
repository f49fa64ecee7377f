import { isServiceUnavailable } from '../errors/unavailable';
import { ApplicationEntity, FundPoolEntity } from '@huiqi/database';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import {
  financeServiceHarness,
  insertEnterpriseWithOwner,
  insertOffer,
  insertStaff,
  Offer,
  SeededProgram,
  seededProgram,
} from '../../../../test/finance/support/finance-fixtures';
import { ApplicationsCoreModule } from '../applications/applications-core.module';
import { ApplicationTransitionService } from '../applications/application-transition.service';
import { CatalogCoreModule } from '../catalog/catalog-core.module';
import { DomainErrorCode } from '../errors/domain-error';
import { OutboxModule } from '../outbox/outbox.module';
import { DisbursementService } from './disbursement.service';
import { FinanceCoreModule } from './finance-core.module';
import { FundPoolsService } from './fund-pools.service';
import { balanceProblems } from './ledger';
import { LedgerService } from './ledger.service';
import { PaymentsCoreModule } from './payments-core.module';
import { StatementImportService } from './statement-import.service';
import { bankDate } from '../../../../test/support/bank-dates';

const GRANT_FEN = 20_000_000; // 200,000 yuan
const HEADER = 'transaction_id,value_date,direction,amount,payment_reference,status,reason';

/**
 * Approvals, batches, payment files and bank statements against real Postgres and the real approval
 * machines (the applications are set up as auto-grant offers; the enterprise's CONFIRM approves them).
 */
describe('disbursement and reconciliation', () => {
  let harness: Awaited<ReturnType<typeof financeServiceHarness>>;
  let ds: DataSource;
  let transitions: ApplicationTransitionService;
  let pools: FundPoolsService;
  let ledger: LedgerService;
  let batches: DisbursementService;
  let statements: StatementImportService;
  let program: SeededProgram;
  let finance: { userId: string; role: 'finance' };
  let director: { userId: string; role: 'director' };
  let fiscalYear = 2040;

  beforeAll(async () => {
    harness = await financeServiceHarness('payments', [
      OutboxModule,
      CatalogCoreModule,
      ApplicationsCoreModule,
      FinanceCoreModule,
      PaymentsCoreModule,
    ]);
    ds = harness.ds;
    transitions = harness.moduleRef.get(ApplicationTransitionService);
    pools = harness.moduleRef.get(FundPoolsService);
    ledger = harness.moduleRef.get(LedgerService);
    batches = harness.moduleRef.get(DisbursementService);
    statements = harness.moduleRef.get(StatementImportService);
    program = await seededProgram(ds, 'changsha-etdz', 'changsha-etdz.little-giant');
    finance = (await insertStaff(ds, program.zoneId, 'finance')) as typeof finance;
    director = (await insertStaff(ds, program.zoneId, 'director')) as typeof director;
  });

  afterAll(() => harness?.close());

  async function newPool(allocatedFen: number): Promise<FundPoolEntity> {
    fiscalYear += 1;
    return pools.create(
      program.zoneId,
      { programCode: program.programCode, fiscalYear, allocatedFen },
      finance,
    );
  }

  async function offers(n: number, amountFen = GRANT_FEN, bank: { accountNo?: string | null } = {}) {
    const result: Offer[] = [];
    for (let i = 0; i < n; i++) {
      const enterprise = await insertEnterpriseWithOwner(ds, program.zoneId, bank);
      result.push(await insertOffer(ds, program, enterprise, { fiscalYear, amountFen }));
    }
    return result;
  }

  const confirm = (offer: Offer) =>
    ds.transaction((m) =>
      transitions.apply(
        m,
        offer.application.id,
        { type: 'CONFIRM', bankAccountConfirmed: true },
        offer.owner,
      ),
    );

  async function approvedGrant(
    enterprise: { id: string; ownerId: string },
    amountFen = GRANT_FEN,
  ): Promise<Offer> {
    const offer = await insertOffer(ds, program, enterprise, { fiscalYear, amountFen });
    await confirm(offer);
    return offer;
  }

  function statement(lines: string[]): { fileName: string; content: string } {
    return { fileName: 'statement.csv', content: [HEADER, ...lines].join('\r\n') };
  }

  async function referenceOf(applicationId: string): Promise<string> {
    const rows: { payment_reference: string }[] = await ds.query(
      `SELECT payment_reference FROM disbursement_items WHERE application_id = $1 ORDER BY created_at DESC LIMIT 1`,
      [applicationId],
    );
    return rows[0].payment_reference;
  }

  const stateOf = async (id: string) => (await ds.manager.findOneByOrFail(ApplicationEntity, { id })).state;

  async function expectBalanced(poolId: string) {
    const pool = await ds.manager.findOneByOrFail(FundPoolEntity, { id: poolId });
    const derived = (await ledger.balancesFromEntries(ds.manager, [poolId])).get(poolId)!;
    expect(balanceProblems(derived)).toEqual([]);
    expect(derived).toMatchObject({
      allocatedFen: pool.allocatedFen,
      reservedFen: pool.reservedFen,
      paidFen: pool.paidFen,
      availableFen: pool.availableFen,
      recoveredFen: pool.recoveredFen,
    });
    return pool;
  }

  it('100 concurrent approvals against a pool that covers 10: exactly 10 succeed', async () => {
    const pool = await newPool(10 * GRANT_FEN);
    const all = await offers(100);
    const outcomes = await Promise.allSettled(all.map(confirm));
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    const approved = outcomes.length - refused.length;
    // The only acceptable refusals: no money left, or no connection within the pool's wait bound
    // (the API answers that 503 + Retry-After). Never more approvals than the pool covers.
    const unavailable = refused.filter((r) => isServiceUnavailable(r.reason));
    for (const r of refused.filter((x) => !unavailable.includes(x))) {
      expect(r.reason).toMatchObject({
        code: DomainErrorCode.InsufficientFunds,
        extensions: { availableFen: 0 },
      });
    }
    expect(approved).toBeLessThanOrEqual(10);
    if (unavailable.length === 0) expect(approved).toBe(10);
    const states = await Promise.all(all.map((o) => stateOf(o.application.id)));
    expect(states.filter((s) => s === 'approved')).toHaveLength(approved);
    expect(states.filter((s) => s === 'offered')).toHaveLength(100 - approved);
    expect(await expectBalanced(pool.id)).toMatchObject({
      reservedFen: approved * GRANT_FEN,
      availableFen: (10 - approved) * GRANT_FEN,
    });
  });

  it('pays a batch once through statements: wrong amount, unknown reference, returned payment, re-import, overlap', async () => {
    const pool = await newPool(10 * GRANT_FEN);
    const grants = await Promise.all(
      Array.from({ length: 4 }, async () =>
        approvedGrant(await insertEnterpriseWithOwner(ds, program.zoneId)),
      ),
    );
    const noAccount = await approvedGrant(
      await insertEnterpriseWithOwner(ds, program.zoneId, { accountNo: null }),
    );
    const [a, b, c, d] = grants.map((g) => g.application);

    const built = await batches.build(
      program.zoneId,
      { programCode: program.programCode, fiscalYear },
      null,
      finance,
    );
    expect(built.skipped).toEqual([
      {
        applicationId: noAccount.application.id,
        reference: noAccount.application.reference,
        reason: expect.stringMatching(/no bank account/),
      },
    ]);
    expect(built.batch.state).toBe('draft');
    // A grant is in one open batch only.
    await expect(
      batches.build(program.zoneId, { programCode: program.programCode, fiscalYear }, null, finance),
    ).rejects.toMatchObject({ code: DomainErrorCode.Unprocessable });
    const dItem: { id: string }[] = await ds.query(
      `SELECT id FROM disbursement_items WHERE application_id = $1`,
      [d.id],
    );
    await batches.removeItem(program.zoneId, built.batch.id, dItem[0].id, 'documents missing', finance);

    const { batch, removed } = await batches.lock(program.zoneId, built.batch.id, finance);
    expect(removed).toEqual([]);
    expect(batch.state).toBe('locked');
    expect(await Promise.all([a, b, c, d].map((x) => stateOf(x.id)))).toEqual([
      'disbursing',
      'disbursing',
      'disbursing',
      'approved',
    ]);
    await expect(batches.lock(program.zoneId, batch.id, finance)).rejects.toMatchObject({
      code: DomainErrorCode.Conflict,
    });

    const file = await batches.exportPaymentFile(program.zoneId, batch.id, finance);
    expect((file.content as string).startsWith('\uFEFF')).toBe(true);
    const rows = parse(file.content as string, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r['金额(元)'])).toEqual(['200000.00', '200000.00', '200000.00']);
    const [refA, refB, refC] = await Promise.all([a, b, c].map((x) => referenceOf(x.id)));
    expect(rows.map((r) => r['付款参考号']).sort()).toEqual([refA, refB, refC].sort());
    expect(rows.every((r) => /^\d{9,30}$/.test(r['收款账号']))).toBe(true);
    const again = await batches.exportPaymentFile(program.zoneId, batch.id, finance);
    expect(again.content).toBe(file.content);

    const first = statement([
      `T1,${bankDate()},debit,200000.00,${refA},success,`,
      `T2,${bankDate()},debit,200000.01,${refB},success,`,
      `T3,${bankDate()},debit,200000.00,${refC},returned,收款账户已销户`,
      'T4,2026-05-01,debit,10.00,HQ999999999P1,success,',
      'T5,2026-13-01,debit,1.00,X,success,',
    ]);
    const imported = await statements.import(program.zoneId, first, finance);
    expect(imported.counts).toMatchObject({
      matched: 1,
      amount_mismatch: 1,
      returned: 1,
      unknown_reference: 1,
      invalid: 1,
    });
    expect(await Promise.all([a, b, c].map((x) => stateOf(x.id)))).toEqual([
      'paid',
      'disbursing',
      'approved',
    ]);
    const mismatch = (imported.results as { outcome: string; expectedAmountFen: number }[]).find(
      (r) => r.outcome === 'amount_mismatch',
    );
    expect(mismatch?.expectedAmountFen).toBe(GRANT_FEN);
    const afterFirst = await expectBalanced(pool.id);
    expect(afterFirst).toMatchObject({ paidFen: GRANT_FEN, reservedFen: 4 * GRANT_FEN });

    const twice = await statements.import(program.zoneId, first, finance);
    expect(twice.counts).toMatchObject({ duplicate: 4, invalid: 1, matched: 0, returned: 0 });
    expect(await expectBalanced(pool.id)).toEqual(afterFirst);
    expect(await Promise.all([a, b, c].map((x) => stateOf(x.id)))).toEqual([
      'paid',
      'disbursing',
      'approved',
    ]);

    const overlapping = await statements.import(
      program.zoneId,
      statement([
        `T1,${bankDate()},debit,200000.00,${refA},success,`,
        `T3,${bankDate()},debit,200000.00,${refC},returned,收款账户已销户`,
        `T6,${bankDate(1)},debit,200000.00,${refB},success,`,
        `T7,${bankDate(1)},debit,200000.00,${refA},success,`,
      ]),
      finance,
    );
    expect((overlapping.results as { outcome: string }[]).map((r) => r.outcome)).toEqual([
      'duplicate',
      'duplicate',
      'matched',
      'already_settled',
    ]);
    expect(await Promise.all([a, b, c].map((x) => stateOf(x.id)))).toEqual(['paid', 'paid', 'approved']);
    expect(await expectBalanced(pool.id)).toMatchObject({
      paidFen: 2 * GRANT_FEN,
      reservedFen: 3 * GRANT_FEN,
    });
    const paidJournals: { n: number }[] = await ds.query(
      `SELECT count(*)::int AS n FROM ledger_journals WHERE kind = 'pay' AND application_id = ANY($1)`,
      [[a.id, b.id, c.id]],
    );
    expect(paidJournals[0].n).toBe(2);
    const closed = await ds.query(`SELECT state FROM disbursement_batches WHERE id = $1`, [batch.id]);
    expect(closed[0].state).toBe('partly_settled');

    // The returned grant and the removed one are payable again, under new payment references.
    const next = await batches.build(program.zoneId, { applicationIds: [c.id, d.id] }, 'retry', finance);
    const refs: { application_id: string; payment_reference: string }[] = await ds.query(
      `SELECT application_id, payment_reference FROM disbursement_items WHERE batch_id = $1`,
      [next.batch.id],
    );
    expect(refs.find((r) => r.application_id === c.id)?.payment_reference).toBe(`${c.reference}P2`);
    expect(refs.find((r) => r.application_id === d.id)?.payment_reference).toBe(`${d.reference}P2`);
  });

  it('cancelling a locked batch makes its grants payable again', async () => {
    const pool = await newPool(2 * GRANT_FEN);
    const grant = await approvedGrant(await insertEnterpriseWithOwner(ds, program.zoneId));
    const built = await batches.build(
      program.zoneId,
      { applicationIds: [grant.application.id] },
      null,
      finance,
    );
    await batches.lock(program.zoneId, built.batch.id, finance);
    expect(await stateOf(grant.application.id)).toBe('disbursing');
    const cancelled = await batches.cancel(program.zoneId, built.batch.id, 'wrong account list', finance);
    expect(cancelled.state).toBe('cancelled');
    expect(await stateOf(grant.application.id)).toBe('approved');
    expect(await expectBalanced(pool.id)).toMatchObject({ reservedFen: GRANT_FEN, paidFen: 0 });
    await expect(batches.exportPaymentFile(program.zoneId, built.batch.id, finance)).rejects.toMatchObject({
      code: DomainErrorCode.Conflict,
    });
  });

  it('a false claim after payment: receivable, partial repayments, settled clawback', async () => {
    const pool = await newPool(2 * GRANT_FEN);
    const enterprise = await insertEnterpriseWithOwner(ds, program.zoneId);
    const grant = await approvedGrant(enterprise);
    const built = await batches.build(
      program.zoneId,
      { applicationIds: [grant.application.id] },
      null,
      finance,
    );
    await batches.lock(program.zoneId, built.batch.id, finance);
    const ref = await referenceOf(grant.application.id);
    await statements.import(
      program.zoneId,
      statement([`P1,${bankDate(2)},debit,200000.00,${ref},success,`]),
      finance,
    );
    expect(await stateOf(grant.application.id)).toBe('paid');

    await ds.transaction((m) =>
      transitions.apply(
        m,
        grant.application.id,
        { type: 'REPORT_FALSE_CLAIM', comment: 'forged invoices' },
        director,
      ),
    );
    expect(await stateOf(grant.application.id)).toBe('clawback_required');
    const [receivable]: { reference: string; amount_fen: string; state: string }[] = await ds.query(
      `SELECT reference, amount_fen, state FROM clawback_receivables WHERE application_id = $1`,
      [grant.application.id],
    );
    expect(receivable).toMatchObject({ amount_fen: String(GRANT_FEN), state: 'open' });
    const blacklisted: unknown[] = await ds.query(
      `SELECT 1 FROM enterprise_blacklist WHERE enterprise_id = $1`,
      [enterprise.id],
    );
    expect(blacklisted).toHaveLength(1);

    const partial = await statements.import(
      program.zoneId,
      statement([
        `R1,${bankDate(3)},credit,150000.00,${receivable.reference},success,`,
        `R2,${bankDate(4)},credit,60000.00,${receivable.reference},success,`,
      ]),
      finance,
    );
    expect((partial.results as { outcome: string }[]).map((r) => r.outcome)).toEqual([
      'recovered',
      'amount_mismatch',
    ]);
    expect(await stateOf(grant.application.id)).toBe('clawback_required');
    await statements.import(
      program.zoneId,
      statement([`R3,${bankDate(5)},credit,50000.00,${receivable.reference},success,`]),
      finance,
    );
    expect(await stateOf(grant.application.id)).toBe('clawed_back');
    expect(await expectBalanced(pool.id)).toMatchObject({
      paidFen: GRANT_FEN,
      clawedBackFen: GRANT_FEN,
      recoveredFen: GRANT_FEN,
      receivableFen: 0,
    });
  });

  it('offsets what an enterprise owes against its next payments, down to no transfer at all', async () => {
    const clawbackPool = await newPool(GRANT_FEN);
    const enterprise = await insertEnterpriseWithOwner(ds, program.zoneId);
    const first = await approvedGrant(enterprise);
    const firstBatch = await batches.build(
      program.zoneId,
      { applicationIds: [first.application.id] },
      null,
      finance,
    );
    await batches.lock(program.zoneId, firstBatch.batch.id, finance);
    await statements.import(
      program.zoneId,
      statement([`O1,${bankDate(6)},debit,200000.00,${await referenceOf(first.application.id)},success,`]),
      finance,
    );
    await ds.transaction((m) =>
      transitions.apply(m, first.application.id, { type: 'REPORT_FALSE_CLAIM', comment: 'forged' }, director),
    );

    const paymentPool = await newPool(2 * 5_000_000 + GRANT_FEN);
    const [small, second] = [
      await approvedGrant(enterprise, 5_000_000),
      await approvedGrant(enterprise, 5_000_000),
    ];
    const smallBatch = await batches.build(
      program.zoneId,
      { applicationIds: [small.application.id] },
      null,
      finance,
    );
    await batches.lock(program.zoneId, smallBatch.batch.id, finance);
    // Fully covered by the offset: paid at once, with no bank transfer.
    expect(await stateOf(small.application.id)).toBe('paid');
    const smallFile = await batches.exportPaymentFile(program.zoneId, smallBatch.batch.id, finance);
    expect(parse(smallFile.content as string, { bom: true })).toHaveLength(1);

    const receivable = await ds.query(
      `SELECT recovered_fen FROM clawback_receivables WHERE application_id = $1`,
      [first.application.id],
    );
    expect(receivable[0].recovered_fen).toBe('5000000');
    expect(await expectBalanced(paymentPool.id)).toMatchObject({ paidFen: 5_000_000 });
    expect(await expectBalanced(clawbackPool.id)).toMatchObject({
      recoveredFen: 5_000_000,
      receivableFen: 15_000_000,
    });
    // Still owed 150,000 yuan: the second 50,000 yuan payment is kept back entirely as well.
    const secondBatch = await batches.build(
      program.zoneId,
      { applicationIds: [second.application.id] },
      null,
      finance,
    );
    await batches.lock(program.zoneId, secondBatch.batch.id, finance);
    expect(await stateOf(second.application.id)).toBe('paid');
    expect(await expectBalanced(clawbackPool.id)).toMatchObject({
      recoveredFen: 10_000_000,
      receivableFen: 10_000_000,
    });
    expect(await stateOf(first.application.id)).toBe('clawback_required');

    // Partly covered: 100,000 yuan kept back, 100,000 yuan transferred; the bank's confirmation settles both.
    const third = await approvedGrant(enterprise);
    const thirdBatch = await batches.build(
      program.zoneId,
      { applicationIds: [third.application.id] },
      null,
      finance,
    );
    await batches.lock(program.zoneId, thirdBatch.batch.id, finance);
    const [row] = parse(
      (await batches.exportPaymentFile(program.zoneId, thirdBatch.batch.id, finance)).content as string,
      {
        bom: true,
        columns: true,
      },
    ) as Record<string, string>[];
    expect(row['金额(元)']).toBe('100000.00');
    const wrong = await statements.import(
      program.zoneId,
      statement([`O2,${bankDate(7)},debit,200000.00,${row['付款参考号']},success,`]),
      finance,
    );
    expect(wrong.counts).toMatchObject({ amount_mismatch: 1 });
    await statements.import(
      program.zoneId,
      statement([`O3,${bankDate(8)},debit,100000.00,${row['付款参考号']},success,`]),
      finance,
    );
    expect(await stateOf(third.application.id)).toBe('paid');
    expect(await stateOf(first.application.id)).toBe('clawed_back');
    expect(await expectBalanced(clawbackPool.id)).toMatchObject({
      recoveredFen: GRANT_FEN,
      receivableFen: 0,
    });
  });
});
