import iconv from 'iconv-lite';
import { DataSource } from 'typeorm';
import {
  financeServiceHarness,
  insertEnterpriseWithOwner,
  insertOffer,
  insertStaff,
  SeededProgram,
  seededProgram,
} from '../../../../test/finance/support/finance-fixtures';
import { ApplicationsCoreModule } from '../applications/applications-core.module';
import { ApplicationTransitionService } from '../applications/application-transition.service';
import { CatalogCoreModule } from '../catalog/catalog-core.module';
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import { OutboxModule } from '../outbox/outbox.module';
import { DisbursementService } from './disbursement.service';
import { FinanceCoreModule } from './finance-core.module';
import { FundPoolsService } from './fund-pools.service';
import { fenToYuan } from './money';
import { PaymentsCoreModule } from './payments-core.module';
import { StatementImportService } from './statement-import.service';
import { StatementMatchingService } from './statement-matching.service';
import { bankDate } from '../../../../test/support/bank-dates';

const GRANT_FEN = 1_000_000;
const HEADER = '交易日期,交易流水号,摘要,对方户名,对方账号,借方发生额,贷方发生额,附言';

/**
 * Statements as banks export them (GBK, references inside 摘要), a corrected statement imported again,
 * and lines matched by hand under four eyes.
 */
