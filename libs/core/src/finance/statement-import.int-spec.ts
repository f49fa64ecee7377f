import { ApplicationEntity, FundPoolEntity } from '@huiqi/database';
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
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import { OutboxModule } from '../outbox/outbox.module';
import { OutboxService } from '../outbox/outbox.service';
import { DisbursementService } from './disbursement.service';
import { FinanceCoreModule } from './finance-core.module';
import { FundPoolsService } from './fund-pools.service';
import { balanceProblems } from './ledger';
import { LedgerService } from './ledger.service';
import { fenToYuan } from './money';
import { PaymentSettlementService } from './payment-settlement.service';
import { PaymentsCoreModule } from './payments-core.module';
import { ChunkSizes, StatementImportService, SYNC_MAX_LINES } from './statement-import.service';
import { readStatementLines } from './statement-lines';
import { bankDate } from '../../../../test/support/bank-dates';

const GRANT_FEN = 1_000_000; // 10,000 yuan
const HEADER = 'transaction_id,value_date,direction,amount,payment_reference,status,reason';
const GRANTS = 60;
/** Small chunks, so the import takes many transactions to interrupt between. */
const CHUNKS: ChunkSizes = { load: 400, settle: 20 };

/**
 * A statement too large for the request, imported as the worker does it: one transaction per chunk
 * of lines stored or settled. Interrupted between chunks and in the middle of one, it resumes where
 * the last committed chunk left it and ends exactly as an uninterrupted import; running it again, or
 * importing the same file again, changes nothing.
 */
