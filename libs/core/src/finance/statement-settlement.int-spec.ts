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
import { AuditService } from '../audit/audit.service';
import { CatalogCoreModule } from '../catalog/catalog-core.module';
import { OutboxModule } from '../outbox/outbox.module';
import { DisbursementService } from './disbursement.service';
import { FinanceCoreModule } from './finance-core.module';
import { bankStatementStream, fundPoolStream } from './finance-streams';
import { FundPoolsService } from './fund-pools.service';
import { balanceProblems } from './ledger';
import { LedgerService } from './ledger.service';
import { fenToYuan } from './money';
import { PaymentsCoreModule } from './payments-core.module';
import { ChunkSizes, StatementImportService, SYNC_MAX_LINES } from './statement-import.service';
import { bankDate } from '../../../../test/support/bank-dates';

const GRANT_FEN = 1_000_000; // 10,000 yuan
const HEADER = 'transaction_id,value_date,direction,amount,payment_reference,status,reason';
const GRANTS = 24;

/**
 * Set-based settlement of a statement's confirmed payments against the one-by-one settlement it
 * replaced: the same statement, settled both ways over two identical batches, ends in the same
 * outcomes, grant states, ledger totals, audit events and notifications, with every audit chain
 * verifying. And two imports of overlapping statements running at once settle each payment once.
 */