describe('bank statements: free text, corrections and hand matching', () => {
  let harness: Awaited<ReturnType<typeof financeServiceHarness>>;
  let ds: DataSource;
  let statements: StatementImportService;
  let matching: StatementMatchingService;
  let program: SeededProgram;
  let finance: { userId: string; role: 'finance' };
  let second: { userId: string; role: 'finance' };
  let third: { userId: string; role: 'finance' };
  let fiscalYear = 2070;

  beforeAll(async () => {
    harness = await financeServiceHarness('stmtmatch', [
      OutboxModule,
      CatalogCoreModule,
      ApplicationsCoreModule,
      FinanceCoreModule,
      PaymentsCoreModule,
    ]);
    ds = harness.ds;
    statements = harness.moduleRef.get(StatementImportService);
    matching = harness.moduleRef.get(StatementMatchingService);
    program = await seededProgram(ds, 'changsha-etdz', 'changsha-etdz.little-giant');
    finance = (await insertStaff(ds, program.zoneId, 'finance')) as typeof finance;
    second = (await insertStaff(ds, program.zoneId, 'finance')) as typeof second;
    third = (await insertStaff(ds, program.zoneId, 'finance')) as typeof third;
  });

  afterAll(() => harness?.close());

  async function lockedBatch(n: number): Promise<string[]> {
    fiscalYear += 1;
    const transitions = harness.moduleRef.get(ApplicationTransitionService);
    const batches = harness.moduleRef.get(DisbursementService);
    await harness.moduleRef
      .get(FundPoolsService)
      .create(
        program.zoneId,
        { programCode: program.programCode, fiscalYear, allocatedFen: n * GRANT_FEN },
        finance,
      );
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
    }
    const built = await batches.build(
      program.zoneId,
      { programCode: program.programCode, fiscalYear },
      null,
      finance,
    );
    await batches.lock(program.zoneId, built.batch.id, finance);
    const rows: { payment_reference: string }[] = await ds.query(
      `SELECT payment_reference FROM disbursement_items WHERE batch_id = $1 ORDER BY payment_reference`,
      [built.batch.id],
    );
    return rows.map((r) => r.payment_reference);
  }

  const gbk = (lines: string[]) => iconv.encode([HEADER, ...lines].join('\r\n'), 'gbk');
  const amount = fenToYuan(GRANT_FEN);
  const outcomes = (results: { lineNo: number; outcome: string }[]) => results.map((r) => r.outcome);
  const payJournals = async (ref: string) =>
    (
      await ds.query(
        `SELECT count(*)::int AS n FROM ledger_journals j JOIN disbursement_items i ON i.id = j.disbursement_item_id
         WHERE j.kind = 'pay' AND i.payment_reference = $1`,
        [ref],
      )
    )[0].n as number;
  const itemState = async (ref: string) =>
    (await ds.query(`SELECT state FROM disbursement_items WHERE payment_reference = $1`, [ref]))[0]
      .state as string;

  it('settles a GBK statement whose references sit inside 摘要 and 附言, and a corrected one imported again', async () => {
    const refs = await lockedBatch(3);
    const first = await statements.import(
      program.zoneId,
      {
        fileName: '工行明细.csv',
        content: gbk([
          `${bankDate()},G-1,惠企补贴 ${refs[0]},湖南示例科技有限公司,6222021001123456789,${amount},,`,
          `${bankDate()},G-2,代发,某公司,6222,${amount},,款项 ${refs[1].toLowerCase()}`,
          // The bank cut the reference: nobody can tell which payment this is.
          `${bankDate()},G-3,惠企补贴 HQ00000,某公司,6222,${amount},,`,
        ]),
      },
      finance,
    );
    expect(outcomes(first.results)).toEqual(['matched', 'matched', 'unknown_reference']);
    expect(first.results[0].reference).toBe(refs[0]);

    // The corrected statement from the bank: the same transactions, the third one with its reference.
    const corrected = await statements.import(
      program.zoneId,
      {
        fileName: '工行明细-更正.csv',
        content: gbk([
          `${bankDate()},G-1,惠企补贴 ${refs[0]},湖南示例科技有限公司,6222021001123456789,${amount},,`,
          `${bankDate()},G-2,代发,某公司,6222,${amount},,款项 ${refs[1]}`,
          `${bankDate()},G-3,惠企补贴 ${refs[2]},某公司,6222,${amount},,`,
        ]),
      },
      finance,
    );
    expect(outcomes(corrected.results)).toEqual(['duplicate', 'duplicate', 'matched']);
    for (const ref of refs) {
      expect(await itemState(ref)).toBe('paid');
      expect(await payJournals(ref)).toBe(1);
    }
    // The first import's line is kept as evidence, set aside for the line that settled it.
    const old: { superseded_by: string }[] = await ds.query(
      `SELECT superseded_by FROM bank_statement_lines WHERE import_id = $1 AND line_no = 4`,
      [first.id],
    );
    expect(old[0].superseded_by).toBe(corrected.id);

    // Imported once more, nothing changes: settled money is protected.
    const again = await statements.import(
      program.zoneId,
      {
        fileName: '工行明细-更正.csv',
        content: gbk([`${bankDate()},G-3,惠企补贴 ${refs[2]},某公司,6222,${amount},,`]),
      },
      finance,
    );
    expect(outcomes(again.results)).toEqual(['duplicate']);
    expect(await payJournals(refs[2])).toBe(1);
  });

  it('settles a hand match only on a second finance user’s confirmation, once under concurrency', async () => {
    const refs = await lockedBatch(1);
    const imported = await statements.import(
      program.zoneId,
      { fileName: 'h.csv', content: gbk([`${bankDate(1)},H-1,补贴款,某公司,6222,${amount},,`]) },
      finance,
    );
    expect(outcomes(imported.results)).toEqual(['unknown_reference']);
    const lineNo = imported.results[0].lineNo;

    const proposal = await matching.propose(
      program.zoneId,
      imported.id,
      lineNo,
      { paymentReference: refs[0], comment: '银行回单核对一致' },
      finance,
    );
    expect(proposal).toMatchObject({ state: 'pending', reference: refs[0], target: 'payment' });
    expect(await payJournals(refs[0])).toBe(0);

    // The proposer cannot confirm their own proposal.
    await expect(matching.confirm(program.zoneId, proposal.id, finance, null)).rejects.toMatchObject({
      code: DomainErrorCode.Forbidden,
    });
    // A second proposal for the same line waits for the first.
    await expect(
      matching.propose(
        program.zoneId,
        imported.id,
        lineNo,
        { paymentReference: refs[0], comment: 'x' },
        second,
      ),
    ).rejects.toMatchObject({ code: DomainErrorCode.Conflict });

    // Two other finance users confirm at the same moment: one settles, the other finds it decided.
    const results = await Promise.allSettled([
      matching.confirm(program.zoneId, proposal.id, second, 'ok'),
      matching.confirm(program.zoneId, proposal.id, third, 'ok'),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(DomainError);
    expect((refused.reason as DomainError).code).toBe(DomainErrorCode.Conflict);

    expect(await itemState(refs[0])).toBe('paid');
    expect(await payJournals(refs[0])).toBe(1);
    const line: { outcome: string; detail: string; journal_line: string }[] = await ds.query(
      `SELECT l.outcome, l.detail, j.statement_line_id AS journal_line FROM bank_statement_lines l
       JOIN ledger_journals j ON j.statement_line_id = l.id AND j.kind = 'pay'
       WHERE l.import_id = $1 AND l.line_no = $2`,
      [imported.id, lineNo],
    );
    expect(line[0]).toMatchObject({ outcome: 'matched' });
    expect(line[0].detail).toContain(refs[0]);
    const counts: { counts: Record<string, number> }[] = await ds.query(
      `SELECT counts FROM bank_statement_imports WHERE id = $1`,
      [imported.id],
    );
    expect(counts[0].counts).toMatchObject({ matched: 1, unknown_reference: 0 });
    const audit: { action: string }[] = await ds.query(
      `SELECT action FROM audit_events WHERE stream = $1 AND action LIKE 'bank-statement.match-%' ORDER BY seq`,
      [`bank-statements:${program.zoneId}`],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'bank-statement.match-proposed',
      'bank-statement.match-confirmed',
    ]);

    // A settled line cannot be matched again.
    await expect(
      matching.propose(
        program.zoneId,
        imported.id,
        lineNo,
        { paymentReference: refs[0], comment: 'x' },
        second,
      ),
    ).rejects.toMatchObject({ code: DomainErrorCode.Conflict });
  });

  it('refuses to confirm a hand match whose amount is not the payment’s, and a rejected proposal settles nothing', async () => {
    const refs = await lockedBatch(2);
    const imported = await statements.import(
      program.zoneId,
      {
        fileName: 'm.csv',
        content: gbk([
          `${bankDate(2)},M-1,补贴,某公司,6222,${fenToYuan(GRANT_FEN - 1)},,`,
          `${bankDate(2)},M-2,补贴,某公司,6222,${amount},,`,
        ]),
      },
      finance,
    );
    const [wrong, right] = imported.results;
    const p1 = await matching.propose(
      program.zoneId,
      imported.id,
      wrong.lineNo,
      { paymentReference: refs[0], comment: 'guess' },
      finance,
    );
    await expect(matching.confirm(program.zoneId, p1.id, second, null)).rejects.toMatchObject({
      code: DomainErrorCode.Conflict,
    });
    const p2 = await matching.propose(
      program.zoneId,
      imported.id,
      right.lineNo,
      { paymentReference: refs[1], comment: 'guess' },
      finance,
    );
    expect(await matching.reject(program.zoneId, p2.id, second, '回单不符')).toMatchObject({
      state: 'rejected',
    });
    await expect(matching.confirm(program.zoneId, p2.id, third, null)).rejects.toMatchObject({
      code: DomainErrorCode.Conflict,
    });
    expect(await itemState(refs[0])).toBe('awaiting_bank');
    expect(await itemState(refs[1])).toBe('awaiting_bank');
  });
  it('sends a line dated before its case was submitted to review, settling nothing until two people match it', async () => {
    const refs = await lockedBatch(2);
    const imported = await statements.import(
      program.zoneId,
      {
        fileName: 'early.csv',
        content: gbk([
          `${bankDate(-1)},E-1,惠企补贴 ${refs[0]},某公司,6222,${amount},,`,
          `${bankDate()},E-2,惠企补贴 ${refs[1]},某公司,6222,${amount},,`,
        ]),
      },
      finance,
    );
    expect(outcomes(imported.results)).toEqual(['needs_review', 'matched']);
    const early: { detail: string }[] = await ds.query(
      `SELECT detail FROM bank_statement_lines WHERE import_id = $1 AND line_no = $2`,
      [imported.id, imported.results[0].lineNo],
    );
    expect(early[0].detail).toContain(`before the case of ${refs[0]} was submitted on ${bankDate()}`);
    expect(await itemState(refs[0])).toBe('awaiting_bank');
    expect(await payJournals(refs[0])).toBe(0);
    expect(await itemState(refs[1])).toBe('paid');

    // Two finance users who looked at the bank's receipt settle it by hand.
    const proposal = await matching.propose(
      program.zoneId,
      imported.id,
      imported.results[0].lineNo,
      { paymentReference: refs[0], comment: '银行记账日期有误，回单核对一致' },
      finance,
    );
    await matching.confirm(program.zoneId, proposal.id, second, null);
    expect(await itemState(refs[0])).toBe('paid');
    expect(await payJournals(refs[0])).toBe(1);
  });
});