describe('background statement import', () => {
  let harness: Awaited<ReturnType<typeof financeServiceHarness>>;
  let ds: DataSource;
  let transitions: ApplicationTransitionService;
  let pools: FundPoolsService;
  let ledger: LedgerService;
  let batches: DisbursementService;
  let statements: StatementImportService;
  let settlement: PaymentSettlementService;
  let outbox: OutboxService;
  let program: SeededProgram;
  let finance: { userId: string; role: 'finance' };
  let fiscalYear = 2060;

  beforeAll(async () => {
    harness = await financeServiceHarness('stmtimport', [
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
    settlement = harness.moduleRef.get(PaymentSettlementService);
    outbox = harness.moduleRef.get(OutboxService);
    program = await seededProgram(ds, 'changsha-etdz', 'changsha-etdz.little-giant');
    finance = (await insertStaff(ds, program.zoneId, 'finance')) as typeof finance;
  });

  afterEach(() => jest.restoreAllMocks());
  afterAll(() => harness?.close());

  /** A pool, `n` approved grants and their locked batch: the grants and their payment references. */
  async function exportedBatch(n: number): Promise<{ poolId: string; grants: Offer[]; refs: string[] }> {
    fiscalYear += 1;
    const pool = await pools.create(
      program.zoneId,
      { programCode: program.programCode, fiscalYear, allocatedFen: n * GRANT_FEN },
      finance,
    );
    const grants: Offer[] = [];
    for (let i = 0; i < n; i++) {
      const enterprise = await insertEnterpriseWithOwner(ds, program.zoneId);
      const offer = await insertOffer(ds, program, enterprise, { fiscalYear, amountFen: GRANT_FEN });
      await ds.transaction((m) =>
        transitions.apply(
          m,
          offer.application.id,
          { type: 'CONFIRM', bankAccountConfirmed: true },
          offer.owner,
        ),
      );
      grants.push(offer);
    }
    const built = await batches.build(
      program.zoneId,
      { programCode: program.programCode, fiscalYear },
      null,
      finance,
    );
    await batches.lock(program.zoneId, built.batch.id, finance);
    const rows: { application_id: string; payment_reference: string }[] = await ds.query(
      `SELECT application_id, payment_reference FROM disbursement_items WHERE batch_id = $1`,
      [built.batch.id],
    );
    const refOf = new Map(rows.map((r) => [r.application_id, r.payment_reference]));
    return { poolId: pool.id, grants, refs: grants.map((g) => refOf.get(g.application.id)!) };
  }

  /**
   * 1,500 lines: every payment confirmed (the first one returned instead, the second one first with a
   * wrong amount), the first confirmation repeated under a new bank transaction, one line twice,
   * one unreadable line, and the account's other traffic.
   */
  function statementOf(tag: string, refs: string[]): { content: string; lines: number } {
    const rows: string[] = [];
    const amount = fenToYuan(GRANT_FEN);
    let other = 0;
    const filler = () => {
      other += 1;
      rows.push(`${tag}-X${other},${bankDate(1)},debit,${fenToYuan(100 + other)},TR${tag}${other},success,`);
    };
    rows.push(`${tag}-R0,${bankDate()},debit,${amount},${refs[0]},returned,账户已冻结`);
    rows.push(`${tag}-W1,${bankDate()},debit,${fenToYuan(GRANT_FEN + 1)},${refs[1]},success,`);
    for (let i = 1; i < refs.length; i++) {
      for (let k = 0; k < 20; k++) filler();
      rows.push(`${tag}-P${i},${bankDate()},debit,${amount},${refs[i]},success,`);
    }
    rows.push(`${tag}-P1B,${bankDate(2)},debit,${amount},${refs[1]},success,`);
    rows.push(`${tag}-X1,${bankDate(1)},debit,${fenToYuan(101)},TR${tag}1,success,`);
    rows.push(`${tag}-BAD,2026-02-30,debit,1.00,X,success,`);
    while (rows.length < 1_500) filler();
    return { content: [HEADER, ...rows].join('\r\n'), lines: rows.length };
  }

  async function expectBalanced(poolId: string): Promise<FundPoolEntity> {
    const pool = await ds.manager.findOneByOrFail(FundPoolEntity, { id: poolId });
    const derived = (await ledger.balancesFromEntries(ds.manager, [poolId])).get(poolId)!;
    expect(balanceProblems(derived)).toEqual([]);
    expect(derived).toMatchObject({ paidFen: pool.paidFen, reservedFen: pool.reservedFen });
    return pool;
  }

  const payJournals = async (grants: Offer[]) =>
    (
      await ds.query(
        `SELECT count(*)::int AS n FROM ledger_journals WHERE kind = 'pay' AND application_id = ANY($1)`,
        [grants.map((g) => g.application.id)],
      )
    )[0].n as number;

  const outboxIdOf = async (importId: string) =>
    (
      await ds.query(
        `SELECT id FROM outbox WHERE queue = 'statement-imports' AND payload->>'importId' = $1`,
        [importId],
      )
    )[0].id as string;

  const fileOf = (importId: string) => () => statements.readFile(importId);

  /** Runs steps until `ready`, as a (re)started worker would; at most `limit` steps. */
  async function runSteps(importId: string, limit = Infinity): Promise<number> {
    let steps = 0;
    const file = fileOf(importId);
    while (steps < limit) {
      const step = await statements.step(importId, file, CHUNKS);
      steps += 1;
      if (step !== 'continue') break;
    }
    return steps;
  }

  it('resumes after interruptions between and inside its transactions, and ends as if never interrupted', async () => {
    const { poolId, grants, refs } = await exportedBatch(GRANTS);
    const file = statementOf('A', refs);
    expect(file.lines).toBeGreaterThan(SYNC_MAX_LINES);

    const queued = await statements.import(
      program.zoneId,
      { fileName: 'big.csv', content: file.content },
      finance,
    );
    expect(queued).toMatchObject({ status: 'queued', lineCount: file.lines, linesLoaded: 0, results: [] });
    const outboxId = await outboxIdOf(queued.id);
    expect(await payJournals(grants)).toBe(0);

    // Two load transactions, then the worker dies: two chunks are stored, the rest is not.
    await runSteps(queued.id, 2);
    let progress = (await statements.find(queued.id))!;
    expect(progress).toMatchObject({ status: 'running', linesLoaded: 2 * CHUNKS.load, linesSettled: 0 });

    // A new worker loads the rest, then settles one chunk of payments.
    await runSteps(queued.id, 3);
    progress = (await statements.find(queued.id))!;
    expect(progress.linesLoaded).toBe(file.lines);
    // Payments 1..59 (the first twice, the second three times with the wrong amount) and the return.
    expect(progress.linesToSettle).toBe(GRANTS + 2);
    expect(progress.linesSettled).toBe(CHUNKS.settle);
    const paidAfterFirstChunk = await payJournals(grants);
    expect(paidAfterFirstChunk).toBeGreaterThan(0);

    // The next chunk dies after settling its payments: its whole transaction is undone.
    const real = settlement.settlePaidMany.bind(settlement);
    jest.spyOn(settlement, 'settlePaidMany').mockImplementation(async (...args) => {
      await real(...args);
      throw new Error('worker killed (SIGKILL) in the middle of a chunk');
    });
    await expect(statements.step(queued.id, fileOf(queued.id), CHUNKS)).rejects.toThrow(/worker killed/);
    jest.restoreAllMocks();
    expect(await payJournals(grants)).toBe(paidAfterFirstChunk);
    expect((await statements.find(queued.id))!.linesSettled).toBe(CHUNKS.settle);

    // A retried job resumes and finishes; the outbox row is done with the completion.
    expect(await runSteps(queued.id)).toBeGreaterThan(1);
    const finished = await outbox.runOnce(outboxId, (m) => statements.finish(m, queued.id));
    expect(finished.ran).toBe(true);
    const done = (await statements.find(queued.id))!;
    expect(done).toMatchObject({ status: 'completed', linesSettled: GRANTS + 2, error: null });
    expect(done.counts).toEqual({
      matched: GRANTS - 1,
      returned: 1,
      recovered: 0,
      amount_mismatch: 1,
      unknown_reference: file.lines - (GRANTS + 2) - 2,
      already_settled: 1,
      needs_review: 0,
      duplicate: 1,
      invalid: 1,
    });
    const lines = await readStatementLines(ds.manager, done, { fromLine: 1, limit: 10 });
    expect(lines.slice(0, 3).map((l) => [l.lineNo, l.outcome, l.detail])).toEqual([
      [2, 'returned', '账户已冻结'],
      [3, 'amount_mismatch', expect.stringMatching(/^expected 10000\.00 yuan/)],
      [
        4,
        'unknown_reference',
        expect.stringMatching(/^no payment or clawback of this zone has the reference/),
      ],
    ]);
    expect(lines[1]).toMatchObject({
      expectedAmountFen: GRANT_FEN,
      itemId: expect.any(String),
      batchId: expect.any(String),
    });

    // Every grant paid once, except the returned one; the pool spent exactly that.
    const after = await Promise.all(
      grants.map(
        async (g) => (await ds.manager.findOneByOrFail(ApplicationEntity, { id: g.application.id })).state,
      ),
    );
    expect(after[0]).toBe('approved');
    expect(after.slice(1).every((s) => s === 'paid')).toBe(true);
    expect(await payJournals(grants)).toBe(GRANTS - 1);
    const pool = await expectBalanced(poolId);
    expect(pool).toMatchObject({ paidFen: (GRANTS - 1) * GRANT_FEN, reservedFen: GRANT_FEN });
    const batch = await ds.query(
      `SELECT b.state FROM disbursement_batches b JOIN disbursement_items i ON i.batch_id = b.id
       WHERE i.payment_reference = $1`,
      [refs[0]],
    );
    expect(batch[0].state).toBe('partly_settled');

    // The job delivered again finds nothing to do; the outbox row stays done.
    expect(await statements.step(queued.id, fileOf(queued.id), CHUNKS)).toBe('gone');
    expect((await outbox.runOnce(outboxId, (m) => statements.finish(m, queued.id))).ran).toBe(false);
    const audit: { action: string }[] = await ds.query(
      `SELECT action FROM audit_events WHERE stream = $1 AND data->>'importId' = $2 ORDER BY seq`,
      [`bank-statements:${program.zoneId}`, queued.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['bank-statement.received', 'bank-statement.imported']);

    // The same file again: every line a duplicate (but the unreadable one), nothing moves.
    const again = await statements.import(
      program.zoneId,
      { fileName: 'big.csv', content: file.content },
      finance,
    );
    await runSteps(again.id);
    await outbox.runOnce(await outboxIdOf(again.id), (m) => statements.finish(m, again.id));
    const second = (await statements.find(again.id))!;
    expect(second.counts).toMatchObject({ duplicate: file.lines - 1, invalid: 1, matched: 0, returned: 0 });
    expect(await expectBalanced(poolId)).toEqual(pool);
    const dupLines = await readStatementLines(ds.manager, second, { fromLine: 2, limit: 2 });
    expect(dupLines.map((l) => l.detail)).toEqual([
      'bank transaction already imported (first outcome: returned)',
      'bank transaction already imported (first outcome: amount_mismatch)',
    ]);
  }, 300_000);

  it('a settlement the rules refuse leaves its line for review and the others settle', async () => {
    const { poolId, grants, refs } = await exportedBatch(3);
    const rows = refs.map((ref, i) => `RF-${i},${bankDate(3)},debit,${fenToYuan(GRANT_FEN)},${ref},success,`);
    const filler = Array.from(
      { length: SYNC_MAX_LINES },
      (_, i) => `RF-X${i},${bankDate(3)},credit,1.00,IN${i},success,`,
    );
    const queued = await statements.import(
      program.zoneId,
      { fileName: 'refused.csv', content: [HEADER, ...rows, ...filler].join('\n') },
      finance,
    );
    // The set-based settlement of the three is refused after writing (as if a grant changed under
    // it): its work is undone and the chunk settles one by one, where the second payment's settlement
    // gets as far as the ledger, then a rule refuses it.
    const realMany = settlement.settlePaidMany.bind(settlement);
    jest.spyOn(settlement, 'settlePaidMany').mockImplementation(async (...args) => {
      await realMany(...args);
      throw new DomainError(DomainErrorCode.StaleVersion, 'a grant changed under the set');
    });
    const real = settlement.settlePaid.bind(settlement);
    jest.spyOn(settlement, 'settlePaid').mockImplementation(async (m, item, bank, actor) => {
      await real(m, item, bank, actor);
      if (item.paymentReference === refs[1])
        throw new DomainError(DomainErrorCode.Conflict, 'the grant was withdrawn meanwhile');
    });
    await runSteps(queued.id);
    await outbox.runOnce(await outboxIdOf(queued.id), (m) => statements.finish(m, queued.id));
    const done = (await statements.find(queued.id))!;
    expect(done.counts).toMatchObject({ matched: 2, needs_review: 1, unknown_reference: SYNC_MAX_LINES });
    const [, second] = await readStatementLines(ds.manager, done, { fromLine: 1, limit: 3 });
    expect(second).toMatchObject({
      outcome: 'needs_review',
      detail: 'the payment could not be settled: the grant was withdrawn meanwhile',
    });
    // Its work was rolled back to the savepoint: not paid, still awaiting the bank, still reserved.
    const state = async (g: Offer) =>
      (await ds.manager.findOneByOrFail(ApplicationEntity, { id: g.application.id })).state;
    expect(await Promise.all(grants.map(state))).toEqual(['paid', 'disbursing', 'paid']);
    expect(await payJournals(grants)).toBe(2);
    const item = await ds.query(`SELECT state FROM disbursement_items WHERE payment_reference = $1`, [
      refs[1],
    ]);
    expect(item[0].state).toBe('awaiting_bank');
    expect(await expectBalanced(poolId)).toMatchObject({ paidFen: 2 * GRANT_FEN, reservedFen: GRANT_FEN });
  }, 120_000);
});
