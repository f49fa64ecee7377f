import { ApplicationEntity, FundPoolEntity } from '@huiqi/database';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import {
  FINANCE_ACTOR,
  financeServiceHarness,
  insertApplication,
  insertEnterprise,
  SeededProgram,
  seededProgram,
} from '../../../../test/finance/support/finance-fixtures';
import { DomainError } from '../errors/domain-error';
import { ClawbackService } from './clawback.service';
import { FinanceCoreModule } from './finance-core.module';
import { FundPoolsService } from './fund-pools.service';
import { FundsService } from './funds.service';
import { balanceProblems, PoolBalances } from './ledger';
import { LedgerService } from './ledger.service';

const POOLS = 2;
const APPS = 6;

type Command =
  | { op: 'allocate'; pool: number; fen: number }
  | { op: 'reserve'; app: number; fen: number }
  | { op: 'release'; app: number }
  | { op: 'pay'; app: number }
  | { op: 'clawback'; app: number; fen: number }
  | { op: 'recover'; app: number; fen: number };

const fen = fc.integer({ min: 1, max: 400_000 });
const pool = fc.integer({ min: 0, max: POOLS - 1 });
const app = fc.integer({ min: 0, max: APPS - 1 });
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ op: fc.constant('allocate' as const), pool, fen: fc.integer({ min: 0, max: 1_000_000 }) }),
  fc.record({ op: fc.constant('reserve' as const), app, fen }),
  fc.record({ op: fc.constant('release' as const), app }),
  fc.record({ op: fc.constant('pay' as const), app }),
  fc.record({ op: fc.constant('clawback' as const), app, fen }),
  fc.record({ op: fc.constant('recover' as const), app, fen }),
);

interface ModelPool {
  allocated: number;
  reserved: number;
  paid: number;
  clawedBack: number;
  recovered: number;
}
interface ModelApp {
  pool: number;
  status: 'none' | 'reserved' | 'released' | 'paid';
  amount: number;
  receivable: { amount: number; recovered: number } | null;
}

/** What the ledger must do for a command (true: accepted), applied to the model. */
function expected(pools: ModelPool[], apps: ModelApp[], c: Command): boolean {
  if (c.op === 'allocate') {
    const p = pools[c.pool];
    if (c.fen < p.reserved + p.paid) return false;
    p.allocated = c.fen;
    return true;
  }
  const a = apps[c.app];
  const p = pools[a.pool];
  switch (c.op) {
    case 'reserve':
      if (a.status !== 'none') return a.status === 'reserved' && a.amount === c.fen;
      if (p.allocated - p.reserved - p.paid < c.fen) return false;
      Object.assign(a, { status: 'reserved', amount: c.fen });
      p.reserved += c.fen;
      return true;
    case 'release':
      if (a.status === 'reserved') {
        a.status = 'released';
        p.reserved -= a.amount;
      }
      return true;
    case 'pay':
      if (a.status !== 'reserved') return false;
      a.status = 'paid';
      p.reserved -= a.amount;
      p.paid += a.amount;
      return true;
    case 'clawback':
      if (a.status !== 'paid' || c.fen > a.amount) return false;
      if (a.receivable && a.receivable.amount >= c.fen) return true;
      p.clawedBack += c.fen - (a.receivable?.amount ?? 0);
      a.receivable = { amount: c.fen, recovered: a.receivable?.recovered ?? 0 };
      return true;
    case 'recover':
      if (!a.receivable || a.receivable.recovered + c.fen > a.receivable.amount) return false;
      a.receivable.recovered += c.fen;
      p.recovered += c.fen;
      return true;
  }
}

function balancesOf(p: ModelPool): PoolBalances {
  return {
    allocatedFen: p.allocated,
    availableFen: p.allocated - p.reserved - p.paid,
    reservedFen: p.reserved,
    paidFen: p.paid,
    clawedBackFen: p.clawedBack,
    receivableFen: p.clawedBack - p.recovered,
    recoveredFen: p.recovered,
  };
}

/**
 * Property (fast-check, real Postgres): any sequence of allocations, reservations, releases, payments,
 * clawbacks and recoveries is accepted or refused exactly as the rules say, and leaves every pool's
 * balances equal to the sums of its entries, non-negative, adding up, and never over-committed.
 */