describe('set-based statement settlement', () => {
  let harness: Awaited<ReturnType<typeof financeServiceHarness>>;
  let ds: DataSource;
  let transitions: ApplicationTransitionService;
  let pools: FundPoolsService;
  let ledger: LedgerService;
  let batches: DisbursementService;
  let statements: StatementImportService;
  let audit: AuditService;
  let program: SeededProgram;
  let finance: { userId: string; role: 'finance' };
  let fiscalYear = 2070;

  beforeAll(async () => {
    harness = await financeServiceHarness('stmtsettle', [
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
    audit = harness.moduleRef.get(AuditService);
    program = await seededProgram(ds, 'changsha-etdz', 'changsha-etdz.little-giant');
    finance = (await insertStaff(ds, program.zoneId, 'finance')) as typeof finance;
  });

  afterAll(() => harness?.close());

  /** A pool, `n` approved grants and their locked batch: the grants and their payment references. */
  async function lockedBatch(n: number): Promise<{ poolId: string; grants: Offer[]; refs: string[] }> {
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
   * Over SYNC_MAX_LINES lines: every payment confirmed, and around them what the settlement must
   * decide line by line — a return (the first payment), a wrong amount before the right one (the
   * second), a confirmation repeated under a new bank transaction (the third), money coming back for a
   * payment already paid (the fourth), a credit marked returned, and the account's other traffic.
   */
  function statementOf(tag: string, refs: string[]): string {
    const amount = fenToYuan(GRANT_FEN);
    const rows: string[] = [];
    let other = 0;
    const filler = () => {
      other += 1;
      rows.push(`${tag}-X${other},${bankDate(1)},debit,${fenToYuan(100 + other)},TR${other},success,`);
    };
    rows.push(`${tag}-R0,${bankDate()},debit,${amount},${refs[0]},returned,账户已冻结`);
    rows.push(`${tag}-W1,${bankDate()},debit,${fenToYuan(GRANT_FEN + 1)},${refs[1]},success,`);
    for (let i = 1; i < refs.length; i++) {
      for (let k = 0; k < 3; k++) filler();
      rows.push(`${tag}-P${i},${bankDate()},debit,${amount},${refs[i]},success,`);
    }
    rows.push(`${tag}-P2B,${bankDate(2)},debit,${amount},${refs[2]},success,`);
    rows.push(`${tag}-C3,${bankDate(3)},credit,${amount},${refs[3]},success,`);
    rows.push(`${tag}-C4,${bankDate(3)},credit,${amount},${refs[4]},returned,`);
    while (rows.length <= SYNC_MAX_LINES) filler();
    return [HEADER, ...rows].join('\r\n');
  }

  async function importAll(content: string, chunks: ChunkSizes): Promise<string> {
    const queued = await statements.import(program.zoneId, { fileName: 'july.csv', content }, finance);
    expect(queued.status).toBe('queued');
    const file = () => statements.readFile(queued.id);
    while ((await statements.step(queued.id, file, chunks)) === 'continue');
    await ds.transaction((m) => statements.finish(m, queued.id));
    return queued.id;
  }

  /** Everything the settlement decides or writes, with the batch's own ids and references left out. */
  async function outcomeOf(importId: string, poolId: string, grants: Offer[], refs: string[]) {
    const ids = grants.map((g) => g.application.id);
    const anonymous = (text: string | null) =>
      refs.reduce((t, ref, i) => t?.split(ref).join(`<ref ${i}>`) ?? null, text);
    const lines: { line_no: number; outcome: string; detail: string | null; expected: string | null }[] =
      await ds.query(
        `SELECT line_no, outcome, detail, expected_amount_fen::text AS expected FROM bank_statement_lines
         WHERE import_id = $1 ORDER BY line_no`,
        [importId],
      );
    const states = await Promise.all(
      ids.map(async (id) => {
        const a = await ds.manager.findOneByOrFail(ApplicationEntity, { id });
        return { state: a.state, paid: a.paidAmountFen, paidAt: a.paidAt !== null, stage: a.stage };
      }),
    );
    const pool = await ds.manager.findOneByOrFail(FundPoolEntity, { id: poolId });
    const derived = (await ledger.balancesFromEntries(ds.manager, [poolId])).get(poolId)!;
    const journals: { kind: string; n: number; fen: string }[] = await ds.query(
      `SELECT kind, count(*)::int AS n, sum(amount_fen)::text AS fen FROM ledger_journals WHERE pool_id = $1
       GROUP BY kind ORDER BY kind`,
      [poolId],
    );
    const applicationEvents = await Promise.all(
      ids.map(async (id) =>
        (await audit.list(ds.manager, `application:${id}`)).map((e) => ({
          seq: e.seq,
          action: e.action,
          from: e.fromState,
          to: e.toState,
          amountFen: e.amountFen,
          comment: e.comment,
          data: { ...e.data, event: anonymousEvent(e.data.event, refs) },
        })),
      ),
    );
    const poolEvents = (await audit.list(ds.manager, fundPoolStream(poolId))).map((e) => ({
      action: e.action,
      amountFen: e.amountFen,
    }));
    const notifications: { template: string; audience: string; seq: number }[] = await ds.query(
      `SELECT job_name AS template, payload->>'audience' AS audience, (payload->>'auditSeq')::int AS seq,
              payload->>'applicationId' AS application_id
       FROM outbox WHERE queue = 'notifications' AND payload->>'applicationId' = ANY($1)
       ORDER BY array_position($1::text[], payload->>'applicationId'), (payload->>'auditSeq')::int, job_name, payload->>'audience'`,
      [ids],
    );
    const stageLog: { n: number }[] = await ds.query(
      `SELECT count(*)::int AS n FROM application_stage_log WHERE application_id = ANY($1) AND left_at IS NULL`,
      [ids],
    );
    return {
      lines: lines.map((l) => ({ ...l, detail: anonymous(l.detail) })),
      states,
      balances: derived,
      poolRow: {
        paid: pool.paidFen,
        reserved: pool.reservedFen,
        available: pool.availableFen,
        allocated: pool.allocatedFen,
      },
      journals,
      applicationEvents,
      poolEvents,
      notifications: notifications.map((n) => ({
        template: n.template,
        audience: n.audience,
        seq: n.seq,
        grant: ids.indexOf((n as unknown as { application_id: string }).application_id),
      })),
      openStages: stageLog[0].n,
    };
  }

  async function expectChainsVerify(streams: string[]): Promise<void> {
    for (const stream of streams) {
      expect({ stream, verdict: await audit.verify(ds.manager, stream) }).toMatchObject({
        stream,
        verdict: { valid: true },
      });
    }
  }

  it('settles a statement as the one-by-one settlement does: outcomes, grants, ledger, audit, notifications', async () => {
    const chunks = { load: 500, settle: 7 };
    const oneByOne = await lockedBatch(GRANTS);
    const setBased = await lockedBatch(GRANTS);

    const expectedImport = await importAll(statementOf('OBO', oneByOne.refs), { ...chunks, oneByOne: true });
    const actualImport = await importAll(statementOf('SET', setBased.refs), chunks);

    const expected = await outcomeOf(expectedImport, oneByOne.poolId, oneByOne.grants, oneByOne.refs);
    const actual = await outcomeOf(actualImport, setBased.poolId, setBased.grants, setBased.refs);
    expect(actual).toEqual(expected);

    // And what both should be, computed independently of either path.
    expect(actual.states.map((s) => s.state)).toEqual(['approved', ...Array(GRANTS - 1).fill('paid')]);
    expect(actual.journals).toEqual([
      { kind: 'allocate', n: 1, fen: String(GRANTS * GRANT_FEN) },
      { kind: 'pay', n: GRANTS - 1, fen: String((GRANTS - 1) * GRANT_FEN) },
      { kind: 'reserve', n: GRANTS, fen: String(GRANTS * GRANT_FEN) },
    ]);
    expect(balanceProblems(actual.balances)).toEqual([]);
    expect(actual.balances).toMatchObject({ paidFen: (GRANTS - 1) * GRANT_FEN, reservedFen: GRANT_FEN });
    expect(actual.poolRow).toMatchObject({ paid: (GRANTS - 1) * GRANT_FEN, reserved: GRANT_FEN });
    const counts = (await statements.find(actualImport))!.counts;
    expect(counts).toMatchObject({
      matched: GRANTS - 1,
      returned: 1,
      amount_mismatch: 1,
      already_settled: 1,
      needs_review: 2,
    });
    expect(actual.notifications.filter((n) => n.template === 'payment-succeeded')).toHaveLength(GRANTS - 1);

    await expectChainsVerify([
      ...[...oneByOne.grants, ...setBased.grants].map((g) => `application:${g.application.id}`),
      fundPoolStream(oneByOne.poolId),
      fundPoolStream(setBased.poolId),
      bankStatementStream(program.zoneId),
    ]);
  }, 300_000);

  it('two imports of overlapping statements at once settle every payment once', async () => {
    const { poolId, grants, refs } = await lockedBatch(GRANTS);
    const amount = fenToYuan(GRANT_FEN);
    const line = (txn: string, ref: string) => `${txn},${bankDate(4)},debit,${amount},${ref},success,`;
    const filler = (tag: string) =>
      Array.from(
        { length: SYNC_MAX_LINES },
        (_, i) => `${tag}-X${i},${bankDate(4)},credit,1.00,IN${tag}${i},success,`,
      );
    // A: the first two thirds; B: the last two thirds, the middle third under the same bank
    // transactions as A (duplicates) and again under its own (already settled, or settled by B first);
    // C, in the request: every payment under transactions of its own.
    const third = GRANTS / 3;
    const a = refs.slice(0, 2 * third).map((ref, i) => line(`OV-${i}`, ref));
    const b = [
      ...refs.slice(third, 2 * third).map((ref, i) => line(`OV-${third + i}`, ref)),
      ...refs.slice(third).map((ref, i) => line(`B-${third + i}`, ref)),
    ];
    const c = refs.map((ref, i) => line(`C-${i}`, ref));
    const file = (rows: string[], tag: string) => [HEADER, ...rows, ...filler(tag)].join('\n');
    const chunks = { load: 300, settle: 5 };

    const [importA, importB, importC] = await Promise.all([
      importAll(file(a, 'A'), chunks),
      importAll(file(b, 'B'), chunks),
      statements
        .import(program.zoneId, { fileName: 'c.csv', content: [HEADER, ...c].join('\n') }, finance)
        .then((done) => done.id),
    ]);

    const counts = await Promise.all(
      [importA, importB, importC].map(async (id) => (await statements.find(id))!.counts),
    );
    const matched = counts.reduce((sum, c) => sum + (c.matched ?? 0), 0);
    const alreadySettled = counts.reduce((sum, c) => sum + (c.already_settled ?? 0), 0);
    const duplicates = counts.reduce((sum, c) => sum + (c.duplicate ?? 0), 0);
    expect(matched).toBe(GRANTS);
    // Every line quoting a payment: one matched it, the others found it settled (or were duplicates).
    expect(matched + alreadySettled + duplicates).toBe(a.length + b.length + c.length);
    expect(duplicates).toBe(third);

    const journals: { application_id: string; n: number }[] = await ds.query(
      `SELECT application_id, count(*)::int AS n FROM ledger_journals WHERE kind = 'pay' AND pool_id = $1
       GROUP BY application_id`,
      [poolId],
    );
    expect(journals).toHaveLength(GRANTS);
    expect(journals.every((j) => j.n === 1)).toBe(true);
    const states = await Promise.all(
      grants.map(
        async (g) => (await ds.manager.findOneByOrFail(ApplicationEntity, { id: g.application.id })).state,
      ),
    );
    expect(new Set(states)).toEqual(new Set(['paid']));
    const derived = (await ledger.balancesFromEntries(ds.manager, [poolId])).get(poolId)!;
    expect(balanceProblems(derived)).toEqual([]);
    expect(derived).toMatchObject({ paidFen: GRANTS * GRANT_FEN, reservedFen: 0 });
    const paidEvents: { n: number }[] = await ds.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE stream = ANY($1) AND action = 'payment_succeeded'`,
      [grants.map((g) => `application:${g.application.id}`)],
    );
    expect(paidEvents[0].n).toBe(GRANTS);
    await expectChainsVerify([
      ...grants.map((g) => `application:${g.application.id}`),
      fundPoolStream(poolId),
      bankStatementStream(program.zoneId),
    ]);
  }, 300_000);
});

/** The workflow event as audited, with the payment reference (different per batch) left out. */
function anonymousEvent(event: unknown, refs: string[]): unknown {
  if (!event || typeof event !== 'object') return event;
  const e = { ...(event as Record<string, unknown>) };
  if (typeof e.paymentRef === 'string') e.paymentRef = `<ref ${refs.indexOf(e.paymentRef)}>`;
  if (typeof e.batchId === 'string') e.batchId = '<batch>';
  return e;
}