describe('ledger property', () => {
  let harness: Awaited<ReturnType<typeof financeServiceHarness>>;
  let ds: DataSource;
  let program: SeededProgram;
  let enterpriseId: string;
  let year = 2000;

  beforeAll(async () => {
    harness = await financeServiceHarness('ledger', [FinanceCoreModule]);
    ds = harness.ds;
    program = await seededProgram(ds, 'ningxiang-htz');
    enterpriseId = (await insertEnterprise(ds, program.zoneId)).id;
  });

  afterAll(() => harness?.close());

  async function run(c: Command, pools: FundPoolEntity[], apps: ApplicationEntity[]): Promise<void> {
    const funds = harness.moduleRef.get(FundsService);
    const clawbacks = harness.moduleRef.get(ClawbackService);
    const poolService = harness.moduleRef.get(FundPoolsService);
    if (c.op === 'allocate') {
      await poolService.setAllocation(program.zoneId, pools[c.pool].id, c.fen, 'property', FINANCE_ACTOR);
      return;
    }
    const application = apps[c.app];
    await ds.transaction(async (m) => {
      switch (c.op) {
        case 'reserve':
          return funds.reserve(m, {
            application,
            policyDocumentCode: null,
            amountFen: c.fen,
            actor: FINANCE_ACTOR,
          });
        case 'release':
          return funds.release(m, { application, actor: FINANCE_ACTOR });
        case 'pay': {
          const held: { amount_fen: string }[] = await m.query(
            `SELECT amount_fen FROM fund_reservations WHERE application_id = $1`,
            [application.id],
          );
          const amountFen = held.length ? Number(held[0].amount_fen) : 1;
          await funds.pay(m, {
            application,
            amountFen,
            disbursementItemId: null,
            statementLineId: null,
            actor: FINANCE_ACTOR,
          });
          return;
        }
        case 'clawback':
          await clawbacks.open(m, {
            application,
            amountFen: c.fen,
            reason: 'property',
            actor: FINANCE_ACTOR,
          });
          return;
        case 'recover': {
          const r: { id: string }[] = await m.query(
            `SELECT id FROM clawback_receivables WHERE application_id = $1`,
            [application.id],
          );
          if (r.length === 0) throw new DomainError(DomainError.notFound('clawback').code, 'no receivable');
          await clawbacks.recover(m, { receivableId: r[0].id, amountFen: c.fen, actor: FINANCE_ACTOR });
          return;
        }
      }
    });
  }

  it('keeps every pool consistent and non-negative under any sequence of operations', async () => {
    const ledger = harness.moduleRef.get(LedgerService);
    const poolService = harness.moduleRef.get(FundPoolsService);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 600_000 }), { minLength: POOLS, maxLength: POOLS }),
        fc.array(command, { minLength: 1, maxLength: 30 }),
        async (allocations, commands) => {
          const pools: FundPoolEntity[] = [];
          const apps: ApplicationEntity[] = [];
          for (let p = 0; p < POOLS; p++) {
            year += 1;
            pools.push(
              await poolService.create(
                program.zoneId,
                { programCode: program.programCode, fiscalYear: year, allocatedFen: allocations[p] },
                FINANCE_ACTOR,
              ),
            );
          }
          for (let i = 0; i < APPS; i++) {
            apps.push(
              await insertApplication(ds, program, enterpriseId, { fiscalYear: pools[i % POOLS].fiscalYear }),
            );
          }
          const modelPools: ModelPool[] = allocations.map((a) => ({
            allocated: a,
            reserved: 0,
            paid: 0,
            clawedBack: 0,
            recovered: 0,
          }));
          const modelApps: ModelApp[] = apps.map((_, i) => ({
            pool: i % POOLS,
            status: 'none',
            amount: 0,
            receivable: null,
          }));

          for (const c of commands) {
            const accept = expected(modelPools, modelApps, c);
            const outcome = await run(c, pools, apps).then(
              () => 'accepted',
              (e: unknown) => {
                if (e instanceof DomainError) return 'refused';
                throw e;
              },
            );
            expect({ command: c, outcome }).toEqual({ command: c, outcome: accept ? 'accepted' : 'refused' });
          }

          const ids = pools.map((p) => p.id);
          const derived = await ledger.balancesFromEntries(ds.manager, ids);
          const rows = await ds.manager.findBy(
            FundPoolEntity,
            ids.map((id) => ({ id })),
          );
          for (let p = 0; p < POOLS; p++) {
            const fromEntries = derived.get(ids[p])!;
            const row = rows.find((r) => r.id === ids[p])!;
            expect(balanceProblems(fromEntries)).toEqual([]);
            expect(fromEntries).toEqual(balancesOf(modelPools[p]));
            expect(fromEntries).toMatchObject({
              allocatedFen: row.allocatedFen,
              availableFen: row.availableFen,
              reservedFen: row.reservedFen,
              paidFen: row.paidFen,
              clawedBackFen: row.clawedBackFen,
              receivableFen: row.receivableFen,
              recoveredFen: row.recoveredFen,
            });
          }
          const unbalanced: unknown[] = await ds.query(
            `SELECT journal_id FROM ledger_entries WHERE pool_id = ANY($1) GROUP BY journal_id HAVING sum(amount_fen) <> 0`,
            [ids],
          );
          expect(unbalanced).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  });
});
